#!/usr/bin/env bash
# Load and soak test of `silkgraph serve` with wrk (Debian package wrk) on loopback.
#
#   bench/serve_load.sh [SECONDS=30] [CONNECTIONS=64] [GRAPH | synthetic:EDGES]
#
# Serves GRAPH (default: a graph built from examples/; synthetic:EDGES builds one of about EDGES
# edges from bench/gen_records.py records, so queries do real work) on a free loopback port,
# then runs wrk for SECONDS with CONNECTIONS connections over 2 threads. The requests cycle over
# the 100 most connected entities and edges of theirs: 7 in 10 are
# /api/neighbors?id=..&limit=50, 1 is /api/entity, 1 is /api/search, 1 is /api/edge (an edge's
# evidence). The server's RSS is sampled every second. Prints requests/s, latency
# percentiles, errors, and RSS after the first fifth of the run (warm-up) against the end.
# Exit status 1 on any non-2xx answer, any socket error, or RSS growth after warm-up above
# max(8 MB, 10%). Env: SILKGRAPH (default build/silkgraph), SERVE_THREADS (default 8).
set -euo pipefail
seconds=${1:-30}
connections=${2:-64}
graph=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
binary=${SILKGRAPH:-$here/../build/silkgraph}
threads=${SERVE_THREADS:-8}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
[[ -x $binary ]] || { echo "serve_load.sh: no binary at $binary (build first)" >&2; exit 2; }
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 5 ]] || { echo "serve_load.sh: SECONDS must be >= 5" >&2; exit 2; }
[[ $connections =~ ^[0-9]+$ && $connections -ge 2 ]] || { echo "serve_load.sh: CONNECTIONS must be >= 2" >&2; exit 2; }

tmp=$(mktemp -d)
server=
sampler=
cleanup() {
  [[ -n $sampler ]] && kill "$sampler" 2>/dev/null || true
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -z $graph ]]; then
  graph=$tmp/examples-graph.json
  "$binary" build --quiet "$here/../examples" -o "$graph"
elif [[ $graph =~ ^synthetic:([0-9]+)$ ]]; then
  edges=${BASH_REMATCH[1]}
  graph=$tmp/synthetic-$edges-graph.json
  /usr/bin/python3 "$here/gen_records.py" --edges "$edges" --nodes $((edges / 5 + 10)) 2>/dev/null \
    | "$binary" build --quiet --records - -o "$graph"
fi
"$binary" serve "$graph" --port 0 --threads "$threads" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/serve.out" || true)
  [[ -n $url ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "serve_load.sh: the server printed no URL" >&2; exit 1; }

# The ids to ask for: the most connected entities, from the server itself.
/usr/bin/python3 - "$url" "$tmp/requests.lua" <<'PY'
import json, sys, urllib.request
from urllib.parse import quote
url, out = sys.argv[1], sys.argv[2]
stats = json.load(urllib.request.urlopen(url + "api/stats?top=100"))
ids = [n["id"] for n in stats["top_degree"]]
edges = []
for i in ids:
    answer = json.load(urllib.request.urlopen(url + "api/neighbors?limit=5&id=" + quote(i)))
    edges += [e["edge_id"] for n in answer["neighbors"] for e in n["edges"]]
if not ids or not edges:
    sys.exit("serve_load.sh: the graph has no edges to ask for")
with open(out, "w") as f:
    f.write("local ids = {%s}\n" % ", ".join(json.dumps(quote(i, safe=":")) for i in ids))
    f.write("local edges = {%s}\n" % ", ".join(json.dumps(quote(e, safe=":")) for e in edges))
    f.write('''
local n = 0
request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  local kind = n % 10
  if kind == 7 then
    return wrk.format("GET", "/api/edge?id=" .. edges[(n % #edges) + 1])
  elseif kind == 8 then
    return wrk.format("GET", "/api/entity?id=" .. id)
  elseif kind == 9 then
    return wrk.format("GET", "/api/search?q=" .. string.sub(id, string.find(id, ":") + 1, -1):sub(1, 4))
  end
  return wrk.format("GET", "/api/neighbors?id=" .. id .. "&limit=50")
end
''')
PY

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
(while kill -0 "$server" 2>/dev/null; do rss >>"$tmp/rss"; sleep 1; done) &
sampler=$!

wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s "$tmp/requests.lua" "$url" \
  >"$tmp/wrk.out"
kill "$sampler" 2>/dev/null || true
sampler=
cat "$tmp/wrk.out"

/usr/bin/python3 - "$tmp/wrk.out" "$tmp/rss" "$seconds" "$connections" "$graph" "$threads" <<'PY'
import os, re, sys
wrk_out, rss_file, seconds, connections, graph, threads = sys.argv[1:]
text = open(wrk_out).read()
def unit_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
pct = {p: unit_ms(v, u) for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
non2xx = int(non2xx.group(1)) if non2xx else 0
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
rss = [int(x) for x in open(rss_file).read().split()]
warm = rss[max(0, len(rss) // 5)] if rss else 0
end = rss[-1] if rss else 0
growth = end - warm
allowed = max(8 * 1024, warm // 10)
print()
print("| graph | seconds | connections | server threads | requests | requests/s | p50 ms | p99 ms | non-2xx | socket errors | RSS after warm-up MB | RSS at end MB | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print("| %s | %s | %s | %s | %d | %.0f | %.2f | %.2f | %d | %d | %.1f | %.1f | %.1f |" % (
    os.path.basename(graph), seconds, connections, threads, total, rps, pct.get("50", 0),
    pct.get("99", 0), non2xx, socket_errors, warm / 1024, end / 1024, max(rss) / 1024 if rss else 0))
ok = non2xx == 0 and socket_errors == 0 and growth <= allowed
print("verdict: %s (RSS growth after warm-up %+.1f MB, %.1f MB allowed)" % (
    "ok" if ok else "FAILED", growth / 1024, allowed / 1024))
sys.exit(0 if ok else 1)
PY
