#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for MINUTES each, one after another.
#
#   bench/fuzz.sh MINUTES [BUILD_DIR=build-fuzz]      e.g. bench/fuzz.sh 10, or 0.25 for a smoke run
#
# Configures and builds BUILD_DIR with clang and -DSILKGRAPH_FUZZ=ON (libFuzzer + ASan + UBSan),
# copies each target's seeds (fuzz/seeds/<target>/, our own files) into a working corpus, adds
# sentences and records drawn at run time from ../shared/corpus/*.jsonl when that folder is
# there (never committed), and runs the target with -max_total_time. Prints one table: seconds,
# executions, exec/s, coverage (libFuzzer's cov: and ft: at the end) and findings (crash-,
# leak-, timeout- and oom- files, kept in BUILD_DIR/fuzz-findings/<target>/). Exit status 1 if
# anything was found or a target failed to run. Packages: clang, libfuzzer-14-dev.
set -euo pipefail
minutes=${1:?usage: bench/fuzz.sh MINUTES [BUILD_DIR]}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$here/build-fuzz}
[[ $minutes =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "fuzz.sh: MINUTES must be a number, got \"$minutes\"" >&2; exit 2; }
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60 + 0.5); print (s < 1 ? 1 : s) }')
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang libfuzzer-14-dev)" >&2; exit 2; }

targets=(fuzz_text fuzz_extract fuzz_jsonl fuzz_rules fuzz_graph_file fuzz_api_params)
CC=clang CXX=clang++ cmake -S "$here" -B "$build" -DSILKGRAPH_FUZZ=ON -DSILKGRAPH_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null

work=$build/fuzz-work
findings=$build/fuzz-findings
rm -rf "$work"
mkdir -p "$work" "$findings"

# Material from the shared corpora, drawn fresh each run: texts for the text and extraction
# targets, raw lines for the JSONL reader.
corpus_dir=$here/../shared/corpus
if compgen -G "$corpus_dir/*.jsonl" >/dev/null; then
  /usr/bin/python3 - "$work" "$corpus_dir"/*.jsonl <<'PY'
import json, os, random, sys
work, files = sys.argv[1], sys.argv[2:]
rng = random.Random()
lines = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        lines.extend(l for l in fh if l.strip())
for target in ("fuzz_text", "fuzz_extract", "fuzz_jsonl"):
    os.makedirs(os.path.join(work, "drawn", target), exist_ok=True)
for i, line in enumerate(rng.sample(lines, min(40, len(lines)))):
    text = json.loads(line).get("text", "")[:4000]
    for target in ("fuzz_text", "fuzz_extract"):
        with open(os.path.join(work, "drawn", target, "c%02d" % i), "w", encoding="utf-8") as out:
            out.write(text)
    with open(os.path.join(work, "drawn", "fuzz_jsonl", "c%02d" % i), "w", encoding="utf-8") as out:
        out.write(line[:8000])
PY
fi

rows=()
status=0
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  mkdir -p "$corpus" "$findings/$t"
  cp "$here/fuzz/seeds/$t/"* "$corpus/"
  [[ -d $work/drawn/$t ]] && cp "$work/drawn/$t/"* "$corpus/"
  log=$work/$t.log
  echo "fuzz.sh: $t for ${seconds}s" >&2
  set +e
  start=$(date +%s.%N)
  (cd "$findings/$t" && "$build/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -max_len=65536 -print_final_stats=1 "$corpus" >"$log" 2>&1)
  code=$?
  set -e
  # Measured, not requested: a target stops at its first finding.
  ran=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", (b - a < 1 ? 1 : b - a) }')
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  found=$(find "$findings/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if ((code != 0 || found > 0)); then
    status=1
    echo "fuzz.sh: $t: exit status $code, $found finding(s); log: $log" >&2
    tail -30 "$log" >&2
  fi
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$t" "$ran" "${execs:-0}" \
    "$(awk -v e="${execs:-0}" -v s="$ran" 'BEGIN { printf "%.0f", e / s }')" "${cov:-?}" "${ft:-?}" "$found")")
done

echo "| target | seconds | executions | exec/s | coverage (cov) | features (ft) | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo "machine: $(nproc) CPUs, $(uname -sr); $(clang++ --version | head -1); $(date -u +%Y-%m-%d)"
exit $status
