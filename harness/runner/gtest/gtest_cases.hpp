#pragma once
// Registers generated cases with GoogleTest (testing::RegisterTest). Each registered test runs
// one case body, restores what it changed, and turns a failure that the profile lists as a
// known deviation into GTEST_SKIP "known deviation: <clause>: <reason>". With `retries`, a
// failing case runs again up to that many times (report::run_with_retries): one that passes on
// a retry is reported flaky, with each failed attempt and its transcript kept. Known deviations
// and rig failures are not retried.

#include "suites/case_def.hpp"
#include "suites/run_environment.hpp"

namespace athil::runner {

// --maxfail: after `max_failures` cases failed or errored (0: no limit), the rest are not run.
struct failure_limit {
    unsigned max_failures = 0;
    unsigned failures = 0;

    bool reached() const { return max_failures > 0 && failures >= max_failures; }
};

struct case_run_settings {
    unsigned retries = 0;  // --retries
    bool timelines = true; // gather each case's timeline (--no-timeline leaves it out)
};

// `env`, `cases` and `limit` must outlive RUN_ALL_TESTS.
void register_cases(suites::run_environment& env, const suites::case_list& cases,
                    case_run_settings settings, failure_limit& limit);

} // namespace athil::runner
