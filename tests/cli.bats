#!/usr/bin/env bats
#
# The behaviour every pe program shares (STYLE.md, "Conventions users
# already rely on"), checked for each pe-NAME executable found in $PE_BIN:
# programs added later are picked up without editing this file.  Each
# program gets input of its own kind (see good_args): raw text for
# pe-split, pe-split's records for the filters, two record streams for
# pe-diff.  A failing test prints "# pe-NAME" before the assertion that
# failed, so the report says which program it was.

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
	mapfile -t PROGS < <(pe_programs)
}

# records OUT TEXT...: pe-split's records for the fixture TEXTs, in OUT.
records() {
	local out=$1
	shift
	(cd "$FIXTURES" && "$PE_BIN/pe-split" "$@") > "$out"
}

# good_args PROG [COPIES]: set ARGS to the file arguments of a good run of
# PROG, with input of the kind it reads, and ARGS2 to a second good file
# (for tests that put a bad file between good ones).  With COPIES, the
# input holds that many documents (each under its own name), for output
# bigger than a pipe buffer.
good_args() {
	local prog=$1 copies=${2:-1} i
	local -a texts=()

	for ((i = 1; i <= copies; i++)); do
		cp "$FIXTURES/web-article.txt" "$T/article-$i.txt"
		texts+=("$T/article-$i.txt")
	done
	case $prog in
	pe-split)
		ARGS=("${texts[@]}")
		ARGS2=("$FIXTURES/pdf-wrapped.txt")
		;;
	pe-diff)
		# two versions of one document
		sed 's/３月/４月/; s/和らげる/抑える/' "$FIXTURES/pdf-report.txt" > "$T/report-new.txt"
		"$PE_BIN/pe-split" --doc report.txt "$FIXTURES/pdf-report.txt" > "$T/old.jsonl"
		"$PE_BIN/pe-split" --doc report.txt "$T/report-new.txt" > "$T/new.jsonl"
		ARGS=("$T/old.jsonl" "$T/new.jsonl")
		ARGS2=()
		;;
	*)
		"$PE_BIN/pe-split" "${texts[@]}" > "$T/a.jsonl"
		records "$T/b.jsonl" pdf-wrapped.txt markdown-notes.txt
		ARGS=("$T/a.jsonl")
		ARGS2=("$T/b.jsonl")
		;;
	esac
}

@test "finds the programs under test in PE_BIN, pe-split among them" {
	echo "PE_BIN=$PE_BIN: ${PROGS[*]}"
	[[ " ${PROGS[*]} " == *" pe-split "* ]]
}

@test "--help prints usage on stdout and exits 0; -h does the same" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		run --separate-stderr "$PE_BIN/$p" --help
		assert_success
		assert_equal "$stderr" ""
		[[ ${lines[0]} == "Usage: $p "* ]] || fail "$p --help: first line is '${lines[0]}'"
		assert_output --partial -- '--help'
		assert_output --partial -- '--version'
		local help=$output
		run --separate-stderr "$PE_BIN/$p" -h
		assert_success
		assert_equal "$output" "$help"
	done
}

@test "--help lists the common options: --format, --unbuffered, --each, --keep-going" {
	local p o
	for p in "${PROGS[@]}"; do
		echo "# $p"
		run "$PE_BIN/$p" --help
		for o in --format --unbuffered --each --keep-going; do
			assert_output --partial -- "$o"
		done
	done
}

@test "--version prints 'NAME (pe) X.Y.Z' and exits 0" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		run --separate-stderr "$PE_BIN/$p" --version
		assert_success
		assert_equal "$stderr" ""
		assert_equal "${#lines[@]}" 1
		assert_output --regexp "^$p \\(pe\\) [0-9]+\\.[0-9]+\\.[0-9]+\$"
	done
}

@test "all programs report the same version" {
	local p v=
	for p in "${PROGS[@]}"; do
		run "$PE_BIN/$p" --version
		[[ -z $v ]] && v=${output##* }
		assert_equal "${output##* }" "$v"
	done
}

@test "an unknown option exits 2 with one line and Try 'NAME --help' on stderr" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		run --separate-stderr "$PE_BIN/$p" --no-such-option "$FIXTURES/web-article.txt"
		assert_failure 2
		assert_output ""
		assert_equal "${#stderr_lines[@]}" 2
		[[ ${stderr_lines[0]} == "$p: "*no-such-option* ]] || fail "message: ${stderr_lines[0]}"
		assert_equal "${stderr_lines[1]}" "Try '$p --help' for more information."
	done
}

@test "an option missing its argument exits 2 with one line and Try 'NAME --help'" {
	local p o
	for p in "${PROGS[@]}"; do
		for o in --format --doc; do
			echo "# $p $o"
			run --separate-stderr "$PE_BIN/$p" "$o"
			assert_failure 2
			assert_output ""
			assert_equal "${#stderr_lines[@]}" 2
			[[ ${stderr_lines[0]} == "$p: "*"$o"* ]] || fail "message: ${stderr_lines[0]}"
			assert_equal "${stderr_lines[1]}" "Try '$p --help' for more information."
		done
	done
}

@test "--format with a value other than json, tsv or csv is a usage error" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		run --separate-stderr "$PE_BIN/$p" --format xml
		assert_failure 2
		assert_output ""
		assert_equal "${stderr_lines[1]}" "Try '$p --help' for more information."
	done
}

@test "a good run exits 0, quietly, with one JSON object a line" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p"
		run --separate-stderr "$PE_BIN/$p" "${ARGS[@]}"
		assert_success
		assert_equal "$stderr" ""
		[[ ${#lines[@]} -gt 0 ]]
		printf '%s\n' "$output" > "$T/out.jsonl"
		# every line one object, with doc, id and kind
		run jq -c 'select(type != "object" or (has("doc") and has("id") and has("kind") | not))' "$T/out.jsonl"
		assert_success
		assert_output ""
		run grep -c '^$' "$T/out.jsonl"
		assert_output 0
	done
}

@test "> /dev/full prints a write error and exits 2" {
	local p o
	for p in "${PROGS[@]}"; do
		for o in '' --unbuffered; do
			echo "# $p $o"
			good_args "$p"
			run --separate-stderr bash -c '"$@" > /dev/full' _ "$PE_BIN/$p" $o "${ARGS[@]}"
			assert_failure 2
			assert_equal "${#stderr_lines[@]}" 1
			[[ ${stderr_lines[0]} == "$p: "*"write error"* ]] || fail "message: ${stderr_lines[0]}"
		done
	done
}

@test "| head -1 ends quietly: no message, status 0 or 141 (SIGPIPE)" {
	local p o
	for p in "${PROGS[@]}"; do
		for o in '' --unbuffered; do
			echo "# $p $o"
			good_args "$p" 200
			run --separate-stderr bash -c '"$@" | head -n 1 > /dev/null; echo "${PIPESTATUS[0]}"' _ \
			    "$PE_BIN/$p" $o "${ARGS[@]}"
			assert_success
			assert_equal "$stderr" ""
			[[ $output == 0 || $output == 141 ]] || fail "$p exited $output"
		done
	done
}

@test "a missing file among good ones: a warning naming it, the good files in full, exit 1" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p"
		if [[ $p == pe-diff ]]; then
			# pe-diff compares two streams: with one missing there is
			# nothing to compare, but it is still named and bad input
			run --separate-stderr "$PE_BIN/$p" "${ARGS[0]}" "$T/missing.jsonl"
			assert_failure 1
			[[ $stderr == *"$p: $T/missing.jsonl"* ]] || fail "stderr: $stderr"
			continue
		fi
		"$PE_BIN/$p" "${ARGS[@]}" "${ARGS2[@]}" > "$T/good.out"
		run --separate-stderr "$PE_BIN/$p" "${ARGS[@]}" "$T/missing.txt" "${ARGS2[@]}"
		assert_failure 1
		assert_equal "${#stderr_lines[@]}" 1
		[[ ${stderr_lines[0]} == "$p: $T/missing.txt"*"No such file or directory" ]] || fail "message: ${stderr_lines[0]}"
		printf '%s\n' "$output" > "$T/bad.out"
		diff -u "$T/good.out" "$T/bad.out"
	done
}

@test "a directory among good files: a warning naming it, the good files in full, exit 1" {
	local p
	for p in "${PROGS[@]}"; do
		[[ $p == pe-diff ]] && continue
		echo "# $p"
		good_args "$p"
		mkdir -p "$T/adir"
		"$PE_BIN/$p" "${ARGS[@]}" "${ARGS2[@]}" > "$T/good.out"
		run --separate-stderr "$PE_BIN/$p" "${ARGS[@]}" "$T/adir" "${ARGS2[@]}"
		assert_failure 1
		assert_equal "${#stderr_lines[@]}" 1
		[[ ${stderr_lines[0]} == "$p: $T/adir"* ]] || fail "message: ${stderr_lines[0]}"
		printf '%s\n' "$output" > "$T/bad.out"
		diff -u "$T/good.out" "$T/bad.out"
	done
}

@test "reads stdin when no file is named, and for -" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p"
		if [[ $p == pe-diff ]]; then
			"$PE_BIN/$p" "${ARGS[@]}" > "$T/file.out"
			"$PE_BIN/$p" - "${ARGS[1]}" < "${ARGS[0]}" > "$T/dash.out"
			diff -u "$T/file.out" "$T/dash.out"
			continue
		fi
		"$PE_BIN/$p" "${ARGS[0]}" > "$T/file.out"
		"$PE_BIN/$p" < "${ARGS[0]}" > "$T/none.out"
		"$PE_BIN/$p" - < "${ARGS[0]}" > "$T/dash.out"
		if [[ $p == pe-split ]]; then
			# the document is named - instead of its path
			sed -i "s|\"doc\":\"${ARGS[0]}\"|\"doc\":\"-\"|" "$T/file.out"
		fi
		diff -u "$T/file.out" "$T/none.out"
		diff -u "$T/file.out" "$T/dash.out"
	done
}

@test "the same input gives byte-identical output" {
	local p
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p" 3
		"$PE_BIN/$p" "${ARGS[@]}" "${ARGS2[@]}" > "$T/one.out"
		"$PE_BIN/$p" "${ARGS[@]}" "${ARGS2[@]}" > "$T/two.out"
		cmp "$T/one.out" "$T/two.out"
		[[ -s $T/one.out ]]
	done
}

@test "--unbuffered output equals buffered output" {
	local p f
	for p in "${PROGS[@]}"; do
		for f in json tsv csv; do
			echo "# $p --format $f"
			good_args "$p" 3
			"$PE_BIN/$p" --format "$f" "${ARGS[@]}" "${ARGS2[@]}" > "$T/buffered.out"
			"$PE_BIN/$p" --format "$f" --unbuffered "${ARGS[@]}" "${ARGS2[@]}" > "$T/unbuffered.out"
			cmp "$T/buffered.out" "$T/unbuffered.out"
		done
	done
}

@test "--format tsv writes a header row, then one row per record, all as wide" {
	local p nrec
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p"
		nrec=$("$PE_BIN/$p" "${ARGS[@]}" | wc -l)
		run --separate-stderr "$PE_BIN/$p" --format tsv "${ARGS[@]}"
		assert_success
		assert_equal "$stderr" ""
		# the header names the fields every record has
		[[ $'\t'"${lines[0]}"$'\t' == *$'\tdoc\t'* ]] || fail "header: ${lines[0]}"
		[[ $'\t'"${lines[0]}"$'\t' == *$'\tid\t'* ]] || fail "header: ${lines[0]}"
		[[ $'\t'"${lines[0]}"$'\t' == *$'\tkind\t'* ]] || fail "header: ${lines[0]}"
		[[ ${lines[0]} != *'{'* ]] || fail "header: ${lines[0]}"
		assert_equal "${#lines[@]}" $((nrec + 1))
		run awk -F '\t' 'NR == 1 { n = NF } NF != n { print NR ": " NF " fields, not " n }' <<<"$output"
		assert_output ""
	done
}

@test "--format csv writes a header row, then one RFC 4180 row per record, all as wide" {
	local p nrec
	for p in "${PROGS[@]}"; do
		echo "# $p"
		good_args "$p"
		nrec=$("$PE_BIN/$p" "${ARGS[@]}" | wc -l)
		"$PE_BIN/$p" --format csv "${ARGS[@]}" > "$T/out.csv"
		run python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
head = rows[0]
assert {"doc", "id", "kind"} <= set(head), head
assert all(len(r) == len(head) for r in rows), "ragged rows"
print(len(rows) - 1)' "$T/out.csv"
		assert_success
		assert_output "$nrec"
	done
}
