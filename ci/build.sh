#!/usr/bin/env bash
# Installs dependencies and builds one CMake preset (default: dev). Prints the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-dev}
bash ci/install-deps.sh >&2
cmake --preset "$preset" >&2
cmake --build --preset "$preset" -j "$(nproc)" >&2
echo "build/$preset"
