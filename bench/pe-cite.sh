# bench/pe-cite.sh - pe-cite's benchmark, sourced by bench/run.sh.
#
# bench_cite BUILD_DIR SPLIT_DIR times pe-cite, in one process on one
# core, over two inputs:
#
#   1. SPLIT_DIR/split.jsonl, pe-split's records of the generated
#      documents: throughput in MB/s of pe-split output (target 50) and
#      the peak RSS, which must stay bounded by the largest document;
#   2. references written here: 40,000 one-line reference records made
#      from a few dozen shapes (APA, Chicago, IEEE, Vancouver, Japanese,
#      "Title | Site"), each a document of its own as score-all feeds
#      them: references per second (target 20,000).
#
# The reference shapes were written for this file; no test set is read.
# Uses measure/best/report/size/mb from bench/run.sh when they exist,
# else plain date(1) timing.  MB is 2^20 bytes.

# cite_refs OUT N: N reference records, a doc record before each.
cite_refs() {
	awk -v n="$2" 'BEGIN {
		s[0] = "Smith, J. A., & Jones, B. (2019). A study of things. Journal of Examples, 12(3), 45-67."
		s[1] = "Tanaka, Hiroshi. The Politics of Memory. Oxford: Clarendon Press, 2004."
		s[2] = "[7] K. Lee, M. Park, and S. Cho, \"Robust control of small craft,\" IEEE Trans. Control Syst. Technol., vol. 21, no. 4, pp. 1201-1210, 2013."
		s[3] = "12. Brown AB, Green CD, White EF, et al. Outcomes of early care. Med J Ex. 2011;34(2):110-8."
		s[4] = "Martin, Claire. \"Rivers and Roads.\" In Maps of the North, edited by Paul Hart, 33-58. Chicago: University of Chicago Press, 1999."
		s[5] = "山田太郎「地方財政の構造」『財政研究』第12巻第3号、2015年、45-67頁。"
		s[6] = "鈴木一郎編『戦後外交史』東京大学出版会、2008年。"
		s[7] = "Energy Outlook 2030 | Example Institute"
		s[8] = "DUPONT, Marie. Les villes et la mer. Paris : Gallimard, 2001. 312 p."
		s[9] = "Garcia, L. (2020, March 3). Notes on harbours. Retrieved April 2, 2021, from https://www.example.org/harbours"
		s[10] = "Okafor, N. 2016. Trade corridors in West Africa. PhD dissertation, University of Example."
		s[11] = "Wu, X., Li, Y., Zhang, Q. 2008, ApJ, 675, 1204"
		for (i = 0; i < n; i++) {
			d = "ref" i ".txt"
			t = s[i % 12]
			printf "{\"doc\":\"%s\",\"id\":\"doc\",\"kind\":\"doc\"}\n", d
			gsub(/"/, "\\\"", t)
			printf "{\"doc\":\"%s\",\"id\":\"s1\",\"kind\":\"reference\",\"line\":1,\"para\":1,\"text\":\"%s\"}\n", d, t
		}
	}' >"$1"
}

bench_cite() {
	_b=$1
	_d=$2
	if [ ! -x "$_b/pe-cite" ]; then
		echo "pe-cite: not built ($_b/pe-cite), skipped"
		return 0
	fi
	if [ ! -s "$_d/split.jsonl" ]; then
		echo "pe-cite: no pe-split output in $_d, skipped"
		return 0
	fi
	_n=40000
	cite_refs "$_d/cite-refs.jsonl" "$_n"
	if command -v best >/dev/null 2>&1 && command -v report >/dev/null 2>&1; then
		_r=$(best "$_d/pe-cite.jsonl" "$_b/pe-cite" -q "$_d/split.jsonl") ||
		    return 1
		report pe-cite "$(size "$_d/split.jsonl")" "$_d/pe-cite.jsonl" "$_r"
		awk -v b="$(size "$_d/split.jsonl")" -v s="${_r% *}" 'BEGIN {
			if (s > 0 && b / 1048576 / s < 50)
				printf "  below the target of 50 MB/s\n" }'
		_r=$(best "$_d/pe-cite-refs.out" "$_b/pe-cite" -q \
		    "$_d/cite-refs.jsonl") || return 1
		awk -v n="$_n" -v s="${_r% *}" 'BEGIN {
			r = s > 0 ? n / s : 0
			printf "pe-cite references: %d in %.2f s = %.0f/s", n, s, r
			if (r < 20000)
				printf " (below the target of 20000/s)"
			printf "\n" }'
	else
		_t0=$(date +%s.%N)
		"$_b/pe-cite" -q "$_d/split.jsonl" >"$_d/pe-cite.jsonl" || return 1
		_t1=$(date +%s.%N)
		"$_b/pe-cite" -q "$_d/cite-refs.jsonl" >"$_d/pe-cite-refs.out" ||
		    return 1
		_t2=$(date +%s.%N)
		awk -v a="$_t0" -v b="$_t1" -v c="$_t2" -v n="$_n" \
		    -v sz="$(wc -c <"$_d/split.jsonl")" 'BEGIN {
			printf "pe-cite: %.1f MB/s, %.0f references/s\n",
			    sz / 1048576 / (b - a), n / (c - b) }'
	fi
}
