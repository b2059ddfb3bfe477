#!/usr/bin/env bash
# The suites against the realistic timing profile (suites/timing/realistic.yaml: 10 s boot, 3 s
# registration, 150 +/- 50 ms uplink, 115200 baud), through ctest (tests/realistic). Default: the
# whole suite, nightly or on demand (15 min or more, label realistic). --short: the selection
# CI's tests stage runs (label realistic-short, < 2 min). Any failure is a window that does not
# follow the timing profile, or a module fault the instant profile hides. The reports stay in
# <build>/tests/realistic/{full,short}/.
set -euo pipefail
cd "$(dirname "$0")/.."
label=realistic
folder=full
if [[ "${1:-}" == "--short" ]]; then
  label=realistic-short
  folder=short
  shift
fi
build=$(bash ci/build.sh dev)
start=$(date +%s)
status=0
ctest --test-dir "$build" -L "^${label}\$" --output-on-failure "$@" || status=$?
echo "ci/realistic.sh: ${label} ran in $(($(date +%s) - start)) s; reports in ${build}/tests/realistic/${folder}/"
exit "$status"
