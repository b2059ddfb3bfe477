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
  # The release preset builds only what a rack host runs; the benchmarks come on top.
  cmake --build "$build" -j "$(nproc)" --target athil_bench_at_roundtrip athil_bench_transparent \
    athil_bench_fixture_costs >&2
fi
exec /usr/bin/python3 bench/run.py --build-dir "$build" \
  --command "bench/run.sh${args[*]:+ ${args[*]}}" "${args[@]}"
