#!/usr/bin/env bats
#
# pe-entities: records in, the same records out with "entities" added.
# The rules pinned here are DESIGN.md (the record stream, entities[]) and
# the annotation rules of ../shared/gold/README.md (entities.jsonl).
# Inputs are the documents in fixtures/entities-*.txt (our own text, in
# the style of the corpus) or records written by the test itself.

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
}

# rec ID TEXT [KIND]: one record of document t.txt, as pe-split writes it.
rec() {
	jq -cn --arg id "$1" --arg t "$2" --arg k "${3:-sentence}" \
	    '{doc: "t.txt", id: $id, kind: $k, text: $t}'
}

# ents: the entities of the records on stdin as "TYPE text norm" lines.
ents() {
	pe entities "$@" | jq -r '.entities[]? | "\(.type) \(.text) \(.norm // "-")"'
}

# ---- golden files -----------------------------------------------------

@test "finds the entities of a policy commentary (golden, checked by hand)" {
	run --separate-stderr bash -c "'$PE_BIN/pe-split' --doc entities-policy.txt '$FIXTURES/entities-policy.txt' | '$PE_BIN/pe-entities' --each"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$GOLDEN/pe-entities/policy.jsonl")"
}

@test "finds treaties, acronyms, people and citations in notes (golden, checked by hand)" {
	run --separate-stderr bash -c "'$PE_BIN/pe-split' --doc entities-notes.txt '$FIXTURES/entities-notes.txt' | '$PE_BIN/pe-entities' --each"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$GOLDEN/pe-entities/notes.jsonl")"
}

@test "pe-entities(1) EXAMPLES print what the page says" {
	PATH="$PE_BIN:$PATH" run python3 "$TESTS_DIR/man-examples.py" "$TESTS_DIR/../man/pe-entities.1"
	echo "$output"
	assert_success
}

# ---- the record stream --------------------------------------------------

@test "writes every record back byte for byte, adding entities only where found" {
	printf '%s\n' '{"doc":"t.txt","id":"doc","kind":"doc","title":"x"}' \
	    '{"doc":"t.txt","id":"s1","kind":"sentence","text":"何もない文。", "extra" : [1, 2]}' \
	    '{"doc":"t.txt","id":"s2","kind":"sentence","text":42}' \
	    '{"doc":"t.txt","id":"s3","kind":"sentence","text":"日本の話。","z":{"a":1}}' > "$T/in.jsonl"
	run --separate-stderr pe entities "$T/in.jsonl"
	assert_success
	assert_equal "${lines[0]}" '{"doc":"t.txt","id":"doc","kind":"doc","title":"x"}'
	assert_equal "${lines[1]}" '{"doc":"t.txt","id":"s1","kind":"sentence","text":"何もない文。", "extra" : [1, 2]}'
	assert_equal "${lines[2]}" '{"doc":"t.txt","id":"s2","kind":"sentence","text":42}'
	assert_equal "${lines[3]}" '{"doc":"t.txt","id":"s3","kind":"sentence","text":"日本の話。","z":{"a":1},"entities":[{"text":"日本","type":"GPE","start":0,"end":2,"norm":"Japan"}]}'
	assert_equal "${#lines[@]}" 4
}

@test "offsets are code points of the text: text[start:end] is the mention, after 𠮷 and U+FFFD too" {
	rec s1 '𠮷野家の�前で、ＮＡＴＯとロ シ アと米国が会った。中国は 10 兆円を投じる。' | pe entities > "$T/out.jsonl"
	run python3 -c '
import json, sys
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for e in r.get("entities", []):
        if r["text"][e["start"]:e["end"]] != e["text"]:
            bad += 1
            print("bad", e)
print(len([e for l in open(sys.argv[1], encoding="utf-8") for e in json.loads(l).get("entities", [])]), "checked")
sys.exit(bad)' "$T/out.jsonl"
	assert_success
	assert_output "5 checked"
	run jq -c '[.entities[] | .text]' "$T/out.jsonl"
	assert_output '["ＮＡＴＯ","ロ シ ア","米国","中国","10 兆円"]'
}

@test "full-width letters and letter-spaced names are found, with the text as written" {
	run ents <<<"$(rec s1 'ＮＡＴＯとロ シ アはＷ　ＴＯで争った。')"
	assert_success
	assert_output "ORG ＮＡＴＯ NATO
GPE ロ シ ア Russia
ORG Ｗ　ＴＯ World Trade Organization"
}

@test "a Latin name is found only as a whole word: US in USAID is not the US" {
	run ents <<<"$(rec s1 'USAID and the US differ; a Russian visits Russia.')"
	assert_output "ORG USAID United States Agency for International Development
GPE US United States
GPE Russia Russia"
}

# ---- the gold rules -----------------------------------------------------

@test "one-character country abbreviations: 日米 is two, 対中 is one, 米政府 is 米 (gold rule 4)" {
	run ents <<<"$(rec s1 '日米と米中ロの関係、対中政策、米政府の判断、欧米の世論。')"
	assert_output "GPE 日 Japan
GPE 米 United States
GPE 米 United States
GPE 中 China
GPE ロ Russia
GPE 中 China
GPE 米 United States
LOC 欧 Europe
GPE 米 United States"
}

@test "abbreviations do not fire inside words: 今日中, 米粒, 朝日, 中心 (gold rule 4)" {
	run ents <<<"$(rec s1 '今日中に米粒を数え、朝日を見て、中心に戻る。')"
	assert_output ""
}

@test "a named compound wins over its parts: 日米地位協定, 在日米軍 (gold rules 1 and 5)" {
	run ents <<<"$(rec s1 '日米地位協定と在日米軍')"
	assert_output "TREATY 日米地位協定 Japan-US Status of Forces Agreement
ORG 在日米軍 United States Forces Japan"
}

@test "nationality and language words are no entities: 米国人, 日本語 (gold rule 7)" {
	run ents <<<"$(rec s1 '米国人は日本語を学び、日本人口は減る。')"
	assert_output "GPE 日本 Japan"
}

@test "a person is the name only, the title goes in title (gold rule 2)" {
	rec s1 'トランプ米大統領と石破首相、ブラウン国防長官が会った。' | pe entities --each > "$T/out.jsonl"
	run jq -r '"\(.type) \(.text) \(.title // "-")"' "$T/out.jsonl"
	assert_output "PERSON トランプ 米大統領
GPE 米 -
PERSON 石破 首相
PERSON ブラウン 国防長官"
}

@test "a known family name and an unknown given name before 氏 are a person; a company is no family and given name" {
	run ents <<<"$(rec s1 '会長の山田守道氏は富士通の出身だ。')"
	assert_output "PERSON 山田守道 -
ORG 富士通 -"
}

@test "an address is one place: prefecture and city, city and ward" {
	run ents <<<"$(rec s1 '本社は神奈川県藤沢市にあり、横浜市中区と大阪府にも拠点がある。')"
	assert_output "GPE 神奈川県藤沢市 -
GPE 横浜市中区 -
GPE 大阪府 Osaka"
}

@test "X政権 is an organization named after the person (gold rule 3)" {
	run ents <<<"$(rec s1 '第二次トランプ米政権とオバマ政権、そして政権の交代。')"
	assert_output "ORG 第二次トランプ米政権 second Trump administration
ORG オバマ政権 Obama administration"
}

@test "long form (ACRONYM): two mentions, one norm; a bare acronym later carries it (gold rule 6)" {
	{ rec s1 '東アジア海洋協力機構（EAMC）が発足した。'; rec s2 'EAMCの本部は那覇に置かれる。'; } > "$T/in.jsonl"
	run ents "$T/in.jsonl"
	assert_output "ORG 東アジア海洋協力機構 -
ORG EAMC -
ORG EAMC -
GPE 那覇 Naha"
	pe entities --each "$T/in.jsonl" | jq -r '.abbr // "-"' > "$T/abbr"
	assert_equal "$(sort -u "$T/abbr")" "-
EAMC"
}

@test "a name the document defines later is found in earlier records too" {
	{ rec s1 'ボルトンは条約に反対した。'; rec s2 'スティーブン・ボルトン氏は元補佐官である。'; } > "$T/in.jsonl"
	run ents "$T/in.jsonl"
	assert_output "PERSON ボルトン John Bolton
PERSON スティーブン・ボルトン -"
}

@test "a common noun before a suffix is no name: 軍縮条約 and 国際機関 are not entities" {
	run ents <<<"$(rec s1 '複数の軍縮条約と国際機関、そして欧州通常戦力条約。')"
	assert_output "TREATY 欧州通常戦力条約 Treaty on Conventional Armed Forces in Europe"
}

@test "money leaves out 約, percentages include 割 and ポイント, a range is one quantity (gold rule 10)" {
	rec s1 '約3500億ドル、7万2000ドル、$5,000、３割、30ポイント、500～5500 キロ。' | pe entities --each > "$T/out.jsonl"
	run jq -c '[.type, .text, .norm, .amount, .unit]' "$T/out.jsonl"
	assert_output '["MONEY","3500億ドル","USD 350000000000",350000000000,"USD"]
["MONEY","7万2000ドル","USD 72000",72000,"USD"]
["MONEY","$5,000","USD 5000",5000,"USD"]
["PERCENT","３割","30%",30,"%"]
["PERCENT","30ポイント","30 percentage points",30,"points"]
["QUANTITY","500～5500 キロ","500-5500 km",[500,5500],"km"]'
}

@test "fractions are percentages, a minus sign counts, kanji numerals after 約 are numbers, \"one of\" is no count" {
	rec s1 '議員の3分の2以上が賛成し、気温は-5度、約二百人が集まった。統一された。' | pe entities > "$T/out.jsonl"
	run jq -c '[.entities[] | [.text, .type, .amount]]' "$T/out.jsonl"
	assert_output '[["3分の2","PERCENT",66.67],["-5度","QUANTITY",-5],["二百人","QUANTITY",200]]'
	run ents <<<"$(rec s1 '課題の一つは、候補の1人が3人の秘書と来たことだ。')"
	assert_output "QUANTITY 3人 -"
}

@test "a list number ① is no quantity" {
	run ents <<<"$(rec s1 '① 台湾への影響')"
	assert_output "GPE 台湾 Taiwan"
}

@test "cited titles are works: 『…』, 記事「…」, *italics* in notes" {
	run ents <<<"$(rec s1 '『国際秩序の変容』と記事「同盟の行方」、そして「自由」。')"
	assert_output "WORK 国際秩序の変容 -
WORK 同盟の行方 -"
	run ents <<<"$(rec s1 '1 Hal Brands, *The Twilight Struggle* (New Haven: Yale, 2022).' footnote)"
	assert_output "PERSON Hal Brands Hal Brands
WORK The Twilight Struggle The Twilight Struggle"
}

# ---- gazetteers ------------------------------------------------------------

@test "--gazetteer adds names, and overrides the shipped norm for the same surface" {
	printf '# mine\n\n北方海洋研究会\tORG\tNorthern Sea Society\tNSS\n米国\tGPE\tUSA\n' > "$T/g.tsv"
	run ents --gazetteer "$T/g.tsv" <<<"$(rec s1 '北方海洋研究会は米国で開かれた。')"
	assert_success
	assert_output "ORG 北方海洋研究会 Northern Sea Society
GPE 米国 USA"
}

@test "a gazetteer entry of type - blocks a name and the names inside it" {
	printf 'ロシアン\t-\n日本海側\t-\n' > "$T/g.tsv"
	run ents --gazetteer "$T/g.tsv" <<<"$(rec s1 '日本海側の町。')"
	assert_output ""
}

@test "a malformed gazetteer line is reported as FILE:LINE, skipped, exit 1, records still written" {
	printf 'ok\tORG\n\nno type here\ntoo\tmany\tfields\tin\tline\nbad\tNATION\n\tORG\n米国\tGPE\tUS\n' > "$T/g.tsv"
	rec s1 '米国の話。' > "$T/in.jsonl"
	run --separate-stderr pe entities --gazetteer "$T/g.tsv" "$T/in.jsonl"
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "pe-entities: $T/g.tsv:3: no type: want surface<TAB>type[<TAB>norm[<TAB>abbr]]"
	assert_equal "${stderr_lines[1]}" "pe-entities: $T/g.tsv:4: more than 4 tab-separated fields (surface, type, norm, abbr)"
	assert_equal "${stderr_lines[2]}" "pe-entities: $T/g.tsv:5: unknown type (want PERSON, ORG, GPE, LOC, FAC, TREATY, LAW, EVENT, WORK, MONEY, PERCENT, QUANTITY or -)"
	assert_equal "${stderr_lines[3]}" "pe-entities: $T/g.tsv:6: empty surface"
	assert_equal "${#stderr_lines[@]}" 4
	assert_output '{"doc":"t.txt","id":"s1","kind":"sentence","text":"米国の話。","entities":[{"text":"米国","type":"GPE","start":0,"end":2,"norm":"US"}]}'
}

@test "a gazetteer line of invalid UTF-8 is reported with its line" {
	printf 'a\tORG\n\377\376\tORG\n' > "$T/g.tsv"
	run --separate-stderr pe entities --gazetteer "$T/g.tsv" </dev/null
	assert_failure 1
	assert_equal "$stderr" "pe-entities: $T/g.tsv:2: invalid UTF-8"
}

@test "an unreadable gazetteer is reported and the records still written, exit 1" {
	rec s1 '日本' > "$T/in.jsonl"
	run --separate-stderr pe entities --gazetteer "$T/none.tsv" "$T/in.jsonl"
	assert_failure 1
	assert_equal "$stderr" "pe-entities: $T/none.tsv: No such file or directory"
	assert_output --partial '"entities"'
}

@test "without its data files it says so and exits 2" {
	PE_DATA=$T run --separate-stderr "$PE_BIN/pe-entities" </dev/null
	# found next to the binary (build/../data) when PE_DATA has none
	if [ -d "$PE_BIN/../data" ]; then
		skip "data found next to the program"
	fi
	assert_failure 2
}

# ---- bad input --------------------------------------------------------------

@test "a line that is not JSON stops with FILE:LINE, after writing the records before it" {
	{ rec s1 '日本'; echo '{"doc":"t.txt",'; rec s3 '中国'; } > "$T/in.jsonl"
	run --separate-stderr pe entities "$T/in.jsonl"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_output --partial '"norm":"Japan"'
	assert_equal "${stderr%%:*}" "pe-entities"
	[[ "$stderr" == "pe-entities: $T/in.jsonl:2: not JSON"* ]]
}

@test "--keep-going passes a bad line through as it was and goes on, exit 1" {
	{ rec s1 '日本'; echo 'not json'; rec s3 '中国'; } > "$T/in.jsonl"
	run --separate-stderr pe entities --keep-going "$T/in.jsonl"
	assert_failure 1
	assert_equal "${#lines[@]}" 3
	assert_equal "${lines[1]}" "not json"
	assert_output --partial '"norm":"China"'
}

@test "invalid UTF-8 in a record becomes U+FFFD with FILE:LINE and the byte offset; the record is kept, exit 1" {
	printf '{"doc":"t.txt","id":"s1","kind":"sentence","text":"\377日本"}\n' > "$T/in.jsonl"
	rec s2 '米国' >> "$T/in.jsonl"
	run --separate-stderr pe entities "$T/in.jsonl"
	assert_failure 1
	assert_equal "$stderr" "pe-entities: $T/in.jsonl:1: invalid UTF-8 at byte 51 replaced by U+FFFD (1 bad byte)"
	assert_equal "${lines[0]}" '{"doc":"t.txt","id":"s1","kind":"sentence","text":"�日本","entities":[{"text":"日本","type":"GPE","start":1,"end":3,"norm":"Japan"}]}'
	assert_equal "${#lines[@]}" 2
}

@test "a record with a 1 MB text and NUL characters is annotated whole" {
	python3 -c '
import json
t = ("日本と米国の関係。\u0000" * 60000)
print(json.dumps({"doc": "big", "id": "s1", "kind": "sentence", "text": t}, ensure_ascii=False))' > "$T/big.jsonl"
	run --separate-stderr bash -c "'$PE_BIN/pe-entities' '$T/big.jsonl' | jq '.entities | length'"
	assert_success
	assert_output 120000
}

@test "documents are independent: a name one document defines is not used in the next" {
	{ rec s1 '未来外交機構（ZZQ）が開かれた。' | sed 's/t.txt/a.txt/'; rec s1 'ZZQは知らない。' | sed 's/t.txt/b.txt/'; } > "$T/in.jsonl"
	run ents "$T/in.jsonl"
	assert_output "ORG 未来外交機構 -
ORG ZZQ -"
}

# ---- output forms -------------------------------------------------------------

@test "--each writes one record per entity with doc and the parent id" {
	run pe entities --each <<<"$(rec s7 '日本と中国')"
	assert_output '{"doc":"t.txt","id":"s7","text":"日本","type":"GPE","start":0,"end":2,"norm":"Japan"}
{"doc":"t.txt","id":"s7","text":"中国","type":"GPE","start":3,"end":5,"norm":"China"}'
}

@test "--format csv writes the records with entities as JSON text" {
	run bash -c "'$PE_BIN/pe-entities' --format csv | tr -d '\\r'" <<<"$(rec s1 '日本')"
	assert_output 'doc,id,kind,text,entities
t.txt,s1,sentence,日本,"[{""text"":""日本"",""type"":""GPE"",""start"":0,""end"":2,""norm"":""Japan""}]"'
}
