# helper.bash - loaded by every tests/*.bats file.
#
# PE_BIN    directory holding the programs under test (default: ../build
#           next to this file; `make check` and `make sanitize` set it).
# PE_DATA   data directory (default: ../data next to this file).
# FIXTURES  tests/fixtures: small documents we wrote (never corpus text).
# GOLDEN    tests/golden: expected output, tests/golden/<prog>/<case>.jsonl.
#
# Debian's bats 1.8 with bats-support and bats-assert from /usr/lib/bats.
# That bats-assert has no assert_stderr: tests use `run --separate-stderr`
# and look at $stderr (and $stderr_lines) themselves.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

TESTS_DIR=$(cd "$BATS_TEST_DIRNAME" && pwd)
PE_BIN=${PE_BIN:-$TESTS_DIR/../build}
FIXTURES=$TESTS_DIR/fixtures
GOLDEN=$TESTS_DIR/golden
if [ -z "${PE_DATA:-}" ] && [ -d "$TESTS_DIR/../data" ]; then
	PE_DATA=$(cd "$TESTS_DIR/../data" && pwd)
	export PE_DATA
fi
# Messages (strerror) in one language, whatever the tester's locale.
export LC_ALL=C.UTF-8

# pe NAME [ARG]...: run $PE_BIN/pe-NAME, e.g. `run pe split file.txt`.
pe() {
	local name=$1
	shift
	"$PE_BIN/pe-$name" "$@"
}

# The programs under test: every pe-NAME executable in $PE_BIN, so that
# programs added later are picked up without editing the tests.
pe_programs() {
	local f
	for f in "$PE_BIN"/pe-*; do
		case ${f##*/} in
		*.* | pe-*-*) continue ;;
		esac
		[ -f "$f" ] && [ -x "$f" ] && printf '%s\n' "${f##*/}"
	done
}

# units [PE-SPLIT-ARG]...: pe-split's unit records as "kind: text" lines
# (the doc record left out), for readable expectations.  Returns
# pe-split's status when it is not 0.
units() {
	local out status=0
	out=$("$PE_BIN/pe-split" "$@") || status=$?
	jq -r 'select(.kind != "doc") | "\(.kind): \(.text)"' <<<"$out" || return
	return "$status"
}

# fields FILTER [PE-SPLIT-ARG]...: jq -c FILTER over pe-split's output.
fields() {
	local filter=$1 out status=0
	shift
	out=$("$PE_BIN/pe-split" "$@") || status=$?
	jq -c "$filter" <<<"$out" || return
	return "$status"
}

# check_spans MODE SOURCE < RECORDS: for every unit record, compare its
# text with the source document's code points [span[0], span[1]).
#   exact    text == source[span]          (pe-split --keep-layout)
#   nospace  the same once all whitespace is removed from both (repaired
#            text: joins, closed-up letter-spacing, stripped markup)
# SOURCE must be UTF-8; it is read without newline translation so that
# CR and CRLF count as the code points they are.  Prints each mismatch.
check_spans() {
	python3 -c '
import json, re, sys
mode, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8", errors="replace", newline="") as f:
    src = f.read()
if src.startswith("\ufeff"):
    src = src[1:]
bad = 0
for n, line in enumerate(sys.stdin, 1):
    r = json.loads(line)
    if r["kind"] == "doc":
        continue
    a, b = r["span"]
    s, t = src[a:b], r["text"]
    if mode == "nospace":
        s, t = re.sub(r"\s", "", s), re.sub(r"\s", "", t)
    if not (0 <= a <= b <= len(src)) or s != t:
        bad += 1
        print("%s %s span [%d,%d]: source %r, text %r" % (
            path, r["id"], a, b, src[a:b], r["text"]))
sys.exit(1 if bad else 0)
' "$@"
}

# in_tmp NAME: a path for a test's own file.
in_tmp() {
	printf '%s/%s\n' "$BATS_TEST_TMPDIR" "$1"
}
