#!/usr/bin/env python3
"""gendocs.py - generate benchmark documents for pe.

usage: python3 bench/gendocs.py OUTDIR [TOTAL_MB]

Writes into OUTDIR/docs/ about TOTAL_MB (default 32) MiB of Japanese
policy text as 40 documents: one of about 3 MiB (doc00-*) and the rest
of 0.5-1 MiB each, in the three shapes pe-split meets: web text (one
paragraph a line), Markdown (headings, lists, quotes, URLs) and PDF
extraction (double-spaced lines broken every ~40 characters in the
middle of sentences, running headers, page numbers, footnotes).  For
pe-diff, OUTDIR/rev/ gets a revised copy of two documents with about
one sentence in twenty changed, inserted or deleted.

The vocabulary below was written for this script; nothing comes from a
real document or from shared/corpus.  The output depends only on the
arguments (a fixed seed), so runs on different days compare.
"""
import os
import random
import sys

SUBJ = [
    "事業者は", "行政機関は", "本指針において、事業者は", "個人情報取扱事業者は",
    "委員会は", "各府省庁は", "開発者及び提供者は", "利用者は", "当該組織の責任者は",
    "地方公共団体は", "受託者は", "データ提供者は", "監督当局は", "AI事業者は",
]
OBJ = [
    "個人情報の取扱い", "生成ＡＩの利用", "データの越境移転", "安全管理措置",
    "第三者提供", "利用目的の特定", "リスク評価", "透明性の確保", "説明責任の履行",
    "アルゴリズムの監査", "仮名加工情報の作成", "要配慮個人情報の取得",
    "漏えい等の報告", "保有個人データの開示請求", "学習データの品質管理",
    "インシデント対応", "委託先の監督", "匿名加工情報の提供",
]
CONN = ["について", "に関して", "を行うに当たっては", "に際しては", "のため",
        "を実施する場合には", "の観点から"]
MOD = [
    "", "", "", "", "（以下「対象データ」という。）", "（第３条第２項参照）",
    "（2023年改正）", "（ＯＥＣＤ原則を参照）", "（本人の同意を得た場合を除く。）",
    "（別表第１に掲げるものに限る。）", "（詳細は後述する。）",
    "、原則として", "、あらかじめ", "、遅滞なく", "、必要かつ適切な範囲で",
    "、GDPR や CCPA との整合性を考慮しつつ", "、ISO/IEC 27001 に準拠して",
]
PRED = [
    "適切な措置を講じなければならない", "必要な範囲で見直すものとする",
    "明確に説明することが求められる", "十分に配慮する必要がある",
    "記録を作成し、保存するよう努めるものとする", "本人に通知しなければならない",
    "公表するものとする", "その内容を確認することが望ましい",
    "責任者を置くこととする", "必要な体制を整備しなければならない",
    "定期的に点検を行うものとする", "当該措置の有効性を評価する",
]
QUOTE = [
    "「個人情報」とは、生存する個人に関する情報をいう",
    "「仮名加工情報」の定義は、法第２条第５項による",
    "ここでいう「利用者」には、外部の委託先を含む",
    "「プライバシー・バイ・デザイン」（privacy by design）の考え方が重要である",
    "いわゆる「ハルシネーション」への対策が論点となる",
]
NUM = [
    "2024年4月1日から施行される", "３０日以内に報告を行う", "第１２条の規定による",
    "全体の5.2%に相当する", "1,200件を超える", "令和６年度から適用される",
    "年２回以上実施する", "最大で72時間以内に通知する", "第３章第２節に定める",
    "約3,500万人が対象となる",
]
ENG = [
    "The Guidelines apply to all providers of AI systems.",
    "See Sec. 3.1 and Annex II for details.",
    "Data protection impact assessments (DPIAs) must be documented.",
    "This approach follows the OECD AI Principles adopted in 2019.",
]
WORDS = ["情報", "管理", "運用", "規程", "手続", "監査", "評価", "体制", "基準",
         "方針", "措置", "報告", "記録", "教育", "研修", "委託", "契約"]
HOSTS = ["www.example.go.jp", "policy.example.jp", "docs.example.org",
         "www.example.com"]


def sentence(r):
    k = r.random()
    if k < 0.06:
        return r.choice(QUOTE) + "。"
    if k < 0.10:
        return r.choice(ENG)
    if k < 0.20:
        return (r.choice(SUBJ) + r.choice(OBJ) + r.choice(CONN) + "、" +
                r.choice(NUM) + "ため、" + r.choice(PRED) + "。")
    s = r.choice(SUBJ) + r.choice(OBJ) + r.choice(CONN) + r.choice(MOD)
    if not s.endswith("、") and r.random() < 0.5:
        s += "、" + r.choice(OBJ) + "と併せて"
    return s + r.choice(PRED) + "。"


def paragraph(r, lo=3, hi=7):
    out, english = [], False
    for _ in range(r.randint(lo, hi)):
        s = sentence(r)
        if english and s[0].isascii():
            out.append(" ")
        out.append(s)
        english = s[-1] == "."
    return "".join(out)


def heading(r, n):
    fw = "".join(chr(0xFF10 + int(c)) for c in str(n))
    return r.choice(["第%s章　" % fw, "%d. " % n, ""]) + \
        r.choice(OBJ) + r.choice(["の基本的な考え方", "に関する留意事項",
                                  "の手順", "について", ""])


def url(r):
    return "https://%s/%s/%d.html" % (r.choice(HOSTS), r.choice(
        ["policy", "guideline", "faq", "news"]), r.randint(100, 99999))


def blocks(r, size):
    """A document as blocks: ('h', level, text), ('p', text), ('li', text),
    ('q', text), ('url', text), ('note', text), until about size bytes."""
    out, total, sec = [], 0, 0
    out.append(("title", r.choice(OBJ) + "に関する" +
                r.choice(["ガイドライン", "指針", "基本方針", "報告書"])))
    while total < size:
        k = r.random()
        if k < 0.08:
            sec += 1
            b = ("h", 2 if r.random() < 0.6 else 3, heading(r, sec))
        elif k < 0.16:
            b = ("li", paragraph(r, 1, 2))
        elif k < 0.19:
            b = ("q", r.choice(QUOTE) + "。")
        elif k < 0.22:
            b = ("url", url(r))
        elif k < 0.24:
            b = ("note", "%d %s" % (r.randint(1, 30), sentence(r)))
        else:
            b = ("p", paragraph(r))
        out.append(b)
        total += len(b[-1].encode()) + 2
    return out


def render_web(bs):
    out = []
    for b in bs:
        t = b[0]
        if t == "url":
            out.append("出典：" + b[1])
        elif t == "li":
            out.append("・" + b[1])
        elif t == "note":
            out.append("※" + b[1])
        else:
            out.append(b[-1])
    return "\n".join(out) + "\n"


def render_md(bs):
    out, n = [], 0
    for b in bs:
        t = b[0]
        if t == "title":
            out.append("# " + b[1])
        elif t == "h":
            out.append("#" * b[1] + " " + b[2])
            n = 0
        elif t == "li":
            n += 1
            out.append(("- " if n % 2 else "%d. " % n) + b[1])
        elif t == "q":
            out.append("> " + b[1])
        elif t == "url":
            out.append("参考: <%s>" % b[1])
        elif t == "note":
            out.append("[^%s]" % b[1])
        else:
            out.append(b[1])
        out.append("")
    return "\n".join(out)


def wrap(s, width):
    """Break s every width characters, wherever that falls (a PDF does)."""
    return [s[i:i + width] for i in range(0, len(s), width)] or [""]


def render_pdf(r, bs):
    """Double-spaced, ~40-character lines, headers and page numbers."""
    title = bs[0][1]
    lines, page, out = [], 1, []
    width = r.choice([38, 40, 42])
    for b in bs:
        t = b[0]
        if t == "title":
            lines.append(" " * 12 + b[1])
        elif t == "h":
            lines.append(b[2])
        elif t == "li":
            lines.extend(wrap("　" + "（%d）" % r.randint(1, 9) + b[1], width))
        elif t == "note":
            lines.append("")
            lines.append(" " * 60)
            lines.extend(wrap(b[1], width + 6))
        elif t == "url":
            lines.append(b[1])
        else:
            lines.extend(wrap("　" + b[-1], width))
    for i, l in enumerate(lines):
        if i % 36 == 0 and i > 0:
            out.append("- %d -" % page)
            out.append("\f" + title)
            page += 1
        out.append(l)
        out.append("")
    return "\n".join(out) + "\n"


def revise(r, bs):
    """Change, insert or delete about one sentence in twenty."""
    out = []
    for b in bs:
        if b[0] != "p" or r.random() > 0.25:
            out.append(b)
            continue
        k = r.random()
        if k < 0.4:
            out.append(("p", b[1].replace("しなければならない", "するよう努める", 1)))
        elif k < 0.7:
            out.append(("p", b[1] + sentence(r)))
        elif k < 0.85:
            out.append(("p", sentence(r) + b[1]))
        # else: deleted
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gendocs.py OUTDIR [TOTAL_MB]")
    outdir = sys.argv[1]
    total = float(sys.argv[2]) if len(sys.argv) > 2 else 32.0
    mib = 1 << 20
    r = random.Random(20240401)
    ndocs = 40
    big = 3 * mib
    # The rest share what is left, 0.5-1 MiB each in proportion.
    weights = [r.uniform(0.5, 1.0) for _ in range(ndocs - 1)]
    scale = max(total * mib - big, 0) / sum(weights)
    sizes = [big] + [int(w * scale) for w in weights]
    os.makedirs(os.path.join(outdir, "docs"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "rev"), exist_ok=True)
    shapes = ["pdf", "web", "md"]
    for i, size in enumerate(sizes):
        shape = shapes[i % 3]
        bs = blocks(r, size)
        docs = [("docs", bs)]
        if i in (0, 1):
            docs.append(("rev", revise(random.Random(i), bs)))
        for sub, b in docs:
            if shape == "pdf":
                text = render_pdf(random.Random(i), b)
            elif shape == "web":
                text = render_web(b)
            else:
                text = render_md(b)
            name = "doc%02d-%s.%s" % (i, shape, "md" if shape == "md" else "txt")
            with open(os.path.join(outdir, sub, name), "w",
                      encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
