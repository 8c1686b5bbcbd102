#!/bin/sh
# make demo: the main job on our own sample documents.
set -e
bin=${1:-build}
cd "$(dirname "$0")/.."
echo "== pe-split examples/*.md examples/*.txt (first 12 records)"
"$bin/pe-split" examples/web-article.md examples/pdf-report.txt > "${TMPDIR:-/tmp}/pe-demo.jsonl"
head -12 "${TMPDIR:-/tmp}/pe-demo.jsonl"
echo
echo "== units per kind"
if command -v jq >/dev/null; then
	jq -r 'select(.kind != "doc") | .kind' "${TMPDIR:-/tmp}/pe-demo.jsonl" | sort | uniq -c
	echo
	echo "== the PDF report, repaired: headings and sentences"
	jq -r 'select(.doc == "examples/pdf-report.txt" and .kind != "doc") | "\(.kind)\t\(.text)"' \
		"${TMPDIR:-/tmp}/pe-demo.jsonl"
fi
for p in pe-entities pe-dates pe-cite; do
	if [ -x "$bin/$p" ]; then
		echo "== | $p"
		"$bin/$p" < "${TMPDIR:-/tmp}/pe-demo.jsonl" | head -5
	fi
done
rm -f "${TMPDIR:-/tmp}/pe-demo.jsonl"
