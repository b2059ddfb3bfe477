#!/usr/bin/env bash
# The benchmarks in one command: builds (release preset unless --build-dir names a build),
# runs every benchmark and writes bench/RESULTS.md (or --out FILE).
#   bench/run.sh                       # full sizes, about 15 min on 2 cores
#   bench/run.sh --quick --out /tmp/r.md
#   bench/run.sh --build-dir build/dev # use an existing build
set -euo pipefail
cd "$(dirname "$0")/.."
build=""
args=()
while (($#)); do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ -z $build ]]; then
  build=$(bash ci/build.sh release)
fi
exec /usr/bin/python3 bench/run.py --build-dir "$build" \
  --command "bench/run.sh${args[*]:+ ${args[*]}}" "${args[@]}"
