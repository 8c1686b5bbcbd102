# bench/pe-entities.sh - throughput and peak memory of pe-entities.
#
# Sourced by bench/run.sh (make bench), or alone:
#
#	. bench/pe-entities.sh; bench_entities build DIR
#
# bench_entities BUILD_DIR DIR: time BUILD_DIR/pe-entities, one process on
# one core, over the pe-split output in DIR (every *.jsonl file there, as
# one stream), best of PE_BENCH_RUNS runs (default 3), output to a file.
# Prints MB/s of input (MB = 2^20 bytes) against the target of 30 MB/s,
# and the peak RSS, which must stay bounded by the largest document: the
# run is repeated on the largest document's records alone and both peaks
# are printed.  CPU seconds (user + system) are printed beside the wall
# time: on a busy machine only they say what the program costs.
#
# Needs GNU time (/usr/bin/time) for peak RSS; without it only times.
# Environment: PE_BENCH_RUNS (3), PE_DATA (data next to BUILD_DIR).

bench_entities() {
	_be_b=$1
	_be_dir=$2
	_be_runs=${PE_BENCH_RUNS:-3}
	_be_tmp=$(mktemp -d "${TMPDIR:-/tmp}/pe-bench-ent.XXXXXX") || return 2
	if [ ! -x "$_be_b/pe-entities" ]; then
		echo "pe-entities: not built ($_be_b/pe-entities), skipped"
		rm -rf "$_be_tmp"
		return 0
	fi
	: "${PE_DATA:=$(cd "$_be_b/.." && pwd)/data}"
	export PE_DATA
	cat "$_be_dir"/*.jsonl >"$_be_tmp/in.jsonl" 2>/dev/null
	if [ ! -s "$_be_tmp/in.jsonl" ]; then
		echo "pe-entities: no pe-split output in $_be_dir, skipped"
		rm -rf "$_be_tmp"
		return 0
	fi
	# the largest document: the longest run of records sharing "doc"
	awk -F'"doc":"' '{ split($2, a, "\""); d = a[1]
	    n[d] += length($0) } END { for (d in n) if (n[d] > m) { m = n[d]; b = d }
	    print b }' "$_be_tmp/in.jsonl" >"$_be_tmp/largest"
	grep -F "\"doc\":\"$(cat "$_be_tmp/largest")\"" "$_be_tmp/in.jsonl" \
	    >"$_be_tmp/one.jsonl"

	_be_time() {		# FILE: prints "SECONDS RSS_KB", best of runs
		_i=0
		: >"$_be_tmp/runs"
		while [ "$_i" -lt "$_be_runs" ]; do
			if /usr/bin/time -f '%e %M' -o "$_be_tmp/t" true 2>/dev/null; then
				_t0=$(date +%s.%N)
				/usr/bin/time -f '%e %M %U %S' -o "$_be_tmp/t" \
				    "$_be_b/pe-entities" "$1" >"$_be_tmp/out.jsonl" ||
				    return 1
				_t1=$(date +%s.%N)
				awk -v a="$_t0" -v b="$_t1" \
				    '{ printf "%.4f %d %.2f\n", b - a, $2, $3 + $4 }' \
				    "$_be_tmp/t" >>"$_be_tmp/runs"
			else
				_t0=$(date +%s.%N)
				"$_be_b/pe-entities" "$1" >"$_be_tmp/out.jsonl" || return 1
				_t1=$(date +%s.%N)
				echo "$_t0 $_t1" | awk '{ printf "%.4f 0 0\n", $2 - $1 }' \
				    >>"$_be_tmp/runs"
			fi
			_i=$((_i + 1))
		done
		awk 'NR == 1 || $1 < t { t = $1 } NR == 1 || $3 < c { c = $3 }
		    $2 > m { m = $2 } END { printf "%s %d %s\n", t, m, c }' \
		    "$_be_tmp/runs"
	}
	_be_all=$(_be_time "$_be_tmp/in.jsonl") || { rm -rf "$_be_tmp"; return 1; }
	_be_one=$(_be_time "$_be_tmp/one.jsonl") || { rm -rf "$_be_tmp"; return 1; }
	_be_bytes=$(wc -c <"$_be_tmp/in.jsonl" | tr -d ' ')
	_be_obytes=$(wc -c <"$_be_tmp/one.jsonl" | tr -d ' ')
	awk -v in_b="$_be_bytes" -v one_b="$_be_obytes" -v all="$_be_all" \
	    -v one="$_be_one" 'BEGIN {
		split(all, a, " "); split(one, o, " ")
		mb = in_b / 1048576
		rate = a[1] > 0 ? mb / a[1] : 0
		printf "pe-entities: %.1f MB in %.2f s = %.1f MB/s", mb, a[1], rate
		if (a[3] > 0)
			printf " (CPU %.2f s = %.1f MB/s)", a[3], mb / a[3]
		if (a[2] > 0)
			printf ", peak RSS %.0f MB (largest document alone, %.1f MB: %.0f MB)",
			    a[2] / 1024, one_b / 1048576, o[2] / 1024
		printf "\n"
		if ((a[3] > 0 ? mb / a[3] : rate) < 30)
			printf "  below the target of 30 MB/s\n"
	}'
	rm -rf "$_be_tmp"
	return 0
}
