#!/usr/bin/env bash
# validators.sh SRC WORK check CHECKER TARGET   runs SRC/CHECKER (check-graphml, ...) on TARGET
# validators.sh SRC WORK node SCRIPT ARGS...    runs a node script; WORK (with node_modules) is its 1st argument
#
# SRC is ../shared/tools/validate, read-only; the checkers run from a writable copy in WORK,
# because check-cypher and check-neo4j-csv install their npm packages (npm ci) beside
# themselves. The copy is refreshed when SRC changes and npm ci runs again when its
# package-lock.json does. Concurrent callers (ctest -j) wait on a lock. A missing validator,
# node or npm package is an error, never a skip: CI installs them all.
set -euo pipefail
if (($# < 4)); then
  echo "usage: validators.sh SRC WORK check CHECKER TARGET | validators.sh SRC WORK node SCRIPT ARGS..." >&2
  exit 2
fi
src=$1 work=$2 mode=$3
shift 3
fail() { echo "validators.sh: $*" >&2; exit 1; }

[[ -d $src ]] || fail "validators not found: $src (the shared tools, ../shared/tools/validate beside the source tree)"
mkdir -p "$work"
exec 9>"$work.lock"
flock 9

hash=$(cd "$src" && find . -path ./node_modules -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum | sha256sum)
if [[ $(cat "$work/.source-hash" 2>/dev/null) != "$hash" ]]; then
  find "$work" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
  (cd "$src" && tar cf - --exclude=./node_modules .) | (cd "$work" && tar xf -)
  chmod -R u+w "$work"
  echo "$hash" >"$work/.source-hash"
fi

needs_npm=1
if [[ $mode == check && ($1 == check-graphml || $1 == check-gexf || $1 == check-json) ]]; then needs_npm=0; fi
if ((needs_npm)); then
  command -v node >/dev/null || fail "node not found (Node >= 20 with npm; see the validators' README)"
  stamp=$work/node_modules/.silkgraph-package-lock.json
  if ! cmp -s "$work/package-lock.json" "$stamp" || [[ ! -d $work/node_modules/kuzu ]] ||
     [[ ! -d $work/node_modules/@neo4j-cypher/language-support ]]; then
    echo "validators.sh: npm ci in $work" >&2
    npm ci --prefix "$work" --no-audit --no-fund --loglevel=error >&2 || fail "npm ci failed in $work"
    cp "$work/package-lock.json" "$stamp"
  fi
fi
flock -u 9

case $mode in
  check)
    [[ -x $work/$1 ]] || fail "no validator named $1 in $src"
    exec "$work/$1" "$2"
    ;;
  node)
    script=$1
    shift
    exec node "$script" "$work" "$@"
    ;;
  *) fail "unknown mode $mode" ;;
esac
