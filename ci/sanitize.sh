#!/usr/bin/env bash
# Sanitizer job. ASan + UBSan (preset `asan`): builds only the unit-test executables and the
# athil command, runs the unit tests and one full conformance run against the simulator
# (`athil run --report-dir ...`, the simulator child is the same sanitized binary).
# TSan (preset `tsan`, skip with TSAN=0): the tests of the threaded parts (the wire tap's and
# the observer's threads) under ThreadSanitizer.
# Every process writes its sanitizer reports to a log folder (log_path), children included, so
# a report from a process whose stderr the harness swallowed still fails the job.
# BUILD_DIR / TSAN_BUILD_DIR override the build folders (default: the presets' own).
# SANITIZE_OPT sets the optimisation of both builds (default -O1 -g1, asserts on): the build is
# the cost of this job, and -O1 -g1 compiles in about half the CPU time of the presets' -O2 -g
# while the sanitizers catch the same errors.
set -euo pipefail
cd "$(dirname "$0")/.."
asan_dir=${BUILD_DIR:-build/asan}
tsan_dir=${TSAN_BUILD_DIR:-build/tsan}
jobs=$(nproc)
logs=$(mktemp -d)   # sanitizer reports only
work=$(mktemp -d)   # build and run output
trap 'rm -rf "$logs" "$work"' EXIT
start=$SECONDS

bash ci/install-deps.sh >&2

# Unit-test executables: those whose gtest_discover_tests line carries LABELS unit.
unit_executables() {
  grep -rhoE 'gtest_discover_tests\([A-Za-z0-9_]+ PROPERTIES LABELS unit' \
      --include=CMakeLists.txt tests | sed -E 's/gtest_discover_tests\(([A-Za-z0-9_]+).*/\1/'
}

# Sanitizer reports anywhere in $logs → print them and fail.
check_reports() {
  local what=$1
  if compgen -G "$logs/*" >/dev/null; then
    echo "ci/sanitize.sh: sanitizer reports during $what:" >&2
    for f in "$logs"/*; do echo "==== $f" >&2; head -60 "$f" >&2; done
    exit 1
  fi
}

echo "== ASan + UBSan build ($asan_dir)"
opt=${SANITIZE_OPT:--O1 -g1}
cmake --preset asan -B "$asan_dir" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt" >/dev/null
mapfile -t wanted < <(unit_executables | sort -u)
mapfile -t known < <(ninja -C "$asan_dir" -t targets all | sed -n 's/^\([A-Za-z0-9_]*\): phony$/\1/p')
targets=(athil)
for t in "${wanted[@]}"; do
  if printf '%s\n' "${known[@]}" | grep -qx "$t"; then targets+=("$t"); fi
done
build() {
  ninja -C "$@" >"$work/build.log" 2>&1 || { tail -60 "$work/build.log" >&2; exit 1; }
}
build "$asan_dir" -j "$jobs" "${targets[@]}"
echo "built ${targets[*]} ($((SECONDS - start)) s)"

export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"

echo "== unit tests under ASan + UBSan"
ctest --test-dir "$asan_dir" -L unit -j "$jobs" --output-on-failure --timeout 600
check_reports "the unit tests"

echo "== one full conformance run under ASan + UBSan"
status=0
"$asan_dir/harness/runner/athil" run --report-dir "$work/report" --timeout-scale 4 \
  >"$work/run.log" 2>&1 || status=$?
tail -5 "$work/run.log"
check_reports "the conformance run"
if ((status != 0)); then
  echo "ci/sanitize.sh: the conformance run exited $status" >&2
  exit 1
fi
echo "asan part done ($((SECONDS - start)) s)"

if [[ ${TSAN:-1} != 0 ]]; then
  echo "== TSan build ($tsan_dir)"
  tsan_targets=(athil_tap_unit_tests athil_tap_tests athil_observer_tests)
  cmake --preset tsan -B "$tsan_dir" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt" >/dev/null
  build "$tsan_dir" -j "$jobs" "${tsan_targets[@]}"
  export TSAN_OPTIONS="log_path=$logs/tsan:halt_on_error=1:second_deadlock_stack=1"
  for t in "${tsan_targets[@]}"; do
    exe=$(find "$tsan_dir/tests" -name "$t" -type f -executable | head -1)
    "$exe" --gtest_brief=1
  done
  check_reports "the TSan tests"
fi
echo "ci/sanitize.sh: clean ($((SECONDS - start)) s)"
