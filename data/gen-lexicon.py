#!/usr/bin/env python3
"""gen-lexicon.py - write the Japanese proper-noun lists pe-entities reads
from IPAdic, the dictionary Debian ships as mecab-ipadic.

IPAdic lists the proper nouns of Japanese text by kind: person names
(family and given), places, organizations.  pe-entities uses them as a
lexicon of last resort: a name here is an entity only where it stands as
a whole word (pe-entities(1), FILES), and a name that IPAdic also lists
as a common word (国立, 正義) is left out, since nothing but a tagger
could tell the two apart.  One-character names, names with hiragana
(they cannot be told from running text) and IPAdic's unclassified proper
nouns are left out too.  A surface with several kinds keeps the most
frequent (lowest cost).

Writes two files into DIR (default: the directory of this script):
  lexicon-ja.tsv  gazetteer format: surface, type (PERSON, GPE, ORG), the
                  filtered names above, each with its most frequent kind
  names-ja.tsv    entity-words format: every family name ("surname") and
                  given name ("given-ja"), common word or not, for
                  joining a family and a given name (高橋由美子)

Usage: python3 data/gen-lexicon.py [IPADIC_DIR [DIR]]
IPADIC_DIR defaults to /usr/share/mecab/dic/ipadic (apt-get install
mecab-ipadic); its *.csv files are EUC-JP.  Standard library only; the
output is sorted, so the same IPAdic gives the same files.
"""
import glob
import os
import re
import sys

IPADIC = "/usr/share/mecab/dic/ipadic"

NOTICE = """\
# Derived from IPAdic (mecab-ipadic) by data/gen-lexicon.py; do not edit.
#
# Copyright 2000, 2001, 2002, 2003 Nara Institute of Science
# and Technology.  All Rights Reserved.
#
# Use, reproduction, and distribution of this software is permitted.
# Any copy of this software, whether in its original form or modified,
# must include both the above copyright notice and the following
# paragraphs.
#
# Nara Institute of Science and Technology (NAIST),
# the copyright holders, disclaims all warranties with regard to this
# software, including all implied warranties of merchantability and
# fitness, in no event shall NAIST be liable for
# any special, indirect or consequential damages or any damages
# whatsoever resulting from loss of use, data or profits, whether in an
# action of contract, negligence or other tortuous action, arising out
# of or in connection with the use or performance of this software.
#
# A large portion of the dictionary entries originate from ICOT Free
# Software.  The conditions for ICOT Free Software apply to the
# dictionary as well: it is provided on an experimental basis, WITHOUT
# ANY WARRANTY whatsoever, and neither ICOT nor the copyright holders
# shall be liable for any damages arising out of its use (the full text
# is in /usr/share/doc/mecab-ipadic/copyright).
"""

HIRAGANA = re.compile(r"[\u3041-\u309f]")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else IPADIC
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    proper = {}		# surface -> (cost, kind)
    personal = set()	# (surface, "surname" or "given-ja"): every one
    common = set()
    for path in sorted(glob.glob(os.path.join(src, "*.csv"))):
        with open(path, encoding="euc-jp", errors="replace") as f:
            for line in f:
                p = line.rstrip("\n").split(",")
                if len(p) < 8:
                    continue
                s, cost, pos = p[0], int(p[3]), p[4:8]
                if pos[0] == "名詞" and pos[1] == "固有名詞":
                    kind = {("人名", "姓"): "surname", ("人名", "名"): "given-ja",
                            ("人名", "一般"): "PERSON", ("地域", "一般"): "GPE",
                            ("地域", "国"): "GPE", ("組織", "*"): "ORG"}.get((pos[2], pos[3]))
                    if kind and (s not in proper or cost < proper[s][0]):
                        proper[s] = (cost, kind)
                    if kind in ("surname", "given-ja"):
                        personal.add((s, kind))
                elif pos[0] not in ("記号",):
                    common.add(s)
                    # the stem of an inflected word (見通し, 背負う) is
                    # no name either
                    stem = s.rstrip("\u3041\u3042\u3043\u3044\u3045\u3046\u3047\u3048\u3049\u304a"
                                    "\u304b\u304c\u304d\u304e\u304f\u3050\u3051\u3052\u3053\u3054"
                                    "\u3055\u3056\u3057\u3058\u3059\u305a\u305b\u305c\u305d\u305e"
                                    "\u305f\u3060\u3061\u3062\u3063\u3064\u3065\u3066\u3067\u3068"
                                    "\u3069\u306a\u306b\u306c\u306d\u306e\u306f\u3070\u3071\u3072"
                                    "\u3073\u3074\u3075\u3076\u3077\u3078\u3079\u307a\u307b\u307c"
                                    "\u307d\u307e\u307f\u3080\u3081\u3082\u3083\u3084\u3085\u3086"
                                    "\u3087\u3088\u3089\u308a\u308b\u308c\u308d\u308e\u308f\u3090"
                                    "\u3091\u3092\u3093")
                    if stem != s:
                        common.add(stem)
    lex, names = [], []
    for s, (cost, kind) in proper.items():
        if len(s) < 2 or s in common or HIRAGANA.search(s) or "\t" in s:
            continue
        kind = "PERSON" if kind in ("surname", "given-ja") else kind
        lex.append(f"{s}\t{kind}\t\t\n")
    for (s, kind) in sorted(personal):
        if not HIRAGANA.search(s) and "\t" not in s:
            names.append(f"{kind}\t{s}\n")
    with open(os.path.join(out, "lexicon-ja.tsv"), "w", encoding="utf-8") as f:
        f.write(NOTICE + "# surface\ttype\tnorm\tabbr (gazetteer format)\n")
        f.writelines(sorted(lex))
    with open(os.path.join(out, "names-ja.tsv"), "w", encoding="utf-8") as f:
        f.write(NOTICE + "# class\tword (entity-words format)\n")
        f.writelines(sorted(names))


if __name__ == "__main__":
    main()
