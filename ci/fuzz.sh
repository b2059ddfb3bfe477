#!/usr/bin/env bash
# Bounded fuzzing: builds only the libFuzzer targets (preset `fuzz`: clang 14, ASan + UBSan)
# and runs each for FUZZ_SECONDS (default 30; nightly: FUZZ_SECONDS=600), two at a time.
# Each run starts from a scratch copy of the stored corpus (tests/fuzz/corpus/<target>/), so
# the repository is never touched. Prints the executions per target; fails on any crash, leak,
# timeout or out-of-memory, leaving the input under build/fuzz/findings/<target>/.
# A finding is fixed, then its input is added to tests/fuzz/corpus/<target>/ (the unit test
# athil_fuzz_replay_tests replays it in every build) and to a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-$(nproc)}
targets=(at_framer mqtt_codec sim_command spec_yaml profile_yaml telnet_decoder)

bash ci/install-deps.sh >&2
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target athil_fuzz_all -j "$(nproc)" >/dev/null

build=build/fuzz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf "$build/findings"

# One target: exit status 0 when clean; the log goes to $scratch/<target>.log.
run_target() {
  local t=$1 corpus="$scratch/$1" findings="$build/findings/$1"
  mkdir -p "$corpus" "$findings"
  cp tests/fuzz/corpus/"$t"/* "$corpus"/
  (cd "$scratch" && "$OLDPWD/$build/tests/fuzz/athil_fuzz_$t" "$corpus" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$OLDPWD/$findings/") >"$scratch/$t.log" 2>&1
}

declare -A status
pending=("${targets[@]}")
while ((${#pending[@]} > 0)); do
  batch=("${pending[@]:0:$jobs}")
  pending=("${pending[@]:$jobs}")
  declare -A pids=()
  for t in "${batch[@]}"; do
    run_target "$t" &
    pids[$t]=$!
  done
  for t in "${batch[@]}"; do
    if wait "${pids[$t]}"; then status[$t]=ok; else status[$t]=FAILED; fi
  done
  unset pids
done

failed=0
printf '%-16s %12s %10s  %s\n' target executions exec/s result
for t in "${targets[@]}"; do
  log="$scratch/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf '%-16s %12s %10s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${status[$t]}"
  if [[ ${status[$t]} != ok ]]; then
    failed=1
    echo "---- $t: last lines of the fuzzer's log" >&2
    tail -40 "$log" >&2
    echo "---- inputs kept in $build/findings/$t/: $(ls "$build/findings/$t")" >&2
  fi
done
exit "$failed"
