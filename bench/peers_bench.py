#!/usr/bin/python3
"""silkgraph next to its peers (wink-nlp, compromise, NLTK) on one corpus, in one run.

usage: bench/peers_bench.py [--binary build/silkgraph] [--runs 3] [--peers ../shared/peers]
                            [--work build/peers] CORPUS.jsonl

Runs, one after another and never in parallel: `silkgraph extract --threads 1` (end to end,
as bench/extract_bench.py measures it), then each peer of ../shared/peers/ RUNS times on the
same corpus. The peers are copied into WORK (the shared folder is read-only) and their npm
packages installed there with `npm ci` from the peers' own package-lock.json, once.

Prints one table: MB/s (median, min-max), sentences/s, peak RSS, relations, and how many
times faster silkgraph is than each tool. silkgraph's MB/s is the whole process (start-up,
rule loading, reading, writing); a peer's is its own figure, which leaves out its start-up and
model loading, so the ratio favours the peers. The closing line checks the project's bar:
silkgraph at least 15x faster than the fastest peer on one thread. Exit status 1 if a tool
fails or the bar is missed, 2 on bad usage. Needs node/npm and Debian's python3-nltk.
"""

import argparse
import filecmp
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_bench as eb  # noqa: E402  (same folder: run_child, text_bytes, machine, ...)

PEERS = [  # name, command (relative to the peers folder)
    ("wink-nlp", ["node", "wink_extract.js"]),
    ("compromise", ["node", "compromise_extract.js"]),
    ("NLTK", ["/usr/bin/python3", "nltk_extract.py"]),
]
PEER_FILES = ["package.json", "package-lock.json", "common.js", "gazetteer.json",
              "wink_extract.js", "compromise_extract.js", "nltk_extract.py"]
KV_RE = re.compile(r"(\w+)=([^\s]+)")
BAR = 15.0


def prepare_peers(source, work):
    """Copy the peer harness into `work` and install its npm packages there (once per lock)."""
    os.makedirs(work, exist_ok=True)
    for name in PEER_FILES:
        src = os.path.join(source, name)
        if not os.path.isfile(src):
            raise eb.BenchError("%s: missing; is --peers the shared peers folder?" % src)
        dst = os.path.join(work, name)
        if not os.path.exists(dst) or not filecmp.cmp(src, dst, shallow=False):
            shutil.copyfile(src, dst)
    stamp = os.path.join(work, "node_modules", ".silkgraph-lock")
    lock = os.path.join(work, "package-lock.json")
    if not (os.path.exists(stamp) and filecmp.cmp(lock, stamp, shallow=False)):
        print("peers: npm ci in %s" % work, file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work,
                       check=True, stdout=sys.stderr)
        shutil.copyfile(lock, stamp)


def bench_peer(name, cmd, work, corpus, runs, tmp):
    out_path, err_path = os.path.join(tmp, "peer.jsonl"), os.path.join(tmp, "peer.err")
    full = [cmd[0]] + [os.path.join(work, cmd[1])] + [corpus]
    rows = []
    for i in range(runs):
        code, wall, maxrss = eb.run_child(full, out_path, err_path)
        if code != 0:
            raise eb.BenchError(eb.describe_failure(" ".join(full), code, err_path))
        figures = {}
        with open(err_path, errors="replace") as f:
            for line in f:
                figures.update(KV_RE.findall(line))
        if "MBps" not in figures:
            raise eb.BenchError("%s: no figures on stderr" % " ".join(full))
        rows.append((float(figures["MBps"]), float(figures["sentences_per_s"]), maxrss / 1024,
                     int(figures["relations"]), wall))
        print("  %s run %d/%d: %.3f MB/s, process wall %.2f s, peak RSS %.0f MB" % (
            name, i + 1, runs, rows[-1][0], wall, maxrss / 1024), file=sys.stderr)
    mbps = [r[0] for r in rows]
    return {
        "tool": name, "threads": "1 (node/python)", "mbps": statistics.median(mbps),
        "mbps_min": min(mbps), "mbps_max": max(mbps),
        "sent_per_s": statistics.median(r[1] for r in rows),
        "rss_mb": max(r[2] for r in rows), "relations": rows[0][3],
        "measure": "its own processing time",
        "command": " ".join(shlex.quote(c) for c in full),
    }


def main():
    repo = eb.REPO
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(repo, "build", "silkgraph"))
    ap.add_argument("--runs", type=int, default=3, help="timed runs per tool (default 3)")
    ap.add_argument("--peers", default=os.path.join(os.path.dirname(repo), "shared", "peers"),
                    help="the peer harness (default ../shared/peers)")
    ap.add_argument("--work", default=os.path.join(repo, "build", "peers"),
                    help="where the peers are copied and installed (default build/peers)")
    ap.add_argument("corpus", metavar="CORPUS.jsonl")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    binary = eb.checked_inputs(ap, args.binary, [args.corpus])
    corpus = os.path.abspath(args.corpus)

    eb.SUBREAPER = eb.become_subreaper()
    load_before = os.getloadavg()
    rows = []
    try:
        prepare_peers(os.path.abspath(args.peers), os.path.abspath(args.work))
        with tempfile.TemporaryDirectory(prefix="sgpeers-") as tmp:
            private = os.path.join(tmp, "silkgraph")
            shutil.copy2(binary, private)
            r = eb.bench_corpus(private, binary, corpus, args.runs, tmp, threads=1)
            rows.append({"tool": "silkgraph", "threads": "1 (--threads 1)", "mbps": r["mbps"],
                         "mbps_min": r["mbps_min"], "mbps_max": r["mbps_max"],
                         "sent_per_s": r["sent_per_s"], "rss_mb": r["rss_mb"],
                         "relations": r["relations"], "measure": "whole process",
                         "command": r["command"]})
            for name, cmd in PEERS:
                rows.append(bench_peer(name, cmd, os.path.abspath(args.work), corpus, args.runs,
                                       tmp))
    except (eb.BenchError, subprocess.CalledProcessError) as e:
        print("peers_bench: %s" % e, file=sys.stderr)
        return 1

    nbytes, ndocs = eb.text_bytes(corpus)
    ours = rows[0]["mbps"]
    print("%s: %.2f MB of text, %d documents; %d runs per tool, median (min-max)"
          % (os.path.basename(corpus), nbytes / 1e6, ndocs, args.runs))
    print()
    print("| tool | threads | MB/s | sentences/s | peak RSS MB | relations | MB/s measured over |"
          " silkgraph is |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    for r in rows:
        ratio = "-" if r is rows[0] else "%.1fx faster" % (ours / r["mbps"])
        print("| %s | %s | %.2f (%.2f-%.2f) | %.0f | %.0f | %d | %s | %s |" % (
            r["tool"], r["threads"], r["mbps"], r["mbps_min"], r["mbps_max"], r["sent_per_s"],
            r["rss_mb"], r["relations"], r["measure"], ratio))
    print()
    fastest = max(rows[1:], key=lambda r: r["mbps"])
    ratio = ours / fastest["mbps"]
    verdict = "met" if ratio >= BAR else "MISSED"
    print("bar:     silkgraph %.1fx the fastest peer (%s); %.0fx wanted: %s"
          % (ratio, fastest["tool"], BAR, verdict))
    print("note:    relations are not comparable: the peers' rules are far simpler")
    print("machine: %s" % eb.machine())
    print("load:    1-min load average %.2f before, %.2f after"
          % (load_before[0], os.getloadavg()[0]))
    for r in rows:
        print("timed:   %s" % r["command"])
    return 0 if ratio >= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
