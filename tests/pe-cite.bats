#!/usr/bin/env bats
#
# pe-cite: markers linked to notes, URLs, document symbols, quotation
# credits, references parsed into CSL-JSON, and the bad input every
# filter must survive.  Fixtures are our own documents
# (tests/fixtures/cite-*); golden files (tests/golden/pe-cite/) were
# checked record by record.

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
	export PATH="$PE_BIN:$PATH"
}

# cite FILTER FIXTURE...: pe-split | pe-cite over fixtures, through jq -c.
cite() {
	local filter=$1
	shift
	(cd "$FIXTURES" && "$PE_BIN/pe-split" "$@") | "$PE_BIN/pe-cite" -q |
	    jq -c "$filter"
}

# rec JSON...: one record a line on stdout.
rec() {
	printf '%s\n' "$@"
}

@test "golden: Markdown notes after a --- rule" {
	run --separate-stderr pe cite "$FIXTURES/cite-markdown.jsonl"
	assert_success
	assert_equal "$stderr" ""
	diff -u "$GOLDEN/pe-cite/cite-markdown.jsonl" <(printf '%s\n' "$output")
}

@test "golden: PDF notes before the body, bare digit markers, a quotation credit" {
	run --separate-stderr pe cite "$FIXTURES/cite-pdf.jsonl"
	assert_success
	assert_equal "$stderr" ""
	diff -u "$GOLDEN/pe-cite/cite-pdf.jsonl" <(printf '%s\n' "$output")
}

@test "golden: one-line references in English and Japanese styles" {
	run --separate-stderr pe cite "$FIXTURES/cite-refs.jsonl"
	assert_success
	assert_equal "$stderr" ""
	diff -u "$GOLDEN/pe-cite/cite-refs.jsonl" <(printf '%s\n' "$output")
}

@test "links every <sup> marker to its note after the rule, from raw text" {
	run cite 'select(.cites) | .cites[] | select(.kind == "marker") | [.marker, .note]' cite-markdown.txt
	assert_success
	assert_output $'["i","s10"]\n["ii","s11"]\n["iii","s12"]\n["iv","s13"]'
}

@test "links bare-digit markers to notes numbered 1 2 under a --- rule" {
	printf '%s\n' '本文である1。さらに続く2。' '' '---' '' \
	    '1 山田太郎「日本の外交」『外交』2020年、10頁。' '2 同上、12頁。' > "$T/notes.md"
	run cite 'select(.cites) | .cites[] | [.text, .note]' "$T/notes.md"
	assert_success
	assert_output $'["1","s3"]\n["2","s4"]'
}

@test "takes bare digits after a quote or a word for markers, not 4 年毎 or 2016 年" {
	run cite 'select(.cites) | .cites[] | select(.kind == "marker") | [.text, .note]' cite-pdf.txt
	assert_success
	assert_output $'["1","s3"]\n["2","s4"]\n["3","s14"]'
}

@test "bare digits are no markers when the document has no note of that number" {
	run --separate-stderr bash -c 'rec() { printf "%s\n" "$@"; }; rec '"'"'{"doc":"a","id":"s1","kind":"sentence","text":"報告書4の件"}'"'"' | pe-cite'
	assert_success
	refute_output --partial cites
	assert_equal "$stderr" ""
}

@test "Markdown footnotes [^1] and their [^1]: notes are linked" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"A claim.[^1] Another[^2]."}' \
	    '{"doc":"a","id":"s2","kind":"footnote","text":"[^1]: Doe, J. (2020). A title. London: Penguin."}' \
	    '{"doc":"a","id":"s3","kind":"sentence","text":"[^2]: Roe, R. Another book. Paris: Seuil, 1999."}' > "$T/in.jsonl"
	run pe cite -q "$T/in.jsonl"
	assert_success
	run jq -c 'select(.cites) | .cites[] | [.marker, .note]' <<<"$output"
	assert_output $'["1","s2"]\n["2","s3"]'
}

@test "※1, 注2, （注3）, ¹ and [4] markers find notes written alike" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"甲である※1。乙である注2。丙である（注3）。丁である¹。戊である[4]。"}' \
	    '{"doc":"a","id":"s2","kind":"heading","text":"注"}' \
	    '{"doc":"a","id":"s3","kind":"list-item","text":"※1 第一の注。"}' \
	    '{"doc":"a","id":"s4","kind":"list-item","text":"注2 第二の注。"}' \
	    '{"doc":"a","id":"s5","kind":"list-item","text":"3. 第三の注。"}' \
	    '{"doc":"a","id":"s6","kind":"list-item","text":"1 第四の注。"}' \
	    '{"doc":"a","id":"s7","kind":"list-item","text":"4 第五の注。"}' > "$T/in.jsonl"
	run pe cite -q "$T/in.jsonl"
	assert_success
	run jq -c 'select(.cites) | .cites[] | [.text, .marker, .note]' <<<"$output"
	assert_output $'["※1","1","s3"]\n["注2","2","s4"]\n["（注3）","3","s5"]\n["¹","1","s6"]\n["[4]","4","s7"]'
}

@test "a marker with no note and a note nobody cites are reported with FILE:LINE" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"A<sup>i</sup> and B<sup>ii</sup>."}' \
	    '{"doc":"a","id":"s2","kind":"footnote","text":"<sup>i</sup> A note."}' \
	    '{"doc":"a","id":"s3","kind":"footnote","text":"<sup>iii</sup> Another."}' > "$T/in.jsonl"
	run --separate-stderr pe cite "$T/in.jsonl"
	assert_success
	assert_equal "${stderr_lines[0]}" "pe-cite: $T/in.jsonl:1: marker 'ii' in s1 has no note"
	assert_equal "${stderr_lines[1]}" "pe-cite: $T/in.jsonl:3: note 'iii' (s3) is cited nowhere"
	run --separate-stderr pe cite -q "$T/in.jsonl"
	assert_equal "$stderr" ""
}

@test "URLs: Markdown link target, <> and ) stripped, \\_ undone, e-mail as mailto:" {
	rec '{"doc":"a","id":"s1","kind":"footnote","text":"<sup>i</sup> Site, 2020(<https://ex.org/a/>). ([https://ex.org/b\\\\_c](https://ex.org/b_c))。 Mail: info@ex.org"}' > "$T/in.jsonl"
	run pe cite -q "$T/in.jsonl"
	assert_success
	run jq -c '.cites[] | [.kind, .url]' <<<"$output"
	assert_output $'["url","https://ex.org/a/"]\n["url","https://ex.org/b_c"]\n["url","mailto:info@ex.org"]'
}

@test "a URL broken over a line is joined; later copies are marked repeat" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"See https://ex.org/reports/2019/ annual-review.pdf for it."}' \
	    '{"doc":"a","id":"s2","kind":"url","text":"https://ex.org/reports/2019/annual-review.pdf"}' > "$T/in.jsonl"
	run pe cite "$T/in.jsonl"
	assert_success
	run jq -c '.cites[] | [.url, .repeat]' <<<"$output"
	assert_output $'["https://ex.org/reports/2019/annual-review.pdf",null]\n["https://ex.org/reports/2019/annual-review.pdf",true]'
}

@test "S/RES/1645-A/RES/60/180 is two symbols; para.114 is a locator; S/RES/ in a URL is none" {
	rec '{"doc":"a","id":"s1","kind":"footnote","text":"1 UN Documents, S/RES/1645-A/RES/60/180; A/59/2005, para.114. https://ex.org/S/RES/1"}' > "$T/in.jsonl"
	run pe cite -q "$T/in.jsonl"
	assert_success
	run jq -c '.cites[] | select(.kind == "document-symbol") | [.symbol, .locator]' <<<"$output"
	assert_output $'["S/RES/1645",null]\n["A/RES/60/180",null]\n["A/59/2005","114"]'
}

@test "the source line under a quotation is its quote-source, tied to every quote record" {
	rec '{"doc":"a","id":"s1","kind":"quote","text":"“Ports shall report."}' \
	    '{"doc":"a","id":"s2","kind":"quote","text":"Reports shall be public.”"}' \
	    '{"doc":"a","id":"s3","kind":"reference","text":"Senator Maria Lopez, May 2021"}' > "$T/in.jsonl"
	run pe cite "$T/in.jsonl"
	assert_success
	run jq -c 'if .csl then .csl else [.cites[].note] end' <<<"$output"
	assert_output $'["s3"]\n["s3"]\n{"id":"s3","type":"document","author":[{"family":"Lopez","given":"Maria"}],"issued":{"date-parts":[[2021,5]]}}'
}

@test "日経電子版1月8日付 takes its year from the doc record's dct, else a dated line" {
	rec '{"doc":"a","id":"doc","kind":"doc","dct":"2024-02-10"}' \
	    '{"doc":"a","id":"s1","kind":"footnote","text":"※1 日経電子版1月8日付「港の話」を参照。"}' \
	    '{"doc":"b","id":"doc","kind":"doc"}' \
	    '{"doc":"b","id":"s1","kind":"meta","text":"2019年3月1日"}' \
	    '{"doc":"b","id":"s2","kind":"footnote","text":"※1 日経電子版1月8日付「港の話」を参照。"}' > "$T/in.jsonl"
	run pe cite -q "$T/in.jsonl"
	assert_success
	run jq -c 'select(.csl) | [.csl.issued, .csl["container-title"], .csl.type]' <<<"$output"
	assert_output $'[{"date-parts":[[2024,1,8]]},"日経電子版","article-newspaper"]\n[{"date-parts":[[2019,1,8]]},"日経電子版","article-newspaper"]'
}

@test "every csl item has an id and a type and only CSL-JSON variables" {
	run bash -c "'$PE_BIN/pe-cite' -q '$FIXTURES/cite-refs.jsonl' '$FIXTURES/cite-markdown.jsonl' '$FIXTURES/cite-pdf.jsonl'"
	assert_success
	run python3 -c '
import json, sys
ok = set("""type id citation-key categories language journalAbbreviation shortTitle
author chair collection-editor compiler composer container-author contributor curator
director editor editorial-director executive-producer guest host interviewer illustrator
narrator organizer original-author performer producer recipient reviewed-author
script-writer series-creator translator accessed available-date event-date issued
original-date submitted abstract annote archive archive_collection archive_location
archive-place authority call-number chapter-number citation-number citation-label
collection-number collection-title container-title container-title-short dimensions
division DOI edition event event-title event-place first-reference-note-number genre
ISBN ISSN issue jurisdiction keyword locator medium note number number-of-pages
number-of-volumes original-publisher original-publisher-place original-title page
page-first part part-title PMCID PMID printing publisher publisher-place references
reviewed-genre reviewed-title scale section source status supplement title title-short
URL version volume volume-title volume-title-short year-suffix custom""".split())
names = {"family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"}
n = 0
for line in sys.stdin:
    r = json.loads(line)
    c = r.get("csl")
    for it in (c if isinstance(c, list) else [c] if c else []):
        n += 1
        assert it.get("id") and it.get("type"), it
        assert set(it) <= ok, set(it) - ok
        for k in ("author", "editor", "translator"):
            for nm in it.get(k, []):
                assert set(nm) <= names, nm
        for k in ("issued", "accessed"):
            if k in it:
                assert all(isinstance(x, int) for x in it[k]["date-parts"][0]), it[k]
        for k, v in it.items():
            if k not in ("author", "editor", "translator", "issued", "accessed"):
                assert isinstance(v, str), (k, v)
print(n)' <<<"$output"
	assert_success
	[[ $output -ge 20 ]]
}

@test "records without text, or with text that is not a string, pass through unchanged" {
	rec '{"doc":"a","id":"s1","kind":"footnote"}' \
	    '{"doc":"a","id":"s2","kind":"footnote","text":42,"x":[1,2]}' \
	    '{"doc":"a","id":"s3","kind":"sentence","text":null}' > "$T/in.jsonl"
	run pe cite "$T/in.jsonl"
	assert_success
	diff -u "$T/in.jsonl" <(printf '%s\n' "$output")
}

@test "pe-cite over its own output changes nothing (no field twice)" {
	"$PE_BIN/pe-cite" -q "$FIXTURES/cite-pdf.jsonl" > "$T/once.jsonl"
	run pe cite -q "$T/once.jsonl"
	assert_success
	diff -u "$T/once.jsonl" <(printf '%s\n' "$output")
}

@test "fields pe-cite does not own pass through byte for byte" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"See https://ex.org/x.", "dates" : [ ],"z":1.50}' > "$T/in.jsonl"
	run pe cite "$T/in.jsonl"
	assert_success
	assert_output '{"doc":"a","id":"s1","kind":"sentence","text":"See https://ex.org/x.", "dates" : [ ],"z":1.50,"cites":[{"text":"https://ex.org/x","start":4,"end":20,"kind":"url","url":"https://ex.org/x"}]}'
}

@test "a line that is not JSON stops with FILE:LINE after the records before it" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"x"}' 'not json' \
	    '{"doc":"a","id":"s2","kind":"sentence","text":"y"}' > "$T/in.jsonl"
	run --separate-stderr pe cite "$T/in.jsonl"
	assert_failure 1
	assert_output '{"doc":"a","id":"s1","kind":"sentence","text":"x"}'
	[[ ${stderr_lines[0]} == "pe-cite: $T/in.jsonl:2: not JSON"* ]] || fail "stderr: $stderr"
}

@test "--keep-going passes a bad line through, goes on, exits 1" {
	rec '{"doc":"a","id":"s1","kind":"sentence","text":"x"}' 'not json' \
	    '{"doc":"a","id":"s2","kind":"sentence","text":"y"}' > "$T/in.jsonl"
	run --separate-stderr pe cite --keep-going "$T/in.jsonl"
	assert_failure 1
	diff -u "$T/in.jsonl" <(printf '%s\n' "$output")
	[[ ${stderr_lines[0]} == "pe-cite: $T/in.jsonl:2: not JSON"* ]] || fail "stderr: $stderr"
}

@test "a 50 MB text field is read and annotated in full" {
	local n
	n=$(python3 -c '
import json, sys
p = "本文の注<sup>i</sup>と https://ex.org/p_q と S/RES/1 を見る。"
n = 50 * 2**20 // len(p.encode()) + 1
t = p * n
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"doc": "a", "id": "s1", "kind": "sentence", "text": t}, ensure_ascii=False) + "\n")
    f.write(json.dumps({"doc": "a", "id": "s2", "kind": "footnote", "text": "<sup>i</sup> " + t}, ensure_ascii=False) + "\n")
print(n)' "$T/big.jsonl")
	[[ $(stat -c %s "$T/big.jsonl") -gt 100000000 ]]
	run --separate-stderr bash -c "'$PE_BIN/pe-cite' -q '$T/big.jsonl' | jq -c '[.id, (.cites | length), (.csl | type), (.text | length)]'"
	assert_success
	# s1: a marker, a URL and a symbol each time; s2, the note: the URL
	# and the symbol (its own markers are not markers), and a csl item
	# for each of the first symbols (a note citing several documents)
	assert_output "[\"s1\",$((3 * n)),\"null\",$((51 * n))]"$'\n'"[\"s2\",$((2 * n)),\"array\",$((51 * n + 13))]"
}

@test "> /dev/full is a write error, exit 2; | head is quiet" {
	run --separate-stderr bash -c "'$PE_BIN/pe-cite' '$FIXTURES/cite-refs.jsonl' > /dev/full"
	assert_failure 2
	[[ $stderr == *"write error"* ]] || fail "stderr: $stderr"
	for i in $(seq 300); do cat "$FIXTURES/cite-pdf.jsonl"; done > "$T/many.jsonl"
	run --separate-stderr bash -c "'$PE_BIN/pe-cite' -q '$T/many.jsonl' | head -n 1 > /dev/null"
	assert_success
	assert_equal "$stderr" ""
}

@test "--each writes one object per citation item, --format tsv one row each" {
	run pe cite --each "$FIXTURES/cite-pdf.jsonl"
	assert_success
	run jq -r '.kind' <<<"$output"
	assert_output $'footnote\nfootnote\nmarker\nmarker\nquote-source\nquote-source\nquote-source\nurl\nurl\nurl\nfootnote\nmarker'
	run pe cite --each --format tsv "$FIXTURES/cite-pdf.jsonl"
	assert_success
	assert_equal "${lines[0]}" $'doc\tid\tkind\ttext\tstart\tend\tmarker\tnote\turl\trepeat\tsymbol\tauthority\tlocator\tcsl'
	assert_equal "${#lines[@]}" 13
}

@test "pe-cite(1) EXAMPLES print what the page says" {
	run python3 "$BATS_TEST_DIRNAME/man-examples.py" "$BATS_TEST_DIRNAME/../man/pe-cite.1"
	echo "$output"
	assert_success
}
