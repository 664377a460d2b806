#!/usr/bin/python3
"""Corpus-scale run: extract, build and export at 1x, 4x and 16x the corpus, to show growth.

usage: bench/scale_bench.py [--binary build/silkgraph] [--scales 1,4,16] [--threads N]
                            CORPUS.jsonl...

The corpora (JSONL records with "id" and "text") are joined into one file, and copies K of it
are made with ids suffixed "#K", so every copy is a new set of documents: the graph gains
evidence at each scale, as a growing archive would. At each scale it times, as separate
processes: `extract` to a file, `build` of the graph from the articles, and `export` of that
graph to every format. It prints one table per scale (seconds, MB/s of text, peak RSS of the
process, output size) and a growth table: time per MB at each scale divided by time per MB at
the first one. Growth is called linear when no step's ratio exceeds 1.5 (seconds-long runs on a
shared machine vary by ~20%). Exit status 1 if a command fails or growth is not linear.
Debian's /usr/bin/python3, standard library only.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_bench as eb  # noqa: E402  (run_child, text_bytes, machine, build_info)

FORMATS = [("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("cypher", "graph.cypher"),
           ("neo4j-csv", "csv"), ("json", "graph.json.export")]
LINEAR = 1.5


def make_corpus(sources, copies, path):
    """Writes `copies` copies of the joined sources with distinct ids; returns text bytes."""
    with open(path, "w", encoding="utf-8") as out:
        for k in range(copies):
            for source in sources:
                with open(source, encoding="utf-8") as f:
                    for line in f:
                        if not line.strip():
                            continue
                        rec = json.loads(line)
                        rec["id"] = "%s#%d" % (rec.get("id"), k)
                        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return eb.text_bytes(path)[0]


def size_of(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return os.path.getsize(path)


def timed(cmd, tmp, what):
    out, err = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
    code, wall, rss_kb = eb.run_child(cmd, out, err)
    if code not in (0, 3):  # 3: some records skipped, which a scraped corpus may have
        raise eb.BenchError(eb.describe_failure(" ".join(cmd), code, err))
    print("  %s: %.2f s, peak RSS %.0f MB" % (what, wall, rss_kb / 1024), file=sys.stderr)
    return wall, rss_kb / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(eb.REPO, "build", "silkgraph"))
    ap.add_argument("--scales", default="1,4,16", help="copies of the corpus (default 1,4,16)")
    ap.add_argument("--threads", type=int, default=None,
                    help="--threads for extract and build (default: all cores)")
    ap.add_argument("corpora", nargs="+", metavar="CORPUS.jsonl")
    args = ap.parse_args()
    try:
        scales = [int(s) for s in args.scales.split(",")]
    except ValueError:
        ap.error("--scales: expected numbers like 1,4,16")
    if not scales or min(scales) < 1:
        ap.error("--scales: expected numbers like 1,4,16")
    binary = eb.checked_inputs(ap, args.binary, args.corpora)
    threads = [] if args.threads is None else ["--threads", str(args.threads)]

    eb.SUBREAPER = eb.become_subreaper()
    load_before = os.getloadavg()
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="sgscale-") as tmp:
            private = os.path.join(tmp, "silkgraph")
            shutil.copy2(binary, private)
            for scale in scales:
                print("scale %dx" % scale, file=sys.stderr)
                corpus = os.path.join(tmp, "corpus.jsonl")
                nbytes = make_corpus(args.corpora, scale, corpus)
                row = {"scale": scale, "mb": nbytes / 1e6, "steps": []}
                records = os.path.join(tmp, "records.jsonl")
                wall, rss = timed([private, "extract", "--quiet"] + threads +
                                  [corpus, "-o", records], tmp, "extract")
                row["steps"].append(("extract", wall, rss, size_of(records)))
                graph = os.path.join(tmp, "graph.json")
                wall, rss = timed([private, "build", "--quiet"] + threads +
                                  [corpus, "-o", graph], tmp, "build")
                row["steps"].append(("build", wall, rss, size_of(graph)))
                for fmt, name in FORMATS:
                    target = os.path.join(tmp, name)
                    wall, rss = timed([private, "export", "--quiet", graph, "--format", fmt,
                                       "-o", target], tmp, "export " + fmt)
                    row["steps"].append(("export " + fmt, wall, rss, size_of(target)))
                    if os.path.isdir(target):
                        shutil.rmtree(target)
                    else:
                        os.remove(target)
                stats = os.path.join(tmp, "stats.json")
                code, _, _ = eb.run_child([private, "stats", "--json", graph], stats,
                                          os.path.join(tmp, "stderr"))
                if code != 0:
                    raise eb.BenchError("stats failed on the %dx graph" % scale)
                with open(stats) as f:
                    figures = json.load(f)
                row["graph"] = "%d nodes, %d edges, %d evidence sentences" % (
                    figures["nodes"], figures["edges"], figures["evidence"])
                results.append(row)
                for p in (corpus, records, graph):
                    os.remove(p)
    except eb.BenchError as e:
        print("scale_bench: %s" % e, file=sys.stderr)
        return 1

    for row in results:
        print("### %dx: %.1f MB of text; graph: %s" % (row["scale"], row["mb"], row["graph"]))
        print()
        print("| step | seconds | MB/s of text | peak RSS MB | output MB |")
        print("|---|---:|---:|---:|---:|")
        for name, wall, rss, out_bytes in row["steps"]:
            print("| %s | %.2f | %.1f | %.0f | %.1f |" % (name, wall, row["mb"] / wall, rss,
                                                         out_bytes / 1e6))
        print()
    print("### growth: seconds per MB at each scale / seconds per MB at %dx" % scales[0])
    print()
    print("| step | " + " | ".join("%dx" % r["scale"] for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    linear = True
    for i, (name, _, _, _) in enumerate(results[0]["steps"]):
        base = results[0]["steps"][i][1] / results[0]["mb"]
        ratios = [r["steps"][i][1] / r["mb"] / base for r in results]
        linear = linear and max(ratios) <= LINEAR
        print("| %s | %s |" % (name, " | ".join("%.2f" % x for x in ratios)))
    print()
    print("growth: %s (every ratio <= %.1f wanted)" % ("linear" if linear else "NOT LINEAR",
                                                       LINEAR))
    print("machine: %s" % eb.machine())
    print("load:    1-min load average %.2f before, %.2f after"
          % (load_before[0], os.getloadavg()[0]))
    print("build:   %s" % eb.build_info(binary))
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
