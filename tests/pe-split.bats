#!/usr/bin/env bats
#
# pe-split: raw documents in, a doc record and one record per unit out.
# The rules pinned here are DESIGN.md ("The record stream") and the
# segmentation and repair rules of ../shared/gold/README.md.  Inputs are
# the documents in fixtures/ (our own text, in the styles of the corpus)
# or a few lines written by the test itself.
#
# A test marked skip states what pe-split gets wrong today; the test body
# is the right behaviour and runs as soon as the skip line goes.

setup() {
	load helper
	T=$BATS_TEST_TMPDIR
}

# The fixtures whose units are never interrupted by a page break or a URL
# block, so that every unit's span covers exactly its text.
SPAN_FIXTURES="web-article markdown-notes pdf-wrapped pdf-joins pdf-report blog-repost"

# unit_rows FILE: the units of a pe-split output file as [id, kind, line,
# para, span, text] rows, for comparing two runs.
unit_rows() {
	jq -c 'select(.kind != "doc") | [.id, .kind, .line, .para, .span, .text]' "$1"
}

# Units without their spans, for runs whose code point counts differ
# (CRLF adds one per line).
unit_rows_nospan() {
	jq -c 'select(.kind != "doc") | [.id, .kind, .line, .para, .text]' "$1"
}

# ---- the doc record ---------------------------------------------------

@test "writes a doc record first: doc, id, kind, encoding, lines, chars, title" {
	cd "$FIXTURES"
	run --separate-stderr pe split web-article.txt
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" '{"doc":"web-article.txt","id":"doc","kind":"doc","encoding":"UTF-8","lines":12,"chars":445,"title":"北極海航路をめぐる各国の思惑と日本の選択"}'
}

@test "counts the doc record's chars in code points of the decoded document" {
	local f chars
	for f in $SPAN_FIXTURES; do
		chars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8", newline="").read()))' "$FIXTURES/$f.txt")
		run fields 'select(.kind == "doc") | .chars' "$FIXTURES/$f.txt"
		assert_success
		assert_output "$chars"
	done
}

@test "counts the doc record's lines like wc -l, plus a last line without a newline" {
	local f
	for f in $SPAN_FIXTURES; do
		run fields 'select(.kind == "doc") | .lines' "$FIXTURES/$f.txt"
		assert_output "$(wc -l < "$FIXTURES/$f.txt")"
	done
	printf '北極の話。\n次の行。' > "$T/nonl.txt"
	run fields 'select(.kind == "doc") | .lines' "$T/nonl.txt"
	assert_output 2
}

@test "puts the title unit's text on the doc record" {
	run fields 'select(.kind == "doc") | .title' "$FIXTURES/markdown-notes.txt"
	assert_output '"「宇宙ごみ対策にみる多国間協調の限界」 (宇宙政策フォーラム論考No. 12)"'
	run fields 'select(.kind == "title") | .text' "$FIXTURES/markdown-notes.txt"
	assert_output '"「宇宙ごみ対策にみる多国間協調の限界」 (宇宙政策フォーラム論考No. 12)"'
}

@test "omits title from the doc record of a document without one (never null)" {
	run fields 'select(.kind == "doc") | has("title")' "$FIXTURES/pdf-report.txt"
	assert_success
	assert_output false
	run fields 'select(.kind == "title")' "$FIXTURES/pdf-report.txt"
	assert_output ""
}

@test "an empty file gives a doc record with lines 0 and chars 0 and nothing else" {
	: > "$T/empty.txt"
	run --separate-stderr pe split "$T/empty.txt"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 1
	run jq -c '[.id, .kind, .lines, .chars, has("title")]' <<<"$output"
	assert_output '["doc","doc",0,0,false]'
}

# ---- unit records -----------------------------------------------------

@test "writes doc, id, kind, line, para, span and text on every unit, in that order" {
	local f
	for f in $SPAN_FIXTURES; do
		run fields 'select(.kind != "doc") | keys_unsorted' "$FIXTURES/$f.txt"
		assert_success
		run sort -u <<<"$output"
		assert_output '["doc","id","kind","line","para","span","text"]'
	done
}

@test "numbers units s1, s2, ... in reading order, by where they start" {
	local f
	for f in $SPAN_FIXTURES; do
		echo "# $f"
		pe split "$FIXTURES/$f.txt" > "$T/out.jsonl"
		run jq -rs '[.[1:][] | .id] == [range(1; length) | "s\(.)"]' "$T/out.jsonl"
		assert_output true
		run jq -rs '[.[1:][] | .span[0]] | . == sort and . == unique' "$T/out.jsonl"
		assert_output true
	done
}

@test "gives a unit the source line where it starts" {
	local f
	for f in $SPAN_FIXTURES; do
		pe split "$FIXTURES/$f.txt" | python3 -c '
import json, sys
src = open(sys.argv[1], encoding="utf-8", newline="").read()
bad = 0
for line in sys.stdin:
    r = json.loads(line)
    if r["kind"] != "doc" and src[:r["span"][0]].count("\n") + 1 != r["line"]:
        bad += 1
        print(sys.argv[1], r["id"], "line", r["line"])
sys.exit(bad > 0)' "$FIXTURES/$f.txt"
	done
}

@test "gives the sentences of one paragraph its para and the next paragraph the next number" {
	run fields 'select(.kind != "doc") | [.line, .para]' "$FIXTURES/markdown-notes.txt"
	assert_success
	# line 8 holds three sentences, line 10 is the next paragraph
	assert_line --index 4 '[8,4]'
	assert_line --index 5 '[8,4]'
	assert_line --index 6 '[8,4]'
	assert_line --index 7 '[10,5]'
}

@test "never numbers paragraphs backwards" {
	local f
	for f in $SPAN_FIXTURES; do
		pe split "$FIXTURES/$f.txt" > "$T/out.jsonl"
		run jq -s '[.[1:][] | .para] | . == sort and .[0] >= 1' "$T/out.jsonl"
		assert_output true
	done
}

@test "numbers the first paragraph 1 even after leading blank lines" {
	printf '\n\n2025年11月4日\n\n本文の最初の段落である。\n' > "$T/lead.txt"
	run fields 'select(.kind != "doc") | [.line, .para]' "$T/lead.txt"
	assert_success
	assert_output - <<'EOF'
[3,1]
[5,2]
EOF
}

@test "gives each line of a one-paragraph-a-line web article its own para" {
	run fields 'select(.kind != "doc") | [.line, .para]' "$FIXTURES/web-article.txt"
	assert_success
	assert_output - <<'EOF'
[1,1]
[2,2]
[3,3]
[3,3]
[4,4]
[5,5]
[6,6]
[6,6]
[7,7]
[8,8]
[9,9]
[10,10]
[11,11]
[12,12]
EOF
}

# ---- unit kinds -------------------------------------------------------

@test "types a web article's first line as title and its short unpunctuated lines as headings" {
	run units "$FIXTURES/web-article.txt"
	assert_success
	assert_line --index 0 'title: 北極海航路をめぐる各国の思惑と日本の選択'
	assert_line --index 1 'heading: はじめに'
	assert_line --index 2 'sentence: 北極の海氷が夏に大きく後退し、欧州とアジアを結ぶ新たな航路への関心が高まっています。'
	assert_line 'heading: 航路開発の現状'
	assert_line 'heading: 今後の展望'
	assert_line 'heading: 参考資料:'
}

@test "types the - lines under 参考資料: as references, without the marker" {
	run units "$FIXTURES/web-article.txt"
	assert_success
	assert_line --index 12 'reference: Arctic Shipping Outlook 2024 | Polar Research Network'
	assert_line --index 13 'reference: 北極海航路の利用動向 | 海事情報センター'
}

@test "types a Markdown ## line at the top as the title and a later one as a heading, without the ##" {
	run units "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_line --index 1 'title: 「宇宙ごみ対策にみる多国間協調の限界」 (宇宙政策フォーラム論考No. 12)'
	assert_line --index 7 'heading: 合意を阻む二つの問題'
	refute_output --partial '##'
}

@test "types the date line, the byline and (以上) as meta" {
	run units "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_line --index 0 'meta: 2025年11月4日'
	assert_line --index 2 'meta: 東都大学 公共政策大学院 特任准教授'
	assert_line --index 3 'meta: 川村理沙'
	assert_line --index 13 'meta: (以上)'
}

@test "types Markdown - lines as list items without the marker" {
	run units "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_line --index 9 'list-item: 第1に、除去の技術を誰が開発し、誰が運用するのかという問題である。'
	assert_line --index 10 'list-item: 第2に、除去にかかる費用を誰が負担するのかという問題である。'
}

@test "drops a --- rule and types each <sup>i</sup> note after it as one footnote" {
	run units "$FIXTURES/markdown-notes.txt"
	assert_success
	refute_output --partial -- '---'
	run fields 'select(.kind == "footnote") | .line' "$FIXTURES/markdown-notes.txt"
	assert_output - <<'EOF'
23
25
28
EOF
	run units "$FIXTURES/markdown-notes.txt"
	assert_line --index 14 'footnote: <sup>i</sup> Orbital Debris Office, "Quarterly Debris Report," Vol. 29, No. 3 (2025), p. 4.'
}

@test "notes numbered 1, 2, 3 under a --- rule are footnotes; a numbered heading there is not" {
	printf '%s\n' '本文である1。さらに続く2。' '' '---' '' \
	    '1 山田太郎「日本の外交」『外交』2020年、10頁。' '' '2 同上、12頁。' \
	    '3 See J. Smith, Foreign Policy (2020), p. 3.' > "$T/notes.md"
	run units "$T/notes.md"
	assert_success
	assert_output - <<'EOF'
sentence: 本文である1。
sentence: さらに続く2。
footnote: 1 山田太郎「日本の外交」『外交』2020年、10頁。
footnote: 2 同上、12頁。
footnote: 3 See J. Smith, Foreign Policy (2020), p. 3.
EOF
	printf '%s\n' '序文である。' '' '---' '' '1 はじめに' '' '本文である。' > "$T/heads.md"
	run units "$T/heads.md"
	assert_output - <<'EOF'
sentence: 序文である。
heading: 1 はじめに
sentence: 本文である。
EOF
}

@test "keeps inline markup verbatim: <sup>i</sup>, \\_ and *...*" {
	run units "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_line --index 4 'sentence: 軌道上に残された使用済みロケットや衛星の破片は、いまや数万個に上るとされる<sup>i</sup>。'
	assert_line --index 15 'footnote: <sup>ii</sup> 国連宇宙空間平和利用委員会「スペースデブリ低減ガイドライン」(2007年)を参照。([https://www.example.org/space\_debris/guidelines](https://www.example.org/space_debris/guidelines))。'
	assert_line --index 16 'footnote: <sup>iii</sup> Dana Whitfield, *Crowded Orbits: Security and Commerce in Space* (Boston: Meridian Press, 2021), Chapter 4.'
}

@test "types ① ② items as list items, one per sentence, keeping the marker" {
	run units "$FIXTURES/pdf-report.txt"
	assert_success
	assert_line --index 10 'list-item: ① 備蓄の対象品目を見直し、肥料原料を加える必要がある。'
	assert_line --index 11 'list-item: また、保管費用の負担を官民で分担する仕組みも欠かせない。'
	assert_line --index 12 'list-item: ② 輸入先の分散には、外交と通商政策の連携が求められる。'
}

@test "types full-width page numbers as page-number" {
	run fields 'select(.kind == "page-number") | [.line, .text]' "$FIXTURES/pdf-report.txt"
	assert_success
	assert_output - <<'EOF'
[1,"１"]
[28,"２"]
EOF
}

@test "types numbered section lines as headings: 第１部, １, （１）" {
	run fields 'select(.kind == "heading") | .text' "$FIXTURES/pdf-report.txt"
	assert_success
	assert_output - <<'EOF'
"第１部 食料安全保障をめぐる国際環境"
"１ 穀物市場の変動と輸入国の課題"
"２ 日本の備蓄政策"
"（１）備蓄の規模と費用"
"（２）国際協調の枠組み"
EOF
}

@test "types the full-width date and the issuer at the end of a report as meta" {
	run units "$FIXTURES/pdf-report.txt"
	assert_success
	assert_line --index 16 'meta: ２０２５年３月'
	assert_line --index 17 'meta: 食料政策研究会'
}

@test "types URL lines as url, repeats included" {
	run fields 'select(.kind == "url") | [.line, .text]' "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_output - <<'EOF'
[23,"https://www.example.org/arctic/2022/03/03/joint-statement-on-council-cooperation.html"]
[24,"https://www.example.org/arctic/2022/03/03/joint-statement-on-council-cooperation.html"]
EOF
}

@test "splits an English block quote into quote sentences and types its source line as reference" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line --index 10 'quote: “The Council has for a quarter century served as a forum for peaceful cooperation.'
	assert_line --index 11 'quote: We remain convinced of its enduring value for the free-world and for the peoples of the region.'
	assert_line --index 12 'quote: We intend to resume our work.”'
	assert_line --index 13 'reference: Joint Statement on Arctic Council Cooperation, March 2022'
}

@test "strips • from a bulleted date line and types it meta" {
	run units "$FIXTURES/blog-repost.txt"
	assert_success
	assert_line --index 0 'meta: 09/14/2025'
	assert_line --index 1 'title: 潮風の書斎・・・ 海と資源の政治を考える'
}

@test "types a dated credit line and the byline lines under it as meta" {
	run units "$FIXTURES/blog-repost.txt"
	assert_success
	assert_line 'meta: Harbor Review 2025年9月10日 at 6:30 JST'
	assert_line 'meta: 漂流する漁業協定、資源管理の行方'
	assert_line 'meta: Keiko Marsh'
	assert_line 'meta: By shiokaze'
	assert_line 'heading: 協定の見直し'
	assert_line 'heading: 感想を送る'
}

@test "types a blog's site tagline under the title as meta" {
	run units "$FIXTURES/blog-repost.txt"
	assert_success
	assert_line --index 2 'meta: 海の恵みを次の世代へ。'
	assert_line --index 3 'meta: 浜から世界を眺めて、持続可能な漁業を考える。'
	assert_line --index 4 'meta: 資源管理と国際協調に関心を持つすべての人のために。'
}

# ---- sentence boundaries ----------------------------------------------

@test "splits Japanese sentences at 。！ and ？" {
	printf '%s\n' '漁獲枠の配分をめぐる協議は難航した。なぜ合意できないのか！ 各国の思惑は異なるのだろうか？次の会合は来月に開かれる。' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: 漁獲枠の配分をめぐる協議は難航した。
sentence: なぜ合意できないのか！
sentence: 各国の思惑は異なるのだろうか？
sentence: 次の会合は来月に開かれる。
EOF
}

@test "does not split inside 「…。…」" {
	printf '%s\n' '議長は「期限は守る。延長はない」と述べた。代表団は帰国した。' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: 議長は「期限は守る。延長はない」と述べた。
sentence: 代表団は帰国した。
EOF
}

@test "does not split after No. 7, Dr., U.S. before a lowercase word, or inside 3.5" {
	printf '%s\n' 'The vote was held under Rule No. 7 of the charter. Dr. Okafor chaired the session. Funds from the U.S. and Japan arrived. Turnout rose 3.5 percent.' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: The vote was held under Rule No. 7 of the charter.
sentence: Dr. Okafor chaired the session.
sentence: Funds from the U.S. and Japan arrived.
sentence: Turnout rose 3.5 percent.
EOF
}

@test "splits after U.S. when a sentence opener follows" {
	printf '%s\n' 'Most of the aid went to the U.S. The rest went to its allies.' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: Most of the aid went to the U.S.
sentence: The rest went to its allies.
EOF
}

@test "does not split the full-width decimal ３．１４" {
	printf '%s\n' '円周率は３．１４で近似される。次の文である。' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: 円周率は３．１４で近似される。
sentence: 次の文である。
EOF
}

@test "does not split at an ellipsis inside an English sentence or before 。" {
	printf '%s\n' '代表団は帰国した…。次の会合は来月だ。' 'It was, he said, a start... and a modest one. Talks resumed.' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: 代表団は帰国した…。
sentence: 次の会合は来月だ。
sentence: It was, he said, a start... and a modest one.
sentence: Talks resumed.
EOF
}

@test "does not split at a Japanese ellipsis after a particle (協議は……まだ)" {
	printf '%s\n' '協議は……まだ終わらない。次の会合は来月だ。' > "$T/in.txt"
	run units "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
sentence: 協議は……まだ終わらない。
sentence: 次の会合は来月だ。
EOF
}

# ---- repair: joining PDF lines ----------------------------------------

@test "joins a Japanese sentence broken across PDF lines without a space" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line 'sentence: 一部の専門家は、北極を「例外的な協力の場」とみなしてきた冷戦後の前提が崩れたと指摘する。'
	run units "$FIXTURES/pdf-report.txt"
	assert_line 'sentence: 輸入に頼る国々にとって、価格の高騰は財政と家計の双方を直撃する。'
}

@test "joins after Japanese punctuation without a space (見合わせ、/共同研究)" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line 'sentence: 加盟 7 か国は 3 月 3 日、議長国ロシアが主催する会合への参加を見合わせ、共同研究や環境監視を含む協力事業の大半を停止すると表明した。'
}

@test "joins Latin words broken across lines with one space" {
	run units "$FIXTURES/pdf-joins.txt"
	assert_success
	assert_line 'sentence: The port authority said the new terminal would open next year as part of the free-world network of ports.'
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_line 'quote: “The Council has for a quarter century served as a forum for peaceful cooperation.'
}

@test "joins free-/world across a line break keeping the hyphen, without a space" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_output --partial 'for the free-world and for the peoples'
	run units "$FIXTURES/pdf-joins.txt"
	assert_output --partial 'part of the free-world network'
}

@test "puts one space between a Japanese line end and a Latin word (担う NATO)" {
	run units "$FIXTURES/pdf-joins.txt"
	assert_success
	assert_line 'sentence: 欧州の港湾当局は、北極航路の拠点整備について、地域の安全保障を担う NATO との調整を進めている。'
}

@test "puts no space next to a closing bracket or a curly quote (だ」と, north”と)" {
	run units "$FIXTURES/pdf-joins.txt"
	assert_success
	assert_line 'sentence: 港湾の運営者は「航路の開放は時期尚早だ」と述べ、慎重な姿勢を崩していない。'
	assert_line 'sentence: 別の担当者は“the gateway to the north”と呼び、期待を隠さなかった。'
}

@test "closes up letter-spaced Japanese (海 氷 観 測 網 → 海氷観測網)" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line 'sentence: これにより、海氷観測網の維持に必要な記録の共有も途絶えた。'
	run units "$FIXTURES/pdf-joins.txt"
	assert_line 'sentence: 新たな埠頭の建設には、砕氷船の寄港も想定されている。'
}

@test "keeps the space after a section number (第１部 食料…, I. 評議会…)" {
	run units "$FIXTURES/pdf-report.txt"
	assert_success
	assert_line 'heading: 第１部 食料安全保障をめぐる国際環境'
	assert_line 'heading: １ 穀物市場の変動と輸入国の課題'
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_line 'heading: I. 評議会の機能不全とその背景'
}

@test "keeps deliberate spaces in web text (論考No. 12, 書斎・・・ 海)" {
	run units "$FIXTURES/blog-repost.txt"
	assert_success
	assert_line 'title: 潮風の書斎・・・ 海と資源の政治を考える'
	run units "$FIXTURES/markdown-notes.txt"
	assert_line 'title: 「宇宙ごみ対策にみる多国間協調の限界」 (宇宙政策フォーラム論考No. 12)'
}

@test "joins a margin heading broken over double-spaced lines into one heading" {
	run units "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line --index 2 'heading: 評議会、協力事業の大半を一時凍結'
	assert_line --index 3 'sentence: 加盟 7 か国は 3 月 3 日、議長国ロシアが主催する会合への参加を見合わせ、共同研究や環境監視を含む協力事業の大半を停止すると表明した。'
}

@test "keeps a margin heading whose first line ends in a particle apart from the body" {
	sed 's/^評議会、協力事業の大半$/評議会、協力事業の/; s/^を一時凍結 $/大半を凍結 /' \
	    "$FIXTURES/pdf-wrapped.txt" > "$T/margin.txt"
	grep -qx '評議会、協力事業の' "$T/margin.txt"
	run units "$T/margin.txt"
	assert_success
	assert_line --index 2 'heading: 評議会、協力事業の大半を凍結'
	assert_line --index 3 'sentence: 加盟 7 か国は 3 月 3 日、議長国ロシアが主催する会合への参加を見合わせ、共同研究や環境監視を含む協力事業の大半を停止すると表明した。'
}

# ---- spans ------------------------------------------------------------

@test "--keep-layout: every unit's text is the source at its span" {
	local f
	for f in $SPAN_FIXTURES; do
		pe split --keep-layout "$FIXTURES/$f.txt" > "$T/out.jsonl"
		check_spans exact "$FIXTURES/$f.txt" < "$T/out.jsonl"
	done
}

@test "repaired text is the source at its span once all whitespace is removed" {
	local f
	for f in $SPAN_FIXTURES; do
		pe split "$FIXTURES/$f.txt" > "$T/out.jsonl"
		check_spans nospace "$FIXTURES/$f.txt" < "$T/out.jsonl"
	done
}

@test "--keep-layout keeps the units, lines and spans; only the text differs" {
	local f
	for f in $SPAN_FIXTURES; do
		pe split "$FIXTURES/$f.txt" | jq -c '[.id, .kind, .line, .para, .span]' > "$T/a"
		pe split --keep-layout "$FIXTURES/$f.txt" | jq -c '[.id, .kind, .line, .para, .span]' > "$T/b"
		diff -u "$T/a" "$T/b"
	done
	run fields 'select(.id == "s5") | .text' --keep-layout "$FIXTURES/pdf-wrapped.txt"
	assert_output '"これにより、\n\n海 氷 観 測 網 の 維 持 に 必 要 な 記 録 の 共 有 も 途 絶 え た 。"'
}

@test "counts spans in code points: a non-BMP 𠮷 is one" {
	printf '%s\n' '𠮷野家の店舗が増えた。次の文である。' > "$T/in.txt"
	run fields 'select(.kind != "doc") | .span' "$T/in.txt"
	assert_success
	assert_output - <<'EOF'
[0,11]
[11,18]
EOF
	run fields 'select(.kind == "doc") | .chars' "$T/in.txt"
	assert_output 19
}

@test "leaves spaces between sentences out of both spans" {
	run fields 'select(.kind == "quote") | .span' "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_output - <<'EOF'
[463,546]
[547,644]
[645,675]
EOF
}

# ---- --unit -----------------------------------------------------------

@test "--unit paragraph writes one unit per paragraph" {
	run units --unit paragraph "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_line --index 4 'sentence: 軌道上に残された使用済みロケットや衛星の破片は、いまや数万個に上るとされる<sup>i</sup>。こうした宇宙ごみは運用中の衛星と衝突する危険を高め、通信や気象観測といった生活の基盤を揺るがしかねない。各国は国連の場で指針を重ねてきたが、拘束力のある合意には至っていない<sup>ii</sup>。'
	assert_line --index 9 'sentence: では、なぜ合意は難しいのか。除去の技術は他国の衛星を捕獲する技術と表裏一体であり、安全保障上の懸念を呼び起こすからである<sup>iii</sup>。'
	assert_equal "${#lines[@]}" 14
}

@test "--unit paragraph joins a PDF paragraph broken over lines, quote included" {
	run units --unit paragraph "$FIXTURES/pdf-wrapped.txt"
	assert_success
	assert_line 'sentence: 加盟 7 か国は 3 月 3 日、議長国ロシアが主催する会合への参加を見合わせ、共同研究や環境監視を含む協力事業の大半を停止すると表明した。これにより、海氷観測網の維持に必要な記録の共有も途絶えた。'
	assert_line 'quote: “The Council has for a quarter century served as a forum for peaceful cooperation. We remain convinced of its enduring value for the free-world and for the peoples of the region. We intend to resume our work.”'
}

@test "--unit line writes one unit per non-blank line but a --- rule, with its line number" {
	local f want
	for f in markdown-notes pdf-wrapped pdf-report; do
		echo "# $f"
		want=$(grep -n '[^[:space:]]' "$FIXTURES/$f.txt" | grep -v ':---$' | cut -d: -f1 | paste -sd' ')
		run fields 'select(.kind != "doc") | .line' --unit line "$FIXTURES/$f.txt"
		assert_success
		assert_equal "$(paste -sd' ' <<<"$output")" "$want"
	done
	pe split --unit line --keep-layout "$FIXTURES/pdf-wrapped.txt" > "$T/out.jsonl"
	check_spans exact "$FIXTURES/pdf-wrapped.txt" < "$T/out.jsonl"
}

@test "--unit line numbers paragraphs as --unit sentence does" {
	printf '%s\n' '最初の段落である。' '' '' '二番目の段落である。' > "$T/in.txt"
	run fields 'select(.kind != "doc") | [.line, .para]' "$T/in.txt"
	assert_output $'[1,1]\n[4,2]'
	run fields 'select(.kind != "doc") | [.line, .para]' --unit line "$T/in.txt"
	assert_output $'[1,1]\n[4,2]'
}

@test "--unit with a value other than sentence, paragraph or line is a usage error" {
	run --separate-stderr pe split --unit word "$FIXTURES/web-article.txt"
	assert_failure 2
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 2
	[[ ${stderr_lines[0]} == "pe-split: "*word* ]]
	assert_equal "${stderr_lines[1]}" "Try 'pe-split --help' for more information."
}

# ---- --doc --------------------------------------------------------------

@test "--doc NAME names the document NAME on every record" {
	run fields '.doc' --doc report-2025 "$FIXTURES/pdf-report.txt"
	assert_success
	run sort -u <<<"$output"
	assert_output '"report-2025"'
}

@test "--doc NAME names a document read from stdin" {
	run bash -c '"$1" --doc note.txt < "$2" | jq -r .doc | sort -u' _ "$PE_BIN/pe-split" "$FIXTURES/web-article.txt"
	assert_success
	assert_output note.txt
}

# ---- encodings ----------------------------------------------------------

# encoded ENCODING BOM-BYTES: web-article.txt (JIS X 0208 only) in
# ENCODING, with BOM-BYTES in front, as $T/enc.txt; its pe-split output
# in $T/enc.jsonl and the UTF-8 original's in $T/utf8.jsonl.
encoded() {
	{ printf "$2"; iconv -f UTF-8 -t "$1" "$FIXTURES/web-article.txt"; } > "$T/enc.txt"
	pe split "$FIXTURES/web-article.txt" > "$T/utf8.jsonl"
	pe split "$T/enc.txt" > "$T/enc.jsonl" 2> "$T/enc.err" || true
}

# The doc record of $T/enc.jsonl as [encoding, bom, lines, chars].
enc_doc() {
	jq -c 'select(.kind == "doc") | [.encoding, .bom, .lines, .chars]' "$T/enc.jsonl"
}

@test "detects UTF-8 with a BOM: same units and spans as without" {
	encoded UTF-8 '\xef\xbb\xbf'
	run enc_doc
	assert_output '["UTF-8",true,12,445]'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows "$T/enc.jsonl")
	assert_equal "$(cat "$T/enc.err")" ""
}

@test "detects UTF-16LE with a BOM: same units and spans as UTF-8" {
	encoded UTF-16LE '\xff\xfe'
	run enc_doc
	assert_output '["UTF-16LE",true,12,445]'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows "$T/enc.jsonl")
}

@test "detects UTF-16BE with a BOM: same units and spans as UTF-8" {
	encoded UTF-16BE '\xfe\xff'
	run enc_doc
	assert_output '["UTF-16BE",true,12,445]'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows "$T/enc.jsonl")
}

@test "reads UTF-16 with a BOM quietly, without calling it a binary file" {
	local e
	for e in 'UTF-16LE \xff\xfe' 'UTF-16BE \xfe\xff'; do
		run --separate-stderr pe split <({ printf "${e#* }"; iconv -f UTF-8 -t "${e% *}" "$FIXTURES/web-article.txt"; })
		assert_success
		assert_equal "$stderr" ""
	done
}

@test "detects Shift_JIS: same units and spans as UTF-8" {
	encoded SHIFT_JIS ''
	run enc_doc
	assert_output '["Shift_JIS",null,12,445]'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows "$T/enc.jsonl")
	assert_equal "$(cat "$T/enc.err")" ""
}

@test "detects EUC-JP: same units and spans as UTF-8" {
	encoded EUC-JP ''
	run enc_doc
	assert_output '["EUC-JP",null,12,445]'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows "$T/enc.jsonl")
	assert_equal "$(cat "$T/enc.err")" ""
}

@test "--encoding forces the encoding and the doc record says which" {
	encoded SHIFT_JIS ''
	run --separate-stderr pe split --encoding cp932 "$T/enc.txt"
	assert_success
	assert_equal "$stderr" ""
	jq -c 'select(.kind == "doc") | .encoding' <<<"$output" | grep -qx '"Shift_JIS"'
	diff -u <(unit_rows "$T/utf8.jsonl") <(unit_rows <(printf '%s\n' "$output"))
}

@test "--encoding ISO-8859-1 overrides detection of UTF-8: one character per byte" {
	run --separate-stderr pe split --encoding ISO-8859-1 "$FIXTURES/web-article.txt"
	assert_success
	run jq -c 'select(.kind == "doc") | [.encoding, .chars]' <<<"$output"
	assert_output "[\"ISO-8859-1\",$(wc -c < "$FIXTURES/web-article.txt")]"
}

@test "--encoding with a name no converter knows is a usage error" {
	run --separate-stderr pe split --encoding no-such-charset "$FIXTURES/web-article.txt"
	assert_failure 2
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 2
	[[ ${stderr_lines[0]} == "pe-split: "*no-such-charset* ]]
	assert_equal "${stderr_lines[1]}" "Try 'pe-split --help' for more information."
}

# ---- line ends ----------------------------------------------------------

@test "CRLF line ends give the same units as LF" {
	local f
	for f in $SPAN_FIXTURES; do
		sed 's/$/\r/' "$FIXTURES/$f.txt" > "$T/crlf.txt"
		pe split "$FIXTURES/$f.txt" > "$T/lf.jsonl"
		pe split "$T/crlf.txt" > "$T/crlf.jsonl"
		diff -u <(unit_rows_nospan "$T/lf.jsonl") <(unit_rows_nospan "$T/crlf.jsonl")
	done
}

@test "CR line ends give the same units and spans as LF" {
	local f
	for f in $SPAN_FIXTURES; do
		tr '\n' '\r' < "$FIXTURES/$f.txt" > "$T/cr.txt"
		pe split "$FIXTURES/$f.txt" > "$T/lf.jsonl"
		pe split "$T/cr.txt" > "$T/cr.jsonl"
		diff -u <(unit_rows "$T/lf.jsonl") <(unit_rows "$T/cr.jsonl")
	done
}

@test "spans stay exact with CRLF line ends (CR counted as a code point)" {
	local f
	for f in $SPAN_FIXTURES; do
		sed 's/$/\r/' "$FIXTURES/$f.txt" > "$T/crlf.txt"
		pe split --keep-layout "$T/crlf.txt" > "$T/out.jsonl"
		check_spans exact "$T/crlf.txt" < "$T/out.jsonl"
		pe split "$T/crlf.txt" > "$T/out.jsonl"
		check_spans nospace "$T/crlf.txt" < "$T/out.jsonl"
	done
}

# ---- bad input ----------------------------------------------------------

@test "invalid UTF-8: U+FFFD in the text, a warning with byte offset and line, exit 1, every unit written" {
	local off
	# two bad bytes inside line 6's first sentence
	head -n 5 "$FIXTURES/web-article.txt" > "$T/bad.txt"
	off=$(( $(wc -c < "$T/bad.txt") + 27 ))	# after ロシアは北極海航路
	sed -n 6p "$FIXTURES/web-article.txt" | sed 's/北極海航路/北極海航路\xff\xfe/' >> "$T/bad.txt"
	tail -n +7 "$FIXTURES/web-article.txt" >> "$T/bad.txt"
	run --separate-stderr pe split "$T/bad.txt"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 1
	[[ ${stderr_lines[0]} == "pe-split: $T/bad.txt:6: "* ]] || fail "warning: ${stderr_lines[0]}"
	[[ ${stderr_lines[0]} == *"byte $off"* ]] || fail "warning does not name byte $off: ${stderr_lines[0]}"
	pe split "$FIXTURES/web-article.txt" > "$T/good.jsonl"
	assert_equal "${#lines[@]}" "$(wc -l < "$T/good.jsonl")"
	run jq -r 'select(.line == 6 and .kind == "sentence") | .text' <<<"$output"
	assert_line --index 0 'ロシアは北極海航路��を自国の管轄が及ぶ水域と位置づけ、通航する船舶に事前の許可と水先案内を求めています。'
}

@test "a NUL byte does not cut the document short; the output stays JSON" {
	printf '最初の文である。\n二番目の\0文である。\n三番目の文である。\n' > "$T/nul.txt"
	run --separate-stderr pe split "$T/nul.txt"
	[[ $status -le 1 ]]
	jq -e . <<<"$output" > /dev/null
	run jq -c 'select(.kind != "doc") | .text' <<<"$output"
	assert_output - <<'EOF'
"最初の文である。"
"二番目の\u0000文である。"
"三番目の文である。"
EOF
	run --separate-stderr fields 'select(.kind != "doc") | .span' "$T/nul.txt"
	assert_output - <<'EOF'
[0,8]
[9,19]
[20,29]
EOF
}

@test "finishes a 50 MB single line of sentences and writes every one" {
	local n
	python3 -c 'import sys; s = "漁業資源の管理をめぐる協議は続いている。"; n = 50 * 2**20 // len(s.encode()); sys.stdout.write(s * n); print(n, file=sys.stderr)' > "$T/big.txt" 2> "$T/n"
	n=$(cat "$T/n")
	pe split "$T/big.txt" > "$T/big.jsonl"
	assert_equal "$(wc -l < "$T/big.jsonl")" $((n + 1))
	run tail -n 1 "$T/big.jsonl"
	assert_output "{\"doc\":\"$T/big.txt\",\"id\":\"s$n\",\"kind\":\"sentence\",\"line\":1,\"para\":1,\"span\":[$(( (n - 1) * 20 )),$((n * 20))],\"text\":\"漁業資源の管理をめぐる協議は続いている。\"}"
	rm -f "$T/big.txt" "$T/big.jsonl"
}

@test "finishes a 50 MB single line with no sentence end as one unit" {
	local n
	python3 -c 'import sys; s = "漁業資源の管理、"; n = 50 * 2**20 // len(s.encode()); sys.stdout.write(s * n); print(n, file=sys.stderr)' > "$T/big.txt" 2> "$T/n"
	n=$(cat "$T/n")
	pe split "$T/big.txt" > "$T/big.jsonl"
	assert_equal "$(wc -l < "$T/big.jsonl")" 2
	run bash -c 'sed -n 2p "$1" | cut -c1-400' _ "$T/big.jsonl"
	assert_output --partial "\"span\":[0,$((n * 8))],\"text\":\"漁業資源の管理、漁業"
	run tail -c 20 "$T/big.jsonl"
	assert_output --partial '管理、"}'
	rm -f "$T/big.txt" "$T/big.jsonl"
}

@test "a binary file: a warning naming it, exit 1, the output still JSON lines" {
	# a PNG signature first, so that no random BOM can make it look like text
	{ printf '\x89PNG\r\n\x1a\n'; head -c 4096 /dev/urandom; head -c 512 /dev/zero; head -c 1024 /dev/urandom; } > "$T/blob.bin"
	run --separate-stderr pe split "$T/blob.bin"
	assert_failure 1
	[[ ${stderr_lines[0]} == "pe-split: $T/blob.bin"* ]] || fail "warning: ${stderr_lines[0]}"
	jq -e . <<<"$output" > /dev/null
	[[ ${lines[0]} == '{"doc":"'"$T"'/blob.bin","id":"doc","kind":"doc",'* ]]
}

@test "a file of bad bytes only still gives a doc record and exit 1" {
	printf '\x80\x81\x82\xc0\xc1\n' > "$T/junk.txt"
	run --separate-stderr pe split "$T/junk.txt"
	assert_failure 1
	[[ -n $stderr ]]
	run jq -s -c '.[0] | [.kind, .encoding]' <<<"$output"
	assert_output '["doc","UTF-8"]'
}

# ---- stdin --------------------------------------------------------------

@test "reads stdin when no file is named, naming the document -" {
	pe split "$FIXTURES/markdown-notes.txt" > "$T/file.jsonl"
	pe split < "$FIXTURES/markdown-notes.txt" > "$T/stdin.jsonl"
	diff -u <(unit_rows "$T/file.jsonl") <(unit_rows "$T/stdin.jsonl")
	run jq -r .doc "$T/stdin.jsonl"
	run sort -u <<<"$output"
	assert_equal "$output" -
}

@test "reads stdin for -, in its place among the files" {
	run --separate-stderr bash -c '"$1" "$2" - "$3" < "$4" | jq -r "select(.kind == \"doc\") | .doc"' _ \
	    "$PE_BIN/pe-split" "$FIXTURES/web-article.txt" "$FIXTURES/pdf-report.txt" "$FIXTURES/markdown-notes.txt"
	assert_success
	assert_output - <<EOF
$FIXTURES/web-article.txt
-
$FIXTURES/pdf-report.txt
EOF
}

# ---- --format tsv and csv ------------------------------------------------

# table_texts FORMAT FILE: pe-split --keep-layout --format FORMAT FILE
# parsed back (TSV unescaped, CSV by RFC 4180) and printed as the JSON
# list of [id, text] pairs, for comparing with the JSON output.
table_texts() {
	pe split --keep-layout --format "$1" "$2" | python3 -c '
import csv, json, sys
fmt = sys.argv[1]
if fmt == "csv":
    rows = list(csv.reader(sys.stdin, strict=True))
else:
    def unescape(f):
        out, i = [], 0
        while i < len(f):
            if f[i] == "\\" and i + 1 < len(f):
                out.append({"t": "\t", "n": "\n", "\\": "\\", "r": "\r"}.get(f[i + 1], f[i + 1]))
                i += 2
            else:
                out.append(f[i])
                i += 1
        return "".join(out)
    rows = [[unescape(f) for f in l.rstrip("\n").split("\t")] for l in sys.stdin]
head = rows[0]
i, t, k = head.index("id"), head.index("text"), head.index("kind")
print(json.dumps([[r[i], r[t]] for r in rows[1:] if r[k] != "doc"], ensure_ascii=False, separators=(",", ":")))
' "$1"
}

@test "--format tsv escapes tab, newline and backslash, and reads back to the JSON text" {
	local f
	printf 'Rule\tNo. 7 と規則 \\ 第二項の文。\n次の\n\n段落である。\n' > "$T/tabs.txt"
	for f in "$T/tabs.txt" "$FIXTURES/pdf-wrapped.txt" "$FIXTURES/markdown-notes.txt"; do
		echo "# $f"
		pe split --keep-layout "$f" | jq -sc '[.[] | select(.kind != "doc") | [.id, .text]]' > "$T/json"
		table_texts tsv "$f" > "$T/tsv"
		diff -u "$T/json" "$T/tsv"
	done
	run bash -c '"$1" --format tsv "$2" | sed -n 3p' _ "$PE_BIN/pe-split" "$T/tabs.txt"
	assert_output --partial $'\tRule\\tNo. 7 と規則 \\\\ 第二項の文。\t'
}

@test "--format csv quotes commas, quotes and line breaks (RFC 4180) and reads back to the JSON text" {
	local f
	for f in "$FIXTURES/pdf-wrapped.txt" "$FIXTURES/markdown-notes.txt"; do
		echo "# $f"
		pe split --keep-layout "$f" | jq -sc '[.[] | select(.kind != "doc") | [.id, .text]]' > "$T/json"
		table_texts csv "$f" > "$T/csv"
		diff -u "$T/json" "$T/csv"
	done
}

@test "--format tsv leaves the cells of fields a record lacks empty" {
	pe split --format tsv "$FIXTURES/pdf-report.txt" > "$T/out.tsv"
	run python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
h = rows[0]
doc, unit = dict(zip(h, rows[1])), dict(zip(h, rows[2]))
print(doc["id"], doc["encoding"], doc["lines"], doc["chars"], [doc[k] for k in ("line", "para", "span", "text")])
print(unit["id"], unit["kind"], unit["span"], unit["text"], [unit[k] for k in ("encoding", "lines", "chars")])
' "$T/out.tsv"
	assert_success
	assert_output - <<'EOF'
doc UTF-8 36 446 ['', '', '', '']
s1 page-number [1,2] １ ['', '', '']
EOF
}

@test "--format tsv and csv keep the doc record's title" {
	run pe split --format tsv "$FIXTURES/web-article.txt"
	assert_success
	[[ $'\t'"${lines[0]}"$'\t' == *$'\ttitle\t'* ]]
	assert_line --index 1 --partial $'\t北極海航路をめぐる各国の思惑と日本の選択'
	run pe split --format csv "$FIXTURES/web-article.txt"
	[[ ,"${lines[0]%$'\r'}", == *,title,* ]]
	assert_line --index 1 --partial ',北極海航路をめぐる各国の思惑と日本の選択'
}

# ---- golden files -------------------------------------------------------
#
# tests/golden/pe-split/CASE.jsonl is `pe-split CASE.txt` run in fixtures/,
# every record read and checked by hand against gold/README.md.  After a
# change, regenerate with
#	(cd tests/fixtures && ../../build/pe-split CASE.txt > ../golden/pe-split/CASE.jsonl)
# and read the diff before committing it.

golden() {
	local case=$1 status=0
	cd "$FIXTURES"
	pe split "$case.txt" > "$T/$case.jsonl" 2> "$T/$case.err" || status=$?
	assert_equal "$status" 0
	assert_equal "$(cat "$T/$case.err")" ""
	diff -u "$GOLDEN/pe-split/$case.jsonl" "$T/$case.jsonl"
	cmp "$GOLDEN/pe-split/$case.jsonl" "$T/$case.jsonl"
}

@test "golden: markdown-notes.txt (date, ## title, byline, - list, --- rule, <sup> notes)" {
	golden markdown-notes
}

@test "golden: pdf-wrapped.txt (double-spaced PDF, margin heading, letter-spacing, URLs, quote)" {
	golden pdf-wrapped
}

@test "golden: pdf-joins.txt (line joins: Japanese, Latin, hyphen, quotes, letter-spacing)" {
	golden pdf-joins
}

@test "golden: pdf-report.txt (page numbers, numbered sections, ① items, full-width date)" {
	golden pdf-report
}
