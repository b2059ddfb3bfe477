#!/usr/bin/env bash
# Suite strength gate (issue 7): builds the dev preset, then runs the faithful simulator over
# every case once, every simulator quirk against the cases that can see it (stopping at the
# first failing case; every case when those pass), and the reverse-direction quirks under
# their profiles, two runs at a time. Fails when a quirk survives, the faithful run has a
# failure, or a tolerated quirk is rejected. Budget: 10 minutes on 2 cores.
#
#   bash ci/mutation.sh [--out FILE]     (default: <build>/MUTATION.md; docs/MUTATION.md is
#                                         regenerated the same way)
set -euo pipefail
cd "$(dirname "$0")/.."
out=""
if [[ ${1:-} == --out ]]; then
    out=$2
fi
build=$(bash ci/build.sh dev)
out=${out:-$build/MUTATION.md}
start=$(date +%s)
status=0
python3 tests/mutation/mutate.py --athil "$build/harness/runner/athil" --out "$out" --jobs 2 ||
    status=$?
echo "mutation gate: exit $status after $(($(date +%s) - start)) s; table in $out"
exit "$status"
