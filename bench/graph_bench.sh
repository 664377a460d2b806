#!/usr/bin/env bash
# Graph at scale: generate synthetic records with a skewed degree distribution, build a graph
# from them, and time loading it.   bench/graph_bench.sh [EDGES] [BUILD_DIR]
set -euo pipefail
edges=${1:-1000000}
build=${2:-build}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/gen_records.py" --edges "$edges" > "$tmp/records.jsonl"
echo "records: $(wc -c < "$tmp/records.jsonl") bytes"
/usr/bin/time -f "build: %e s, peak RSS %M kB" "$build/silkgraph" build --quiet --records "$tmp/records.jsonl" -o "$tmp/graph.json"
echo "graph file: $(wc -c < "$tmp/graph.json") bytes"
# One load per process, as a command that reads the graph does it (a process that loads again
# reuses memory the first load faulted in, which flatters the second); five processes.
for i in 1 2 3 4 5; do
  "$build/graph_load_bench" "$tmp/graph.json" 1 | tee -a "$tmp/loads.txt"
done
sed 's/.*load median \([0-9.]*\) s.*/\1/' "$tmp/loads.txt" | sort -n |
  awk '{t[NR] = $1} END {printf "load, one per process: median %.3f s, best %.3f s, worst %.3f s (%d processes)\n", t[int((NR + 1) / 2)], t[1], t[NR], NR}'
