#!/usr/bin/env python3
"""Extract on a Dask cluster, merge with `silkgraph build --records`.

    run.py [--scheduler ADDRESS] [--workers N] [--partitions N] [--binary PATH]
           [--rules FILE]... -o graph.json INPUT...

The inputs (files and directories, as `silkgraph extract` takes them) are split into
partitions; each partition is one Dask task that runs `silkgraph extract` on a worker and
returns its records shard. The shards come back to this process, which merges them with
`silkgraph build --records` into one graph file, byte-identical to a single `silkgraph build`
of the same inputs.

Without --scheduler a LocalCluster of --workers worker processes is started here. With
--scheduler tcp://HOST:8786 the tasks run on that cluster; every worker must then have the
silkgraph binary at --binary and the input files at the same paths (a shared file system or
a copy), since tasks receive paths, not file contents.
"""
import argparse
import os
import subprocess
import sys
import tempfile

ARTICLE_EXTENSIONS = {".txt", ".text", ".jsonl", ".ndjson", ""}


def expand(inputs):
    """Files to read, in the order silkgraph reads them: directories recursively, sorted."""
    files = []
    for path in inputs:
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    if name.startswith("."):
                        continue
                    if os.path.splitext(name)[1] in ARTICLE_EXTENSIONS:
                        found.append(os.path.join(root, name))
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def partition(files, n):
    """Round-robin split into at most n non-empty partitions (order inside each kept)."""
    parts = [files[i::n] for i in range(n)]
    return [p for p in parts if p]


def extract_partition(binary, rules, files):
    """Runs on a worker: one `silkgraph extract` over the partition, returns its records."""
    cmd = [binary, "extract", "--quiet", "--threads", "1"]
    for r in rules:
        cmd += ["--rules", r]
    cmd += files
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # 3 means "done, but some inputs were skipped": the shard is still good.
    if done.returncode not in (0, 3):
        raise RuntimeError(f"silkgraph extract failed ({done.returncode}): "
                           f"{done.stderr.decode(errors='replace')}")
    return done.stdout, done.stderr.decode(errors="replace"), done.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True, help="graph file to write")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="number of tasks (default: 2 per worker)")
    ap.add_argument("--binary", default=os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..", "..", "build", "silkgraph")))
    ap.add_argument("--rules", action="append", default=[])
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster

    binary = os.path.abspath(args.binary)
    files = [os.path.abspath(f) for f in expand(args.inputs)]
    if not files:
        sys.exit("run.py: no input files")
    rules = [os.path.abspath(r) for r in args.rules]

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        parts = partition(files, args.partitions or 2 * workers)
        futures = [client.submit(extract_partition, binary, rules, p, pure=False) for p in parts]
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    skipped = False
    with tempfile.TemporaryDirectory(prefix="silkgraph-shards-") as tmp:
        shards = []
        for i, (records, stderr, code) in enumerate(results):
            sys.stderr.write(stderr)
            skipped = skipped or code == 3
            shard = os.path.join(tmp, f"shard-{i:04d}.jsonl")
            with open(shard, "wb") as f:
                f.write(records)
            shards.append(shard)
        cmd = [binary, "build", "--quiet", "-o", args.output, "--records"] + shards
        done = subprocess.run(cmd)
        if done.returncode not in (0, 3):
            sys.exit(done.returncode)
    print(f"run.py: {len(files)} input files in {len(parts)} tasks on {workers} workers "
          f"-> {args.output}", file=sys.stderr)
    sys.exit(3 if skipped else 0)


if __name__ == "__main__":
    main()
