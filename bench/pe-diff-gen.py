#!/usr/bin/env python3
"""pe-diff-gen.py - generate two versions of a record stream whose
differences are known exactly.

usage: pe-diff-gen.py N OLD NEW [--rate R] [--seed S] [--moves M]
                      [--renumber] [--shuffle]

Writes OLD with N records of pe-split's shape (a doc record, then
sentences of generated Japanese text) and NEW, a revision of it: about
R (default 0.01) of the records changed (one word replaced), inserted
(a new sentence) or deleted, in equal parts, plus M moves (a record
taken out and put back at least 50 records away).  Edits stand at least
three records apart, so that each is one edit and no other reading is
as good: the counts printed on stdout as one JSON object
({"change": C, "insert": I, "delete": D, "move": M, "old": N, "new": N'})
are what pe-diff --summary must report.

Ids, lines and spans are stable across the versions (a record keeps its
id; a new one gets an id of its own), so that GNU diff sees the same
lines the same, as pe-diff does; --renumber numbers both files the way
pe-split does (s1, s2, ... by position), so that nearly every line
differs in its bytes and only the content says which records are the
same.  --shuffle writes NEW as OLD in a random order (the worst case for
a diff), and the counts are not known in advance.

The text is made of random kanji and kana words; nothing comes from a
real document.  The output depends only on the arguments.
"""
import argparse
import json
import random
import sys

KANJI = ("国際機関条約政府外交安全保障経済貿易関税協定会議首脳選挙議会大統領首相"
         "同盟地域秩序平和紛争支援制度改革財政予算成長投資市場金融通貨物価資源"
         "食料農業漁業環境気候温暖化排出削減技術開発研究教育医療保健人口労働雇用"
         "社会福祉年金税制規制監督情報通信宇宙海洋領土防衛軍事核兵器輸出輸入企業")
KANA = "のをにがはでとへもやからまでよりなどしたするされるいるあるないれてだ"
PUNCT = "、"


def word(rng):
    n = rng.choice((1, 2, 2, 2, 3, 3, 4))
    w = "".join(rng.choice(KANJI) for _ in range(n))
    return w + rng.choice(KANA) + (rng.choice(KANA) if rng.random() < 0.3 else "")


def sentence(rng):
    words = [word(rng) for _ in range(rng.randint(8, 16))]
    for i in range(2, len(words) - 1, 5):
        words[i] += PUNCT
    return "".join(words) + "。"


def change(rng, text):
    """Replace one word in the middle of the sentence by another."""
    body = text[:-1]
    cut = rng.randint(len(body) // 4, len(body) // 2)
    k = rng.randint(2, 4)
    new = "".join(rng.choice(KANJI) for _ in range(k))
    while new == body[cut:cut + k]:
        new = "".join(rng.choice(KANJI) for _ in range(k))
    return body[:cut] + new + body[cut + k:] + "。"


def record(doc, rid, line, span, text):
    return json.dumps({"doc": doc, "id": rid, "kind": "sentence", "line": line,
                       "para": line, "span": span, "text": text},
                      ensure_ascii=False, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rate", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--moves", type=int, default=0)
    ap.add_argument("--renumber", action="store_true")
    ap.add_argument("--shuffle", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    doc = "generated.txt"

    # old: (id, text) pairs; positions get line/span when written
    old = [("s%d" % (i + 1), sentence(rng)) for i in range(a.n)]
    new = []
    counts = {"change": 0, "insert": 0, "delete": 0, "move": 0}
    if a.shuffle:
        new = old[:]
        rng.shuffle(new)
        counts = {}
    else:
        # edit sites at least 3 apart; moves picked among untouched records
        nedit = int(a.n * a.rate)
        slots = list(range(2, a.n - 2, 4))
        rng.shuffle(slots)
        sites = {}
        for s in slots[:nedit]:
            sites[s] = rng.choice(("change", "insert", "delete"))
        free = [i for i in range(a.n) if all(j not in sites for j in range(i - 2, i + 3))]
        rng.shuffle(free)
        moved = set()
        dest = {}
        for i in free:
            if len(moved) == a.moves:
                break
            d = rng.randrange(a.n)
            if abs(d - i) < 50 or any(j in sites or j in moved or j in dest
                                      for j in range(d - 2, d + 3)):
                continue
            if any(j in moved or j in dest for j in range(i - 2, i + 3)):
                continue
            moved.add(i)
            dest[d] = i
        nid = 0
        for i, (rid, text) in enumerate(old):
            if i in dest:
                new.append(old[dest[i]])
                counts["move"] += 1
            if i in moved:
                continue
            op = sites.get(i)
            if op == "change":
                new.append((rid, change(rng, text)))
            elif op == "insert":
                nid += 1
                new.append(("n%d" % nid, sentence(rng)))
                new.append((rid, text))
            elif op == "delete":
                pass
            else:
                new.append((rid, text))
            if op:
                counts[op] += 1

    for path, recs in ((a.old, old), (a.new, new)):
        with open(path, "w", encoding="utf-8") as f:
            chars = sum(len(t) + 1 for _, t in recs)
            f.write(json.dumps({"doc": doc, "id": "doc", "kind": "doc",
                                "encoding": "UTF-8", "lines": len(recs),
                                "chars": chars}, separators=(",", ":")) + "\n")
            pos = 0
            out = []
            for k, (rid, text) in enumerate(recs):
                if a.renumber:
                    rid = "s%d" % (k + 1)
                    line, span = k + 1, [pos, pos + len(text)]
                else:
                    num = int(rid[1:])
                    line, span = num, [num * 100, num * 100 + len(text)]
                pos += len(text) + 1
                out.append(record(doc, rid, line, span, text))
                if len(out) >= 10000:
                    f.write("\n".join(out) + "\n")
                    out = []
            if out:
                f.write("\n".join(out) + "\n")
    counts["old"] = len(old) + 1
    counts["new"] = len(new) + 1
    print(json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
