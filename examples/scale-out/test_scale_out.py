#!/usr/bin/env python3
"""Test: extraction on a 2-worker Dask LocalCluster, merged with `build --records`, gives a
graph file byte-identical to one `silkgraph build` of the same inputs.

    test_scale_out.py --binary build/silkgraph INPUT...
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="silkgraph-scale-out-") as tmp:
        single = os.path.join(tmp, "single.json")
        spread = os.path.join(tmp, "spread.json")
        subprocess.run([args.binary, "build", "--quiet", "-o", single] + args.inputs, check=True)
        done = subprocess.run([sys.executable, os.path.join(HERE, "run.py"), "--workers", "2",
                               "--partitions", "5", "--binary", args.binary, "-o", spread]
                              + args.inputs)
        if done.returncode != 0:
            sys.exit(f"FAIL: run.py exited {done.returncode}")
        a = open(single, "rb").read()
        b = open(spread, "rb").read()
        if a != b:
            sys.exit(f"FAIL: graphs differ ({len(a)} vs {len(b)} bytes)")
        if a.count(b'"relation"') < 50:
            sys.exit("FAIL: the graph is suspiciously small")
        print(f"scale-out: 1 passed, 0 failed ({len(a)} bytes, byte-identical)")


if __name__ == "__main__":
    main()
