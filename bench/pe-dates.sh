#!/bin/sh
# bench/pe-dates.sh - throughput and peak memory of pe-dates.
#
# usage: . bench/pe-dates.sh; bench_dates BUILD_DIR SPLIT_DIR
#    or: sh bench/pe-dates.sh BUILD_DIR SPLIT_DIR
#
# SPLIT_DIR holds pe-split output (*.jsonl).  pe-dates reads all of it
# in one process, single-threaded, output to a file; the best wall time
# of PE_BENCH_RUNS runs (default 3) is kept, and the highest peak RSS.
# The largest file is then run alone: pe-dates holds one document at a
# time, so its memory should follow the largest document, not the
# total.  The target is 50 MB/s of pe-split output (MB = 2^20 bytes).
# Needs GNU time (/usr/bin/time) for RSS; without it only times are
# reported.

bench_dates() {
	bd_b=$1
	bd_dir=$2
	bd_runs=${PE_BENCH_RUNS:-3}
	bd_target=50
	if [ ! -x "$bd_b/pe-dates" ]; then
		echo "pe-dates: not built ($bd_b/pe-dates), skipped"
		return 0
	fi
	# shellcheck disable=SC2086	# generated names, no spaces
	set -- $(ls "$bd_dir"/*.jsonl 2>/dev/null)
	if [ $# -eq 0 ]; then
		echo "pe-dates: no pe-split output in $bd_dir, skipped"
		return 0
	fi
	bd_out=$(mktemp "${TMPDIR:-/tmp}/pe-dates-bench.XXXXXX") || return 1
	bd_bytes=$(cat "$@" | wc -c | tr -d ' ')
	bd_largest=$(ls -S "$@" | head -n 1)
	bd_lbytes=$(wc -c <"$bd_largest" | tr -d ' ')
	bd_best=
	bd_rss=0
	bd_i=0
	while [ "$bd_i" -lt "$bd_runs" ]; do
		bd_r=$(_bd_measure "$bd_out" "$bd_b/pe-dates" "$@") || {
			rm -f "$bd_out"
			return 1
		}
		if [ -z "$bd_best" ]; then
			bd_best=${bd_r% *}
		else
			bd_best=$(echo "$bd_best ${bd_r% *}" |
			    awk '{ print ($2 < $1) ? $2 : $1 }')
		fi
		[ "${bd_r#* }" -gt "$bd_rss" ] && bd_rss=${bd_r#* }
		bd_i=$((bd_i + 1))
	done
	bd_r1=$(_bd_measure "$bd_out" "$bd_b/pe-dates" "$bd_largest") || {
		rm -f "$bd_out"
		return 1
	}
	bd_dates=$("$bd_b/pe-dates" --each "$@" | wc -l | tr -d ' ')
	rm -f "$bd_out"
	awk -v in_b="$bd_bytes" -v s="$bd_best" -v rss="$bd_rss" \
	    -v l_b="$bd_lbytes" -v l_rss="${bd_r1#* }" -v n="$bd_dates" \
	    -v t="$bd_target" -v runs="$bd_runs" 'BEGIN {
		mb = in_b / 1048576
		rate = s > 0 ? mb / s : 0
		printf "pe-dates: %.1f MB in %.2f s = %.1f MB/s (best of %d), %d dates",
		    mb, s, rate, runs, n
		if (rss > 0)
			printf ", peak RSS %.0f MB; largest file alone (%.1f MB): %.0f MB",
			    rss / 1024, l_b / 1048576, l_rss / 1024
		printf "\n"
		if (rate < t)
			printf "  below the target of %d MB/s\n", t
	}'
}

# _bd_measure OUT CMD...: "SECONDS RSS_KB" of one run (RSS 0 without GNU
# time); fails with CMD's stderr when CMD fails.
_bd_measure() {
	_bd_o=$1
	shift
	_bd_t=$(mktemp "${TMPDIR:-/tmp}/pe-dates-time.XXXXXX") || return 1
	_bd_t0=$(date +%s.%N)
	if /usr/bin/time -f '%e %M' -o "$_bd_t" true 2>/dev/null; then
		/usr/bin/time -f '%e %M' -o "$_bd_t" "$@" >"$_bd_o" 2>"$_bd_t.err"
	else
		"$@" >"$_bd_o" 2>"$_bd_t.err"
		echo "0 0" >"$_bd_t"
	fi
	_bd_st=$?
	_bd_t1=$(date +%s.%N)
	if [ "$_bd_st" -ne 0 ]; then
		echo "pe-dates: exit status $_bd_st" >&2
		head -n 20 "$_bd_t.err" >&2
		rm -f "$_bd_t" "$_bd_t.err"
		return 1
	fi
	tail -n 1 "$_bd_t" | awk -v a="$_bd_t0" -v b="$_bd_t1" '{
		t = b - a
		if (a !~ /\./ || a ~ /N/)
			t = $1
		printf "%.4f %d\n", t, $2
	}'
	rm -f "$_bd_t" "$_bd_t.err"
}

# Run as a script: sh bench/pe-dates.sh BUILD_DIR SPLIT_DIR
case ${0##*/} in
pe-dates.sh)
	[ $# -eq 2 ] || { echo "usage: sh $0 BUILD_DIR SPLIT_DIR" >&2; exit 2; }
	bench_dates "$1" "$2"
	;;
esac
