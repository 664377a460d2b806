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
"$build/graph_load_bench" "$tmp/graph.json" 3
