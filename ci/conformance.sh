#!/usr/bin/env bash
# The main job: install what is missing, build, and run a full conformance run of the
# reference simulator against an embedded broker. Reports land in reports/<timestamp>/.
# Extra arguments go to `athil run` (see `athil run --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(bash ci/build.sh release)
exec "$build/harness/runner/athil" run "$@"
