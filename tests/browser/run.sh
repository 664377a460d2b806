#!/usr/bin/env bash
# run.sh SRC_DIR WORK_DIR SILKGRAPH EXAMPLES   the viewer's browser test, from ctest.
# Copies package.json + package-lock.json into WORK_DIR (the build tree), installs
# playwright-core there with npm ci when the lockfile changed, and runs viewer_test.mjs with
# Debian's chromium. Screenshots land in WORK_DIR/out. A missing chromium is an error, not a skip.
set -euo pipefail
src=$1 work=$2 binary=$3 examples=$4
[[ -x /usr/bin/chromium ]] || { echo "run.sh: /usr/bin/chromium missing (apt-get install chromium, or .ci/deps)" >&2; exit 1; }
mkdir -p "$work"
exec 9>"$work.lock"
flock 9
if ! cmp -s "$src/package-lock.json" "$work/node_modules/.silkgraph-lock"; then
  cp "$src/package.json" "$src/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$src/package-lock.json" "$work/node_modules/.silkgraph-lock"
fi
cp "$src/viewer_test.mjs" "$work/"
exec node "$work/viewer_test.mjs" "$binary" "$examples" "$work/out"
