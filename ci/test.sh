#!/usr/bin/env bash
# The project's test command: install what is missing, build the dev preset, run every test.
# Extra arguments go to ctest, e.g. `ci/test.sh -L unit` or `ci/test.sh -R Framer`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/build.sh dev >/dev/null
ctest --preset dev -j "$(nproc)" "$@"
