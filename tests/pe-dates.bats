#!/usr/bin/env bats
#
# pe-dates: temporal expressions found in pe's records, normalized to
# TIMEX3 values against the document creation date.  The common command
# line is tested for every program in cli.bats; this file pins what is
# pe-dates' own.  Fixtures: tests/fixtures/dates-*; golden output, each
# record checked by hand: tests/golden/pe-dates/.

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
}

# dates FILE [PE-DATES-ARG]...: pe-split FILE | pe-dates, run in the
# fixtures directory so that "doc" is the bare file name.
dates() {
	local f=$1
	shift
	(cd "$FIXTURES" && "$PE_BIN/pe-split" "$f" | "$PE_BIN/pe-dates" "$@")
}

# values: "text=value" for every date of the records on stdin.
values() {
	jq -r 'select(.dates) | .dates[] | "\(.text)=\(.value)"'
}

@test "the man page's EXAMPLES give the output they show" {
	PATH="$PE_BIN:$PATH" run python3 "$TESTS_DIR/man-examples.py" "$TESTS_DIR/../man/pe-dates.1"
	assert_success
}

@test "a commentary with a dated header matches its golden output" {
	dates dates-commentary.txt > "$T/out.jsonl"
	diff -u "$GOLDEN/pe-dates/commentary.jsonl" "$T/out.jsonl"
}

@test "a PDF text with a footer date matches its golden output" {
	dates dates-pdf-footer.txt > "$T/out.jsonl"
	diff -u "$GOLDEN/pe-dates/pdf-footer.jsonl" "$T/out.jsonl"
}

@test "start and end are code points: text[start:end] is the annotation's text" {
	for f in dates-commentary.txt dates-pdf-footer.txt; do
		dates "$f" > "$T/out.jsonl"
		run python3 -c '
import json, sys
bad = n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for d in r.get("dates", []):
        n += 1
        if r["text"][d["start"]:d["end"]] != d["text"]:
            bad += 1
            print(r["id"], d)
print(n, "dates")
sys.exit(1 if bad or n == 0 else 0)' "$T/out.jsonl"
		assert_success
	done
}

@test "the DCT comes from a dated first line and is written on the doc record" {
	run dates dates-commentary.txt
	assert_success
	run jq -c 'select(.kind == "doc") | [.dct, .dct_from]' <<<"$output"
	assert_output '["2024-11-05","header"]'
}

@test "the DCT comes from a dated last line, at month precision" {
	run dates dates-pdf-footer.txt
	assert_success
	run jq -c 'select(.kind == "doc") | [.dct, .dct_from]' <<<"$output"
	assert_output '["2024-11","footer"]'
}

@test "relative and partial dates resolve against the DCT; 同日 against the date before" {
	dates dates-commentary.txt | values > "$T/v"
	grep -qx '11月1日=2024-11-01' "$T/v"
	grep -qx '同日=2024-11-01' "$T/v"
	grep -qx '昨年秋=2023-FA' "$T/v"
	grep -qx '約30年前=1994' "$T/v"
	grep -qx '来年度=FY2025' "$T/v"
}

@test "--dct wins over the document and is written with dct_from option" {
	run dates dates-commentary.txt --dct 2019-03
	assert_success
	run jq -c 'select(.kind == "doc") | [.dct, .dct_from]' <<<"$output"
	assert_output '["2019-03","option"]'
	dates dates-commentary.txt --dct 2019-03 | values > "$T/v"
	grep -qx '11月1日=2018-11-01' "$T/v"
	grep -qx '昨年秋=2018-FA' "$T/v"
}

@test "a dct already on the doc record is used and the record is left as it was" {
	run --separate-stderr "$PE_BIN/pe-dates" "$FIXTURES/dates-records.jsonl"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "$(head -n 1 "$FIXTURES/dates-records.jsonl")"
	run jq -r 'select(.dates) | .dates[] | "\(.text)=\(.value)"' <<<"$output"
	assert_output $'本年２月=2025-02\n昨年秋=2024-FA'
}

@test "records without text, or whose text is not a string, pass through byte for byte" {
	"$PE_BIN/pe-dates" "$FIXTURES/dates-records.jsonl" > "$T/out.jsonl"
	# every line but s1 (which gets dates) is its input line unchanged
	diff <(sed -n '1p;3,6p' "$FIXTURES/dates-records.jsonl") <(sed -n '1p;3,6p' "$T/out.jsonl")
	# s1 is its input line with ,"dates":[...] before the last brace
	run python3 -c '
import sys
a, b = open(sys.argv[1]).read().split("\n")[1], open(sys.argv[2]).read().split("\n")[1]
assert b.startswith(a[:-1] + ",\"dates\":[") and b.endswith("]}"), (a, b)' \
	    "$FIXTURES/dates-records.jsonl" "$T/out.jsonl"
	assert_success
}

@test "an invalid --dct is a usage error: one message, Try --help, exit 2" {
	for d in 2025-13-01 2025-02-29 20250101 yesterday 2025-1-5; do
		run --separate-stderr "$PE_BIN/pe-dates" --dct "$d" "$FIXTURES/dates-records.jsonl"
		assert_failure 2
		assert_output ""
		[[ ${stderr_lines[0]} == "pe-dates: --dct: '$d' is not a date"* ]] || fail "$d: $stderr"
		assert_equal "${stderr_lines[1]}" "Try 'pe-dates --help' for more information."
	done
}

@test "a doc record whose dct is no date is reported with FILE:LINE and not used" {
	printf '%s\n' '{"doc":"x","id":"doc","kind":"doc","dct":"soon"}' \
	    '{"doc":"x","id":"s1","kind":"sentence","text":"3月5日に"}' > "$T/in.jsonl"
	run --separate-stderr "$PE_BIN/pe-dates" "$T/in.jsonl"
	assert_success
	[[ $stderr == "pe-dates: $T/in.jsonl:1: the doc record's dct is not a date"* ]] || fail "$stderr"
	assert_equal "${lines[0]}" '{"doc":"x","id":"doc","kind":"doc","dct":"soon"}'
	run jq -r '.dates[0].value' <<<"${lines[1]}"
	assert_output 'XXXX-03-05'
}

@test "a line that is not JSON: FILE:LINE, the records before it written, exit 1" {
	{ head -n 2 "$FIXTURES/dates-records.jsonl"; echo '{"doc":"r.txt", oops'; tail -n 1 "$FIXTURES/dates-records.jsonl"; } > "$T/in.jsonl"
	run --separate-stderr "$PE_BIN/pe-dates" "$T/in.jsonl"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 1
	[[ ${stderr_lines[0]} == "pe-dates: $T/in.jsonl:3: not JSON"* ]] || fail "$stderr"
	assert_equal "${#lines[@]}" 2
	run jq -r '.dates[0].text' <<<"${lines[1]}"
	assert_output '本年２月'
}

@test "--keep-going passes the bad line through as it was and exits 1" {
	{ head -n 2 "$FIXTURES/dates-records.jsonl"; echo 'not json at all'; tail -n 1 "$FIXTURES/dates-records.jsonl"; } > "$T/in.jsonl"
	run --separate-stderr "$PE_BIN/pe-dates" --keep-going "$T/in.jsonl"
	assert_failure 1
	[[ ${stderr_lines[0]} == "pe-dates: $T/in.jsonl:3: not JSON"* ]] || fail "$stderr"
	assert_equal "${#lines[@]}" 4
	assert_equal "${lines[2]}" 'not json at all'
	assert_equal "${lines[3]}" "$(tail -n 1 "$FIXTURES/dates-records.jsonl")"
}

@test "a 50 MB text field is read whole and its dates placed at the right offsets" {
	python3 -c '
import json
t = "a" * 50_000_000 + "。2024年3月1日に終えた。" + "い" * 1000 + "昨年"
print(json.dumps({"doc": "big", "id": "doc", "kind": "doc", "dct": "2025-05"}))
print(json.dumps({"doc": "big", "id": "s1", "kind": "sentence", "text": t}, ensure_ascii=False))' > "$T/big.jsonl"
	run --separate-stderr bash -c '"$1" "$2" | tail -n 1 | jq -c "[.dates[] | [.text, .value, .start, .end]]"' _ "$PE_BIN/pe-dates" "$T/big.jsonl"
	assert_success
	assert_equal "$stderr" ""
	assert_output '[["2024年3月1日","2024-03-01",50000001,50000010],["昨年","2024",50001015,50001017]]'
}

@test "> /dev/full is a write error: one message, exit 2" {
	run --separate-stderr bash -c '"$1" "$2" > /dev/full' _ "$PE_BIN/pe-dates" "$FIXTURES/dates-records.jsonl"
	assert_failure 2
	[[ $stderr == "pe-dates: "*"write error"* ]] || fail "$stderr"
}

@test "a closed pipe ends quietly" {
	for i in $(seq 300); do cat "$FIXTURES/dates-records.jsonl"; done > "$T/many.jsonl"
	run --separate-stderr bash -c '"$1" "$2" | head -n 1 > /dev/null; echo "${PIPESTATUS[0]}"' _ "$PE_BIN/pe-dates" "$T/many.jsonl"
	assert_success
	assert_equal "$stderr" ""
	[[ $output == 0 || $output == 141 ]] || fail "exit $output"
}

@test "nothing is read in URLs, document symbols, phone numbers, postcodes, quantities" {
	printf '%s\n' '{"doc":"n","id":"s1","kind":"sentence","text":"https://example.org/2019/02/07/a.html A/59/2005 S/RES/1645 TEL：03-3948-7255 〒160-0022 500～5500 キロ GDP比3.5% 2億7,765万円 v2.0.1 第2次 前年比 今日の世界"}' > "$T/in.jsonl"
	run "$PE_BIN/pe-dates" "$T/in.jsonl"
	assert_success
	assert_output "$(cat "$T/in.jsonl")"
}

@test "without any DCT partial dates keep XXXX, absolute ones do not" {
	printf '%s\n' '{"doc":"n","id":"s1","kind":"sentence","text":"12月14日に、2020年1月の計画を20日に改めた。"}' > "$T/in.jsonl"
	run bash -c '"$1" "$2" | jq -r ".dates[] | .value"' _ "$PE_BIN/pe-dates" "$T/in.jsonl"
	assert_success
	assert_output $'XXXX-12-14\n2020-01\nXXXX-XX-20'
}

@test "--each writes one record per date with the parent's doc and id" {
	run bash -c '"$1" --each "$2" | jq -c "[.doc, .id, .text, .value]"' _ "$PE_BIN/pe-dates" "$FIXTURES/dates-records.jsonl"
	assert_success
	assert_output $'["r.txt","s1","本年２月","2025-02"]\n["r.txt","s1","昨年秋","2024-FA"]'
}

@test "--each --format tsv has one fixed header and a row per date" {
	run "$PE_BIN/pe-dates" --each --format tsv "$FIXTURES/dates-records.jsonl"
	assert_success
	assert_equal "${lines[0]}" $'doc\tid\ttext\ttype\tvalue\tstart\tend\tmod\tanchor\tfreq\tquant\trange'
	assert_equal "${#lines[@]}" 3
	assert_equal "${lines[1]}" $'r.txt\ts1\t本年２月\tDATE\t2025-02\t0\t4\t\tdct\t\t\t'
}

@test "a range gives both ends the range's two values" {
	printf '%s\n' '{"doc":"n","id":"s1","kind":"sentence","text":"1970年代後半から1980年代前半にかけて配備された。"}' > "$T/in.jsonl"
	run bash -c '"$1" "$2" | jq -c ".dates[] | [.text, .value, .mod, .range]"' _ "$PE_BIN/pe-dates" "$T/in.jsonl"
	assert_success
	assert_output $'["1970年代後半","197","END",["197","198"]]\n["1980年代前半","198","START",["197","198"]]'
}

@test "the data files are read from PE_DATA; a bad line there names FILE:LINE and exits 2" {
	mkdir -p "$T/data"
	cp "$PE_DATA"/dates-*.tsv "$T/data/"
	printf '今期\tyear\n' >> "$T/data/dates-words.tsv"
	run --separate-stderr env PE_DATA="$T/data" "$PE_BIN/pe-dates" "$FIXTURES/dates-records.jsonl"
	assert_failure 2
	[[ $stderr == *"$T/data/dates-words.tsv:"*": bad argument for class year"* ]] || fail "$stderr"
}

@test "a word added to the data file is read" {
	mkdir -p "$T/data"
	cp "$PE_DATA"/dates-*.tsv "$T/data/"
	printf '今期\tyear\t0\n' >> "$T/data/dates-words.tsv"
	printf '%s\n' '{"doc":"n","id":"s1","kind":"sentence","text":"今期の決算"}' > "$T/in.jsonl"
	run bash -c 'PE_DATA="$3" "$1" --dct 2025-05 "$2" | jq -r ".dates[0] | .text + \"=\" + .value"' _ "$PE_BIN/pe-dates" "$T/in.jsonl" "$T/data"
	assert_success
	assert_output '今期=2025'
}
