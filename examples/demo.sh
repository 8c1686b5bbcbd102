#!/bin/sh
# make demo: the pipeline over our own sample documents in examples/.
set -e
bin=${1:-build}
cd "$(dirname "$0")/.."
out=${TMPDIR:-/tmp}/pe-demo.$$.jsonl
trap 'rm -f "$out"' EXIT
pipe="$bin/pe-split examples/web-article.md examples/pdf-report.txt"
for p in pe-entities pe-dates pe-cite; do
	[ -x "$bin/$p" ] && pipe="$pipe | $bin/$p"
done
echo "== $pipe"
sh -c "$pipe" > "$out"
echo "$(wc -l < "$out") records"
command -v jq >/dev/null || { head -5 "$out"; exit 0; }
echo
echo "== the PDF report, repaired: kind and text"
jq -r 'select(.doc == "examples/pdf-report.txt" and .kind != "doc") |
	"\(.kind)\t\(.text)"' "$out"
echo
echo "== document dates"
jq -r 'select(.kind == "doc") | "\(.doc)\t\(.dct // "-")\t\(.dct_from // "")"' "$out"
echo
echo "== dates on a timeline (value, text, document)"
jq -r 'select(.dates) | .doc as $d | .dates[] | [.value, .text, $d] | @tsv' "$out" | sort
echo
echo "== entities (type, text, norm)"
jq -r 'select(.entities) | .entities[] | [.type, .text, (.norm // "")] | @tsv' "$out" |
	sort | uniq -c | sort -rn | head -15
echo
echo "== citations"
jq -c 'select(.cites) | {id, cites: [.cites[] | {kind, marker, note, url, symbol}]}' "$out" | head -5
jq -c 'select(.csl) | {id, csl}' "$out" | head -3
if [ -x "$bin/pe-diff" ]; then
	echo
	echo "== pe-diff --conflicts (none expected among these two)"
	"$bin/pe-diff" --conflicts "$out" "$out" | head -3 || true
fi
