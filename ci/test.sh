#!/usr/bin/env bash
# The project's test command (what CI runs): install what is missing, build, and run every
# stage below; print each stage's wall time; exit non-zero if any stage failed. Every stage
# runs even after an earlier one failed, so one CI log shows everything that is wrong.
#
#   ci/test.sh                  every stage
#   ci/test.sh tests fuzz       only the named stages
#   ci/test.sh -L unit          only the ctest stage, with these ctest arguments
#
# Stages:
#   tests       dev build; ctest: unit, integration, conformance, faults, short soak, browser
#   conformance the README's main command as users run it (release preset), reports checked
#   mutation  every simulator quirk must be caught, the faithful simulator must pass
#   sanitize  ASan+UBSan build: unit tests and one full conformance run
#   fuzz      libFuzzer targets, bounded (FUZZ_SECONDS each, default 30)
#   bench     every benchmark at a tiny size, so the benchmark code cannot rot
#   deb       the .deb of that release build installed, and `athil run` from the installed
#             paths with the source tree hidden
set -uo pipefail
cd "$(dirname "$0")/.."

all_stages=(tests conformance mutation sanitize fuzz bench deb)
ctest_args=()
stages=()
if [[ $# -gt 0 && $1 == -* ]]; then
    stages=(tests)
    ctest_args=("$@")
elif [[ $# -gt 0 ]]; then
    stages=("$@")
else
    stages=("${all_stages[@]}")
fi

run_tests_stage() {
    bash ci/build.sh dev >/dev/null || return 1
    if [[ ${#ctest_args[@]} -gt 0 ]]; then
        ctest --preset dev -j "$(nproc)" "${ctest_args[@]}"
    else
        # The long soak is nightly (ci/soak.sh --long); its short version is labelled soak-short.
        ctest --preset dev -j "$(nproc)" -LE '^soak$'
    fi
}

run_stage() {
    case $1 in
    tests) run_tests_stage ;;
    conformance) bash ci/conformance-check.sh ;;
    # The package is made from the release build the conformance stage made (ci/deb.sh builds
    # it when that stage did not run): what users install is what CI ran.
    deb) bash ci/deb.sh ;;
    mutation | sanitize | fuzz | bench) bash "ci/$1.sh" ;;
    *)
        echo "ci/test.sh: unknown stage '$1' (stages: ${all_stages[*]})" >&2
        return 2
        ;;
    esac
}

summary=()
failed=0
for stage in "${stages[@]}"; do
    echo "=== stage $stage ==="
    start=$(date +%s)
    if run_stage "$stage"; then
        verdict=passed
    else
        verdict=FAILED
        failed=1
    fi
    summary+=("$(printf '%-11s %-7s %5d s' "$stage" "$verdict" $(($(date +%s) - start)))")
done
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
exit "$failed"
