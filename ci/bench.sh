#!/usr/bin/env bash
# CI smoke run of the benchmarks: every benchmark at tiny sizes so the benchmark code cannot
# rot. Fails only when a benchmark errors, never on a number. Budget: 2 min after the build.
# Uses the dev preset: CI has built it already for ci/test.sh, so this adds no second full build
# (and the numbers of a smoke run mean nothing anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(bash ci/build.sh dev)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
bash bench/run.sh --quick --build-dir "$build" --out "$out/RESULTS.md"
cat "$out/RESULTS.md"
echo "ci/bench.sh: benchmarks ran in $(($(date +%s) - start)) s"
