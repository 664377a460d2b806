#!/usr/bin/python3
"""Extraction time on hostile inputs grows linearly with their size.

usage: bench/linear.py [--binary build/silkgraph] [--sizes 1,2,4,8]

For each case the input is generated at every size, `silkgraph extract --quiet --threads 1`
runs on it (best of 2 runs, end to end), and the table gives seconds and seconds per MB. A case
is linear when seconds per MB at the largest size is at most 3x that of the smallest (generous:
start-up weighs on small inputs, caches on large ones). Exit status 1 if a case is not linear
or the binary fails. Cases (at size x):
  line       one line of sentences, no newline, 6.25 MB * x (50 MB at 8x)
  sentence   words with a full stop only at the end, 128 KB * x (1 MB at 8x), four of them
  names      country and leader names in a row, separated by commas, 12,500 * x names
             (100,000 at 8x), with a verb every so often so rules get tried
  nesting    quotes and brackets nested 2,000 * x deep around a sentence
Debian's /usr/bin/python3, standard library only.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("the minister said that talks on the new pipeline and the railway would go on "
         "after the summit in the capital where trade rose by twenty percent ").split()
NAMES = ["Kazakhstan", "Xi Jinping", "Uzbekistan", "Vladimir Putin", "Kyrgyzstan",
         "Kassym-Jomart Tokayev", "Tajikistan", "Turkmenistan", "China", "Russia"]


def words(n_bytes, stop_every=0):
    out, size, i = [], 0, 0
    while size < n_bytes:
        w = WORDS[i % len(WORDS)]
        if stop_every and i % stop_every == 0:
            w = w.capitalize()  # a sentence starts
        if stop_every and i % stop_every == stop_every - 1:
            w += "."
        out.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(out)


def case_line(x):
    # Sentences of twenty words, and not one newline.
    return words(int(6.25e6 * x), stop_every=20) + "."


def case_sentence(x):
    # Four paragraphs, each one "sentence" that ends only at its last byte.
    return (words(int(128e3 * x)) + ".\n") * 4


def case_names(x):
    parts = []
    for i in range(12500 * x):
        parts.append(NAMES[i % len(NAMES)])
        if i % 50 == 49:
            parts.append("met " + NAMES[(i + 3) % len(NAMES)] + ".")
    return ", ".join(parts) + ".\n"


def case_nesting(x):
    depth = 2000 * x
    opening = "".join('"([{\'' [i % 5] for i in range(depth))
    closing = "".join('")]}\'' [i % 5] for i in reversed(range(depth)))
    core = " Xi Jinping met Vladimir Putin in Moscow on Tuesday. "
    return (opening + core + closing + ".\n") * 20


CASES = [("line", case_line), ("sentence", case_sentence), ("names", case_names),
         ("nesting", case_nesting)]


def timed(binary, path):
    best = None
    for _ in range(2):
        t0 = time.perf_counter()
        p = subprocess.run([binary, "extract", "--quiet", "--threads", "1", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        if p.returncode not in (0, 3):
            raise RuntimeError("%s failed (%d): %s" % (path, p.returncode, p.stderr[-500:]))
        best = wall if best is None else min(best, wall)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(REPO, "build", "silkgraph"))
    ap.add_argument("--sizes", default="1,2,4,8")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if not os.access(args.binary, os.X_OK):
        ap.error("no executable binary at %s (build it first)" % args.binary)
    print("| case | size | MB | seconds | s/MB |")
    print("|---|---:|---:|---:|---:|")
    verdicts = []
    with tempfile.TemporaryDirectory(prefix="sglinear-") as tmp:
        for name, make in CASES:
            per_mb = []
            for x in sizes:
                path = os.path.join(tmp, "%s-%d.txt" % (name, x))
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(x))
                mb = os.path.getsize(path) / 1e6
                try:
                    seconds = timed(args.binary, path)
                except RuntimeError as e:
                    print("linear.py: %s" % e, file=sys.stderr)
                    return 1
                per_mb.append(seconds / mb)
                print("| %s | %dx | %.2f | %.3f | %.4f |" % (name, x, mb, seconds, seconds / mb))
                sys.stdout.flush()
                os.remove(path)
            ratio = per_mb[-1] / per_mb[0]
            verdicts.append((name, ratio))
    print()
    ok = True
    for name, ratio in verdicts:
        linear = ratio <= 3.0
        ok = ok and linear
        print("%s: s/MB at %dx / s/MB at %dx = %.2f: %s" % (
            name, sizes[-1], sizes[0], ratio, "linear" if linear else "NOT LINEAR"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
