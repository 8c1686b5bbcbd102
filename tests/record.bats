#!/usr/bin/env bats
# record.bats - the record stream every filter reads and writes (lib/rec.c,
# lib/json.c; pe-record(5)): checked for each of pe-dates, pe-entities
# and pe-cite.

load helper

FILTERS="dates entities cite"

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

@test "a filter run over its own output changes nothing: its field is replaced, not added twice" {
	"$PE_BIN/pe-split" "$FIXTURES/entities-policy.txt" "$FIXTURES/cite-markdown.txt" \
	    > "$T/split.jsonl"
	for f in $FILTERS; do
		"$PE_BIN/pe-$f" "$T/split.jsonl" > "$T/once.jsonl" 2>/dev/null
		run --separate-stderr pe "$f" "$T/once.jsonl"
		assert_success
		diff -u "$T/once.jsonl" <(printf '%s\n' "$output") || fail "pe-$f"
	done
	# and the whole pipeline twice over
	"$PE_BIN/pe-dates" "$T/split.jsonl" | "$PE_BIN/pe-entities" |
	    "$PE_BIN/pe-cite" -q > "$T/once.jsonl"
	"$PE_BIN/pe-dates" "$T/once.jsonl" | "$PE_BIN/pe-entities" |
	    "$PE_BIN/pe-cite" -q > "$T/twice.jsonl"
	diff -u "$T/once.jsonl" "$T/twice.jsonl"
}

@test "a field of the filter's name the record had is dropped for the new one; the rest keep their place" {
	printf '%s\n' '{"doc":"a","id":"s1","kind":"sentence","entities":"old", "x" : [1, 2],"text":"米国は脱退した。"}' > "$T/in.jsonl"
	run pe entities "$T/in.jsonl"
	assert_success
	assert_output '{"doc":"a","id":"s1","kind":"sentence","x" : [1, 2],"text":"米国は脱退した。","entities":[{"text":"米国","type":"GPE","start":0,"end":2,"norm":"United States"}]}'
}

@test "a byte order mark before the first line is skipped, not a bad line" {
	printf '%s\n' '{"doc":"a","id":"s1","kind":"sentence","text":"米国は2026年1月7日に脱退した。"}' > "$T/plain.jsonl"
	{ printf '\357\273\277'; cat "$T/plain.jsonl"; } > "$T/bom.jsonl"
	for f in $FILTERS; do
		"$PE_BIN/pe-$f" "$T/plain.jsonl" > "$T/want"
		run --separate-stderr pe "$f" "$T/bom.jsonl"
		[ "$status" -eq 0 ] || fail "pe-$f: status $status: $stderr"
		[ -z "$stderr" ] || fail "pe-$f: $stderr"
		diff -u "$T/want" <(printf '%s\n' "$output") || fail "pe-$f"
	done
}

@test "escaped text is read decoded: offsets count the characters the escapes stand for" {
	printf '%s\n' '{"doc":"a","id":"s1","kind":"sentence","text":"\"\ud842\udfb7\"\n\u7c73\u56fd\u306f2026\u5e741\u67087\u65e5\u306b"}' > "$T/in.jsonl"
	run pe entities "$T/in.jsonl"
	assert_success
	[ "$(jq -c '.entities' <<<"$output")" = '[{"text":"米国","type":"GPE","start":4,"end":6,"norm":"United States"}]' ] ||
	    fail "$output"
	run pe dates --dct 2026-01-13 "$T/in.jsonl"
	assert_success
	[ "$(jq -c '.dates[0] | [.text, .start, .end, .value]' <<<"$output")" = '["2026年1月7日",7,16,"2026-01-07"]' ] ||
	    fail "$output"
}

@test "a line that is not JSON is named with FILE:LINE, what is wrong and the column" {
	printf '%s\n' '{"doc":"a","id":"s1","kind":"sentence","text":"ok"}' \
	    '{"doc":"a","id":"s2","kind":"sentence","text":"日本' \
	    '{"doc":"a","id":"s3","kind":"sentence","text":"x",}' \
	    '["an","array"]' > "$T/in.jsonl"
	for f in $FILTERS; do
		run --separate-stderr pe "$f" --keep-going "$T/in.jsonl"
		[ "$status" -eq 1 ] || fail "pe-$f: status $status"
		[ "${stderr_lines[0]}" = "pe-$f: $T/in.jsonl:2: not JSON: unterminated string (column 50)" ] ||
		    fail "pe-$f: $stderr"
		[ "${stderr_lines[1]}" = "pe-$f: $T/in.jsonl:3: not JSON: expected a string as the key (column 51)" ] ||
		    fail "pe-$f: $stderr"
		[ "${stderr_lines[2]}" = "pe-$f: $T/in.jsonl:4: not a JSON object" ] ||
		    fail "pe-$f: $stderr"
		# every line still there, in order
		[ "${#lines[@]}" -eq 4 ] || fail "pe-$f: $output"
		[ "${lines[3]}" = '["an","array"]' ] || fail "pe-$f: $output"
	done
}

@test "--format tsv decodes strings and writes other values as compact JSON" {
	printf '%s\n' '{"doc":"a","id":"s1","kind":"sentence","text":"tab\there \"q\" \u00e9","span":[ 0, 5 ]}' > "$T/in.jsonl"
	for f in $FILTERS; do
		run pe "$f" --format tsv "$T/in.jsonl"
		assert_success
		[ "${lines[1]%%	*}" = a ] || fail "pe-$f: $output"
		[[ ${lines[1]} == *'	tab\there "q" é'* ]] || fail "pe-$f: $output"
	done
}
