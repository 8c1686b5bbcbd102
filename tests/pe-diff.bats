#!/usr/bin/env bats
#
# pe-diff: two versions of a document compared record by record, keyed
# comparisons (--by), and facts that documents state differently
# (--conflicts).  The rules pinned here are issue 6 and DESIGN.md's
# `edit`, `set` and `conflict` records.  Inputs are our own: hand-made
# record files in fixtures/ (diff-*.jsonl, diff-wrap-*.txt), records
# written by the test itself, and generated pairs whose differences are
# known exactly (bench/pe-diff-gen.py).

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
	V1=$FIXTURES/diff-v1.jsonl
	V2=$FIXTURES/diff-v2.jsonl
	GEN=$TESTS_DIR/../bench/pe-diff-gen.py
}

# rec ID KIND TEXT: one unit record of document a.txt.
rec() {
	jq -cn --arg id "$1" --arg kind "$2" --arg text "$3" \
	    '{doc: "a.txt", id: $id, kind: $kind, text: $text}'
}

# ops FILE...: pe-diff's edits as "op old-ids new-ids" lines.
ops() {
	pe diff "$@" | jq -r '[.op,
	    (.old | if type == "array" then map(.id) | join("+") else .id // "-" end),
	    (.new | if type == "array" then map(.id) | join("+") else .id // "-" end)] | join(" ")'
}

# ---- two versions -----------------------------------------------------

@test "the revised fixture gives the edits checked by hand (golden file)" {
	run --separate-stderr pe diff "$V1" "$V2"
	assert_success
	assert_equal "$stderr" ""
	diff -u "$GOLDEN/pe-diff/v1-v2.jsonl" <(printf '%s\n' "$output")
}

@test "reports a sentence cut in two as one split edit, old 1 and new 2" {
	run ops "$V1" "$V2"
	assert_line "split s5 s6+s7"
}

@test "reports two sentences joined as one merge edit, old 2 and new 1" {
	run ops "$V1" "$V2"
	assert_line "merge s11+s12 s13"
}

@test "reports a sentence taken elsewhere as a move from its old id to its new one" {
	run ops "$V1" "$V2"
	assert_line "move s16 s4"
	# and nothing else about it: it is neither deleted nor inserted
	run bash -c "'$PE_BIN/pe-diff' '$V1' '$V2' | jq -r 'select(.op == \"delete\" or .op == \"insert\") | (.old.text // .new.text)'"
	refute_output --partial "議長国"
}

@test "reports the same text under another kind as a retag" {
	run bash -c "'$PE_BIN/pe-diff' '$V1' '$V2' | jq -c 'select(.op == \"retag\") | [.old.kind, .new.kind, .old.text == .new.text]'"
	assert_output '["list-item","heading",true]'
}

@test "snaps Japanese edits to words: 表明した against 発表した reads 表明 → 発表" {
	rec s1 sentence "日本政府は協議を続けると表明した。" > "$T/old.jsonl"
	rec s1 sentence "日本政府は協議を続けると発表した。" > "$T/new.jsonl"
	run --separate-stderr pe diff "$T/old.jsonl" "$T/new.jsonl"
	assert_success
	run jq -c '.ops' <<<"$output"
	assert_output '[["=","日本政府は協議を続けると"],["-","表明"],["+","発表"],["=","した。"]]'
}

@test "an edit inside a long text is snapped to words and the rest is one = run on each side" {
	local a="" i
	for i in $(seq 300); do a+="各国は協議を続けると表明した。"; done
	rec s1 sentence "${a}日本政府は協議を続けると表明した。${a}" > "$T/old.jsonl"
	rec s1 sentence "${a}日本政府は協議を続けると発表した。${a}" > "$T/new.jsonl"
	run --separate-stderr pe diff "$T/old.jsonl" "$T/new.jsonl"
	assert_success
	run jq -c --arg a "$a" '.ops | [.[0][1] == $a + "日本政府は協議を続けると", .[1], .[2], .[3][1] == "した。" + $a, length]' <<<"$output"
	assert_output '[true,["-","表明"],["+","発表"],true,4]'
}

@test "--granularity char gives code points, none the whole texts" {
	rec s1 sentence "協議を表明した。" > "$T/old.jsonl"
	rec s1 sentence "協議を発表した。" > "$T/new.jsonl"
	run bash -c "'$PE_BIN/pe-diff' --granularity char '$T/old.jsonl' '$T/new.jsonl' | jq -c .ops"
	assert_output '[["=","協議を"],["+","発"],["=","表"],["-","明"],["=","した。"]]'
	rec s1 sentence "協議を表す。" > "$T/new.jsonl"
	run bash -c "'$PE_BIN/pe-diff' --granularity char '$T/old.jsonl' '$T/new.jsonl' | jq -c .ops"
	assert_output '[["=","協議を表"],["-","明した"],["+","す"],["=","。"]]'
	run bash -c "'$PE_BIN/pe-diff' --granularity none '$T/old.jsonl' '$T/new.jsonl' | jq -c .ops"
	assert_output '[["-","協議を表明した。"],["+","協議を表す。"]]'
}

@test "takes full-width digits and their ASCII forms as the same text" {
	rec s1 sentence "費用は年間約３０億円に上る。" > "$T/old.jsonl"
	rec s9 sentence "費用は年間約30億円に上る。" > "$T/new.jsonl"
	run --separate-stderr pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_success
	assert_output ""
	# in the revised fixture too: that record is in no edit
	run grep -c '監視船' "$GOLDEN/pe-diff/v1-v2.jsonl"
	assert_output 0
}

@test "a PDF re-wrap that changes only line breaks comes out same" {
	"$PE_BIN/pe-split" --doc report.txt "$FIXTURES/diff-wrap-a.txt" > "$T/a.jsonl"
	"$PE_BIN/pe-split" --doc report.txt "$FIXTURES/diff-wrap-b.txt" > "$T/b.jsonl"
	# the files differ (lines, spans) but not the units' contents
	! cmp -s "$T/a.jsonl" "$T/b.jsonl"
	run --separate-stderr pe diff --exit-code "$T/a.jsonl" "$T/b.jsonl"
	assert_success
	assert_output ""
	run bash -c "'$PE_BIN/pe-diff' --summary '$T/a.jsonl' '$T/b.jsonl' | jq -c '[.same, .old_records, .change, .insert, .delete]'"
	assert_output '[11,11,0,0,0]'
}

@test "spacing changed inside Japanese text is same; between Latin words only with -w" {
	rec s1 sentence "NATOに加盟する国は増えた。" > "$T/old.jsonl"
	rec s1 sentence "NATO に加盟 する国は増えた。" > "$T/new.jsonl"
	run pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_success
	rec s1 sentence "the free world" > "$T/old.jsonl"
	rec s1 sentence "the freeworld" > "$T/new.jsonl"
	run pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_failure 1
	run pe diff --exit-code -w "$T/old.jsonl" "$T/new.jsonl"
	assert_success
}

@test "-i ignores case in texts" {
	rec s1 sentence "The United Nations met." > "$T/old.jsonl"
	rec s1 sentence "the united nations met." > "$T/new.jsonl"
	run pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_failure 1
	run pe diff --exit-code -i "$T/old.jsonl" "$T/new.jsonl"
	assert_success
}

@test "reports a date whose value moved as an annot edit with the old and new annotation" {
	run bash -c "'$PE_BIN/pe-diff' '$V1' '$V2' | jq -c 'select(.op == \"annot\") | .annots[] | [.field, .op, .text, .old.value, .new.value]'"
	assert_output '["dates","change","2025年11月","2025-11","2025-10"]'
}

@test "--min-sim above a change's similarity makes it a deletion and an insertion" {
	rec s1 sentence "日本政府は協議を続けると表明した。" > "$T/old.jsonl"
	rec s1 sentence "日本政府は協議を続けると発表した。" > "$T/new.jsonl"
	run ops --min-sim 0.99 "$T/old.jsonl" "$T/new.jsonl"
	assert_output $'delete s1 -\ninsert - s1'
	run pe diff --min-sim 2 "$T/old.jsonl" "$T/new.jsonl"
	assert_failure 2
}

@test "--no-moves reports a moved record as deleted and inserted" {
	run ops --no-moves "$V1" "$V2"
	refute_line --partial "move "
	assert_line "delete s16 -"
	assert_line "insert - s4"
}

@test "--all writes every record, same ones as op same; -U 1 one on each side of an edit" {
	run bash -c "'$PE_BIN/pe-diff' --all '$V1' '$V2' | jq -r .op | sort | uniq -c | awk '{print \$2, \$1}' | tr '\n' ' '"
	assert_output "annot 1 change 1 delete 1 insert 1 merge 1 move 1 retag 1 same 16 split 1 "
	for i in 1 2 3 4 5; do rec s$i sentence "第${i}の文は、制度の目的を説明している。"; done > "$T/old.jsonl"
	sed 's/第3の文は、制度/第3の文は、予算/' "$T/old.jsonl" > "$T/new.jsonl"
	run ops -U 1 "$T/old.jsonl" "$T/new.jsonl"
	assert_output $'same s2 s2\nchange s3 s3\nsame s4 s4'
}

@test "--summary counts the records of each op" {
	run bash -c "'$PE_BIN/pe-diff' --summary '$V1' '$V2' | jq -c '[.kind, .old_records, .new_records, .same, .change, .insert, .delete, .move, .split, .merge, .retag, .annot]'"
	assert_output '["summary",24,24,16,1,1,1,1,1,1,1,1]'
}

@test "--exit-code: 0 same, 1 different, 2 on trouble" {
	run pe diff --exit-code "$V1" "$V1"
	assert_success
	assert_output ""
	run pe diff --exit-code "$V1" "$V2"
	assert_failure 1
	run pe diff --exit-code "$V1" "$T/missing.jsonl"
	assert_failure 2
	printf '{"doc":"a"}\nnot json\n' > "$T/bad.jsonl"
	run pe diff --exit-code "$V1" "$T/bad.jsonl"
	assert_failure 2
}

@test "a line that is not JSON is named FILE:LINE, exit 1 and nothing compared" {
	head -3 "$V1" > "$T/bad.jsonl"
	echo '{"doc":"treaty-note.txt","id":"s3",' >> "$T/bad.jsonl"
	tail -n +5 "$V1" >> "$T/bad.jsonl"
	run --separate-stderr pe diff "$V1" "$T/bad.jsonl"
	assert_failure 1
	assert_output ""
	[[ $stderr == "pe-diff: $T/bad.jsonl:4: not JSON"* ]] || fail "stderr: $stderr"
}

@test "invalid UTF-8 in a changed record becomes U+FFFD with FILE:LINE and the byte offset, exit 1" {
	rec s1 sentence "政府は方針を表明した。" > "$T/old.jsonl"
	printf '{"doc":"a.txt","id":"s1","kind":"sentence","text":"政府は方針を\377表明した。"}\n' > "$T/new.jsonl"
	run --separate-stderr pe diff "$T/old.jsonl" "$T/new.jsonl"
	assert_failure 1
	[ "$stderr" = "pe-diff: $T/new.jsonl:1: invalid UTF-8 at byte 69 replaced by U+FFFD (1 bad byte)" ] || fail "$stderr"
	[ "$(jq -c .ops <<<"$output")" = '[["=","政府は方針を"],["+","�"],["=","表明した。"]]' ] || fail "$output"
}

@test "fields that differ only in whitespace outside strings are the same" {
	printf '%s\n' '{"doc":"a.txt","id":"s1","kind":"sentence","text":"協議した。","x":[1,{"k":"a b"}]}' > "$T/old.jsonl"
	printf '%s\n' '{"doc":"a.txt","id":"s1","kind":"sentence","text":"協議した。","x":[ 1, { "k" : "a b" } ]}' > "$T/new.jsonl"
	run pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_success
	assert_output ""
	printf '%s\n' '{"doc":"a.txt","id":"s1","kind":"sentence","text":"協議した。","x":[ 1, { "k" : "a  b" } ]}' > "$T/new.jsonl"
	run pe diff --exit-code "$T/old.jsonl" "$T/new.jsonl"
	assert_failure 1
}

@test "--keep-going compares a bad line as opaque text and exits 1" {
	head -3 "$V1" > "$T/bad.jsonl"
	echo 'garbage line' >> "$T/bad.jsonl"
	tail -n +5 "$V1" >> "$T/bad.jsonl"
	run --separate-stderr pe diff --keep-going "$V1" "$T/bad.jsonl"
	assert_failure 1
	[[ $stderr == "pe-diff: $T/bad.jsonl:4: not JSON"* ]] || fail "stderr: $stderr"
	run bash -c "'$PE_BIN/pe-diff' --keep-going '$V1' '$T/bad.jsonl' 2>/dev/null | jq -c '[.op, .old.id, .new.raw]'"
	assert_output '["delete","s3",null]
["insert",null,"garbage line"]'
}

@test "an empty file against a stream: every record inserted" {
	: > "$T/empty.jsonl"
	run bash -c "'$PE_BIN/pe-diff' --summary '$T/empty.jsonl' '$V1' | jq -c '[.insert, .old_records, .new_records]'"
	assert_output '[24,0,24]'
}

@test "a file without a final newline reads as one with it" {
	printf '%s' "$(cat "$V2")" > "$T/nonl.jsonl"
	run pe diff --exit-code "$V2" "$T/nonl.jsonl"
	assert_success
}

@test "reads OLD from a pipe as from a file" {
	"$PE_BIN/pe-diff" "$V1" "$V2" > "$T/file.out"
	cat "$V1" | "$PE_BIN/pe-diff" - "$V2" > "$T/pipe.out"
	diff -u "$T/file.out" "$T/pipe.out"
}

@test "--format unified: diff -u over the texts, record numbers as lines" {
	run --separate-stderr pe diff --format unified -U 1 "$V1" "$V2"
	assert_success
	assert_line --index 0 "--- $V1"
	assert_line --index 1 "+++ $V2"
	assert_line --index 2 "@@ -4,4 +4,6 @@"
	assert_line "-各国政府は年内の批准を目指しているが、国内の漁業団体は漁獲枠の配分に強く反発している。"
	assert_line "+各国政府は年内の批准を目指している。"
	assert_line "+議長国は、次回の会合を秋に開催する予定である。"
}

@test "--format patch is an RFC 6902 patch that turns OLD's records into NEW's" {
	"$PE_BIN/pe-diff" --format patch "$V1" "$V2" > "$T/patch.json"
	run python3 - "$V1" "$V2" "$T/patch.json" <<'EOF'
import json, sys
old = [json.loads(l) for l in open(sys.argv[1])]
new = [json.loads(l) for l in open(sys.argv[2])]
doc = old[:]
for op in json.load(open(sys.argv[3])):
    i = int(op["path"][1:])
    if op["op"] == "remove":
        del doc[i]
    elif op["op"] == "add":
        doc.insert(i, op["value"])
    elif op["op"] == "replace":
        doc[i] = op["value"]
    elif op["op"] == "move":
        doc.insert(i, doc.pop(int(op["from"][1:])))
    else:
        sys.exit("unknown op " + op["op"])
# same records keep their own positional fields
pos = ("id", "span", "line", "para", "lines", "chars")
strip = lambda r: {k: v for k, v in r.items() if k not in pos}
assert len(doc) == len(new), (len(doc), len(new))
bad = [i for i, (a, b) in enumerate(zip(doc, new)) if strip(a) != strip(b)]
print("differ at", bad if bad else "none")
EOF
	assert_success
	assert_output "differ at none"
}

@test "--format tsv has the edit columns; --each writes one row per text edit" {
	run --separate-stderr pe diff --format tsv "$V1" "$V2"
	assert_success
	assert_line --index 0 $'doc\tid\tkind\top\told_id\tnew_id\told_text\tnew_text\tops\tannots'
	assert_line --partial $'\tsplit\ts5\ts6,s7\t'
	run bash -c "'$PE_BIN/pe-diff' --each '$V1' '$V2' | jq -r 'select(.op == \"change\") | .type + .text'"
	assert_output $'-表明\n+発表'
}

@test "--doc names the document in the edit records" {
	run bash -c "'$PE_BIN/pe-diff' --doc other.txt '$V1' '$V2' | jq -r .doc | sort -u"
	assert_output "other.txt"
}

@test "usage errors: one file, three files, stdin twice, a bad -U" {
	run pe diff "$V1"
	assert_failure 2
	run pe diff "$V1" "$V2" "$V1"
	assert_failure 2
	run pe diff - -
	assert_failure 2
	run pe diff -U x "$V1" "$V2"
	assert_failure 2
	run pe diff --granularity word2 "$V1" "$V2"
	assert_failure 2
}

# ---- generated pairs with known counts --------------------------------

# gen N ARGS...: a generated pair in $T/o.jsonl, $T/n.jsonl; the known
# counts in $WANT, pe-diff's in $GOT (same key order).
gen() {
	local n=$1
	shift
	WANT=$(python3 "$GEN" "$n" "$T/o.jsonl" "$T/n.jsonl" "$@" |
	    jq -c '[.change, .insert, .delete, .move, .old, .new]')
	GOT=$("$PE_BIN/pe-diff" --summary "$T/o.jsonl" "$T/n.jsonl" |
	    jq -c '[.change, .insert, .delete, .move, .old_records, .new_records, .split, .merge]')
}

@test "10^4 generated records, ids stable: exact counts of changes, insertions, deletions, moves" {
	gen 10000 --moves 25 --seed 4
	assert_equal "$GOT" "${WANT%]},0,0]"
}

@test "10^4 generated records renumbered as pe-split does: the same exact counts" {
	gen 10000 --moves 25 --seed 5 --renumber
	assert_equal "$GOT" "${WANT%]},0,0]"
}

@test "10^5 generated records at 2% edits, renumbered: exact counts" {
	gen 100000 --rate 0.02 --moves 100 --seed 6 --renumber
	assert_equal "$GOT" "${WANT%]},0,0]"
}

@test "a shuffled stream: every record same or moved, none lost" {
	python3 "$GEN" 5000 "$T/o.jsonl" "$T/n.jsonl" --shuffle --seed 7 > /dev/null
	run bash -c "'$PE_BIN/pe-diff' --summary '$T/o.jsonl' '$T/n.jsonl' | jq -c '[.same + .move, .change + .insert + .delete]'"
	assert_output '[5001,0]'
}

# ---- --by ---------------------------------------------------------------

@test "--by dates: a date whose value moved is changed, keyed by its text" {
	run --separate-stderr pe diff --by dates "$V1" "$V2"
	assert_success
	run jq -c '[.kind, .op, .key, .count, .old[0].value, .new[0].value]' <<<"$output"
	assert_output '["set","change","2025年11月",[1,1],"2025-11","2025-10"]'
}

@test "--by entities: added and removed entities; none when both sides agree" {
	run pe diff --by entities "$V1" "$V2"
	assert_output ""
	run bash -c "'$PE_BIN/pe-diff' --by entities --exit-code '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -r '.op + \" \" + .key'"
	assert_success
	assert_output $'add EU\nadd パリ協定\nremove カナダ\nremove 欧州連合'
	run pe diff --by entities --exit-code "$FIXTURES/diff-conflict-a.jsonl" "$FIXTURES/diff-conflict-b.jsonl"
	assert_failure 1
}

@test "--by text: records keyed by a plain field, compared by the rest" {
	run bash -c "'$PE_BIN/pe-diff' --by text '$V1' '$V2' | jq -r '.op' | sort | uniq -c | awk '{print \$2, \$1}' | tr '\n' ' '"
	assert_output "add 6 change 2 remove 6 "
}

# ---- --conflicts --------------------------------------------------------

@test "--conflicts: one withdrawal dated differently by two documents, and nothing else (golden file)" {
	run --separate-stderr pe diff --conflicts --agreements "$FIXTURES/diff-conflict-a.jsonl" "$FIXTURES/diff-conflict-b.jsonl"
	assert_success
	assert_equal "$stderr" ""
	diff -u "$GOLDEN/pe-diff/conflicts.jsonl" <(printf '%s\n' "$output")
	run bash -c "'$PE_BIN/pe-diff' --conflicts '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -c '[.kind, .field, .key.act, [.values[].value], .differ]'"
	assert_output '["conflict","date","withdraw",["2025-03-04","2024-03-04"],["year"]]'
}

@test "--conflicts compares at the coarser granularity: 2020 agrees with 2020-01-31" {
	run bash -c "'$PE_BIN/pe-diff' --conflicts --agreements '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -c 'select(.kind == \"agreement\") | [.values[].value]'"
	assert_output '["2020","2020-01-31"]'
}

@test "--conflicts never pairs statements of one document" {
	cat "$FIXTURES/diff-conflict-a.jsonl" > "$T/one.jsonl"
	grep -v '"id":"doc"' "$FIXTURES/diff-conflict-b.jsonl" | sed 's/report-b.txt/report-a.txt/' >> "$T/one.jsonl"
	run --separate-stderr pe diff --conflicts --exit-code "$T/one.jsonl"
	assert_success
	assert_output ""
}

@test "--conflicts: one shared participant and no shared quantity is not one fact" {
	# B's s3 (US, Paris Agreement, 2017) and A's s1 (US, 12 treaties, 2025)
	run bash -c "'$PE_BIN/pe-diff' --conflicts '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -r '.values[].value'"
	refute_output --partial 2017
}

@test "--conflicts: a duration between the act and the date unties them" {
	# B's s4 dates the anniversary (脱退して1年を迎えた2026年3月), not the act
	run bash -c "'$PE_BIN/pe-diff' --conflicts --agreements '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -r '.values[].value'"
	refute_output --partial 2026-03
}

@test "--conflicts leaves footnotes and approximate dates out" {
	jq -c 'if .id == "s1" then .kind = "footnote" else . end' "$FIXTURES/diff-conflict-b.jsonl" > "$T/b.jsonl"
	run pe diff --conflicts "$FIXTURES/diff-conflict-a.jsonl" "$T/b.jsonl"
	assert_output ""
	jq -c 'if .id == "s1" then .dates[0].mod = "APPROX" else . end' "$FIXTURES/diff-conflict-b.jsonl" > "$T/b.jsonl"
	run pe diff --conflicts "$FIXTURES/diff-conflict-a.jsonl" "$T/b.jsonl"
	assert_output ""
}

@test "--acts FILE adds act words; a malformed act file is an error naming its line" {
	printf '命じる\twithdraw\n' > "$T/acts.tsv"
	jq -c 'if .id == "s1" then .text |= sub("脱退する"; "離れる") else . end' "$FIXTURES/diff-conflict-b.jsonl" > "$T/b.jsonl"
	run pe diff --conflicts "$FIXTURES/diff-conflict-a.jsonl" "$T/b.jsonl"
	assert_output ""
	run bash -c "'$PE_BIN/pe-diff' --conflicts --acts '$T/acts.tsv' '$FIXTURES/diff-conflict-a.jsonl' '$T/b.jsonl' | jq -r .kind"
	assert_output conflict
	printf 'no tab here\n' > "$T/acts.tsv"
	run --separate-stderr pe diff --conflicts --acts "$T/acts.tsv" "$FIXTURES/diff-conflict-a.jsonl"
	assert_failure 2
	[[ $stderr == *"acts.tsv:1:"* ]] || fail "stderr: $stderr"
}

@test "--conflicts --each writes one record per value" {
	run bash -c "'$PE_BIN/pe-diff' --conflicts --each '$FIXTURES/diff-conflict-a.jsonl' '$FIXTURES/diff-conflict-b.jsonl' | jq -c '[.doc, .id, .value, .record]'"
	assert_output '["report-a.txt","c1","2025-03-04","s1"]
["report-b.txt","c1","2024-03-04","s1"]'
}

@test "pe-diff(1) EXAMPLES print what the page says" {
	PATH="$PE_BIN:$PATH" run python3 "$TESTS_DIR/man-examples.py" "$TESTS_DIR/../man/pe-diff.1"
	echo "$output"
	assert_success
}
