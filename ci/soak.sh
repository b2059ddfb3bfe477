#!/usr/bin/env bash
# The soak: sequence-numbered messages both ways through the simulated module, transparent and
# distribution mode, with link cuts and broker restarts (tests/soak). Default: the short
# version CI runs (a few hundred messages each way, under a minute). --long: 10 000 messages
# each way and six faults per mode (nightly, on demand). Counts are printed and left in
# <build>/tests/soak/soak-<mode>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
label=soak-short
if [[ "${1:-}" == "--long" ]]; then
  label=soak
  shift
fi
build=$(bash ci/build.sh dev)
ctest --test-dir "$build" -L "^${label}\$" --output-on-failure "$@"
for f in "$build"/tests/soak/soak-*.json; do
  [[ -e "$f" ]] && { echo "== $f"; cat "$f"; }
done
