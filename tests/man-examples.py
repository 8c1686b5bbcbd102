#!/usr/bin/env python3
"""Run the EXAMPLES of man pages as tests.

usage: man-examples.py PAGE...

A test is a `.Bd -literal` display whose first line starts with "$ ": the
rest of that line is a command for sh -c (run in an empty directory, stdin
from /dev/null, the programs on PATH), the following lines its exact
standard output.  mdoc escapes \\e and \\& are undone.  Prints one line per
failure with the page and line, and exits 1 if any example failed.
"""
import subprocess
import sys
import tempfile


def examples(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith(".Bd -literal"):
            j = i + 1
            while j < len(lines) and lines[j] != ".Ed":
                j += 1
            body = [b.replace("\\&", "").replace("\\e", "\\") for b in lines[i + 1:j]]
            if body and body[0].startswith("$ "):
                yield i + 2, body[0][2:], "".join(b + "\n" for b in body[1:])
            i = j
        i += 1


def main():
    n = fails = 0
    for page in sys.argv[1:]:
        for line, cmd, want in examples(page):
            n += 1
            with tempfile.TemporaryDirectory() as d:
                r = subprocess.run(["sh", "-c", cmd], cwd=d, stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=60)
            got = r.stdout.decode("utf-8", "replace")
            if got != want:
                fails += 1
                print(f"{page}:{line}: {cmd}\n--- want\n{want}--- got\n{got}"
                      f"--- stderr\n{r.stderr.decode('utf-8', 'replace')}")
    print(f"{n} examples, {fails} failed")
    return 1 if fails or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
