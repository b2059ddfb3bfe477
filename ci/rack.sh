#!/usr/bin/env bash
# Parallel runs and the simulated rack: the inventory/worker unit tests, `athil run --jobs`,
# and a rack of six simulated DUTs through `athil run --inventory` (JUnit validated).
# Budget: about 4 minutes on 2 cores after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(bash ci/build.sh "${1:-dev}")
ctest --test-dir "$build" --output-on-failure -j2 \
  -R '^(InventoryTest|WorkerArgs|WorstExitCode|AthilRunJobs|SimulatedRack|JunitMerge)\.'
