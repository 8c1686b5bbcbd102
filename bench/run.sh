#!/bin/sh
# bench/run.sh - throughput and peak memory of pe's programs.
#
# usage: sh bench/run.sh [BUILD_DIR]        (make bench runs it on build/)
#
# bench/gendocs.py writes about 32 MiB of generated Japanese policy text
# (40 documents: web, Markdown and PDF-extracted shapes, one of ~3 MiB)
# into a temporary directory removed at exit.  Each benchmark runs its
# program in one process, single-threaded, with output to a file, and
# keeps the best wall time of PE_BENCH_RUNS runs (default 3) and the
# highest peak RSS seen.  pe-split's memory must be bounded by the
# largest document, not the total, so it is also run on that one alone.
#
# A program not built yet is skipped with a note.  A benchmark is a
# function bench_NAME, called at the end; those for the filters read
# pe-split's output ($tmp/split.jsonl), which bench_split leaves behind,
# and pe-diff compares pe-split's records of two versions of a document.
# pe-split below TARGET_MBS is reported, not failed: the numbers depend
# on the machine.  A program that fails makes the script exit 1.
#
# MB here is 2^20 bytes.  Needs python3; GNU time (/usr/bin/time) for
# peak RSS, else times come from date(1) and RSS is not reported.
#
# Environment: PE_BENCH_RUNS (3), PE_BENCH_MB (32), PE_DATA.

set -u

B=${1:-build}
RUNS=${PE_BENCH_RUNS:-3}
TOTAL_MB=${PE_BENCH_MB:-32}
TARGET_MBS=60			# pe-split's throughput target, MB/s
here=$(cd "$(dirname "$0")" && pwd)
: "${PE_DATA:=$here/../data}"
export PE_DATA
# One thread, one language: the numbers should not depend on the caller.
export LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pe-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP PIPE

if /usr/bin/time -f '%e %M' -o "$tmp/t" true 2>/dev/null; then
	gnutime=1
else
	gnutime=0
	echo "note: GNU time (/usr/bin/time) not found: wall time from date(1)," \
	    "no peak RSS"
fi

# have PROG: 0 when $B/PROG is built, else a note and 1.
have() {
	if [ -x "$B/$1" ]; then
		return 0
	fi
	echo "$1: not built ($B/$1), skipped"
	return 1
}

# mb BYTES: BYTES in MB, one decimal.
mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'
}

# size FILE...: total bytes of the files.
size() {
	cat "$@" | wc -c | tr -d ' '
}

# now: seconds since the epoch, to the nanosecond where date(1) can
# (GNU), else to the second.
case $(date +%N) in
*[!0-9]* | '') now() { date +%s; } ;;
*) now() { date +%s.%N; } ;;
esac

# measure OUT CMD...: run CMD once with stdout to OUT, stderr to
# $tmp/err; prints "SECONDS RSS_KB" (RSS 0 when unknown).  Wall time
# comes from now() around the run (GNU time's %e has only 10 ms), or
# from %e when now() counts whole seconds.  A failing CMD prints its
# stderr and makes measure fail.
measure() {
	out=$1
	shift
	t0=$(now)
	if [ "$gnutime" = 1 ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >"$out" 2>"$tmp/err"
	else
		"$@" >"$out" 2>"$tmp/err"
	fi
	st=$?
	t1=$(now)
	if [ "$gnutime" = 1 ]; then
		tail -n 1 "$tmp/t"
	else
		echo "0 0"
	fi | awk -v a="$t0" -v b="$t1" '{
		t = b - a
		if (a !~ /\./ && $1 > 0)
			t = $1
		printf "%.4f %d\n", t, $2
	}'
	if [ "$st" -ne 0 ]; then
		echo "$1: exit status $st" >&2
		sed 's/^/  /' "$tmp/err" | head -n 20 >&2
		return 1
	fi
	return 0
}

# best OUT CMD...: RUNS runs of measure; prints "SECONDS RSS_KB": the
# least time and the most RSS.
best() {
	out=$1
	shift
	i=0
	: >"$tmp/runs"
	while [ "$i" -lt "$RUNS" ]; do
		measure "$out" "$@" >>"$tmp/runs" || return 1
		i=$((i + 1))
	done
	awk 'NR == 1 || $1 < t { t = $1 } $2 > m { m = $2 }
	    END { printf "%s %d\n", t, m }' "$tmp/runs"
}

# report NAME INBYTES OUTFILE "SECONDS RSS_KB" [EXTRA]: one summary line.
report() {
	set -- "$1" "$2" "$3" "${4% *}" "${4#* }" "${5:-}"
	awk -v name="$1" -v in_b="$2" -v out_b="$(size "$3")" -v s="$4" \
	    -v rss="$5" -v extra="$6" 'BEGIN {
		mbin = in_b / 1048576
		rate = s > 0 ? sprintf("%.1f", mbin / s) : "inf"
		printf "%s: %.1f MB in %.2f s = %s MB/s, output %.1f MB", name,
		    mbin, s, rate, out_b / 1048576
		if (rss > 0)
			printf ", peak RSS %.0f MB", rss / 1024
		if (extra != "")
			printf " (%s)", extra
		printf "\n"
	}'
}

# ---- benchmarks ---------------------------------------------------------

bench_split() {
	have pe-split || return 0
	docs=$(ls "$tmp"/docs/*)
	largest=$(ls -S "$tmp"/docs/* | head -n 1)
	# shellcheck disable=SC2086	# docs: generated names, no spaces
	r=$(best "$tmp/split.jsonl" "$B/pe-split" $docs) || return 1
	r1=$(best "$tmp/split-one.jsonl" "$B/pe-split" "$largest") || return 1
	# The floor: code, ICU's data and the word lists, no document to speak of.
	echo "一文だけの文書。" >"$tmp/tiny.txt"
	r0=$(best "$tmp/split-tiny.jsonl" "$B/pe-split" "$tmp/tiny.txt") ||
	    return 1
	if [ "${r1#* }" -gt 0 ]; then
		extra="largest doc alone ($(mb "$(size "$largest")") MB):"
		extra="$extra $((${r1#* } / 1024)) MB; a one-line doc:"
		extra="$extra $((${r0#* } / 1024)) MB"
	else
		extra="largest doc alone: $(printf '%.2f' "${r1% *}") s"
	fi
	# shellcheck disable=SC2086
	report pe-split "$(size $docs)" "$tmp/split.jsonl" "$r" "$extra"
	echo "  $(wc -l <"$tmp/split.jsonl" | tr -d ' ') records from" \
	    "$(echo "$docs" | wc -l | tr -d ' ') documents, best of $RUNS runs"
	# shellcheck disable=SC2086
	awk -v in_b="$(size $docs)" -v s="${r% *}" -v t="$TARGET_MBS" 'BEGIN {
		v = s > 0 ? in_b / 1048576 / s : 1e9
		if (v < t)
			printf "  below the target of %d MB/s\n", t
	}'
}

# The filters read pe-split's records: the input size is that of
# split.jsonl.  Options follow each program's man page once it lands.
bench_filter() {
	prog=$1
	have "$prog" || return 0
	if [ ! -s "$tmp/split.jsonl" ]; then
		echo "$prog: no pe-split output to read, skipped"
		return 0
	fi
	r=$(best "$tmp/$prog.jsonl" "$B/$prog" "$tmp/split.jsonl") || return 1
	report "$prog" "$(size "$tmp/split.jsonl")" "$tmp/$prog.jsonl" "$r"
}

bench_entities() { bench_filter pe-entities; }
bench_dates() { bench_filter pe-dates; }
bench_cite() { bench_filter pe-cite; }

# pe-diff compares two versions of a document as record streams: rev/
# holds a revised copy of the largest document and of a small one
# (gendocs.py), split here outside the timing.
bench_diff() {
	have pe-diff || return 0
	if [ ! -x "$B/pe-split" ]; then
		echo "pe-diff: needs pe-split to make its input, skipped"
		return 0
	fi
	for new in "$tmp"/rev/*; do
		name=${new##*/}
		"$B/pe-split" --doc="$name" "$tmp/docs/$name" >"$tmp/old.jsonl" &&
		    "$B/pe-split" --doc="$name" "$new" >"$tmp/new.jsonl" ||
		    return 1
		r=$(best "$tmp/diff.jsonl" "$B/pe-diff" "$tmp/old.jsonl" \
		    "$tmp/new.jsonl") || return 1
		report "pe-diff $name" "$(size "$tmp/old.jsonl" "$tmp/new.jsonl")" \
		    "$tmp/diff.jsonl" "$r" \
		    "$(wc -l <"$tmp/diff.jsonl" | tr -d ' ') edit records"
	done
}

# ---- main ---------------------------------------------------------------

command -v python3 >/dev/null || { echo "bench: python3 is needed"; exit 2; }
python3 "$here/gendocs.py" "$tmp" "$TOTAL_MB" || exit 2
echo "bench: $(ls "$tmp"/docs | wc -l | tr -d ' ') generated documents," \
    "$(mb "$(size "$tmp"/docs/*)") MB; $RUNS runs each, best kept"

# A program's own benchmark, bench/pe-NAME.sh defining bench_NAME BUILD
# SPLIT_DIR, replaces the generic one above when it is present (pe-diff's
# adds the 1,000,000-record pairs against GNU diff).
status=0
for b in split entities dates cite diff; do
	f="$here/pe-$b.sh"
	if [ "$b" != split ] && [ -f "$f" ] && [ -x "$B/pe-$b" ]; then
		( . "$f" && "bench_$b" "$B" "$tmp" ) || status=1
	else
		"bench_$b" || status=1
	fi
done
exit $status
