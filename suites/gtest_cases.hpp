#pragma once
// Registers generated cases with GoogleTest (testing::RegisterTest). Each registered test runs
// one case body, restores what it changed, and turns a failure that the profile lists as a
// known deviation into GTEST_SKIP "known deviation: <clause>: <reason>".

#include "suites/case_def.hpp"
#include "suites/run_environment.hpp"

namespace athil::suites {

// `env` and `cases` must outlive RUN_ALL_TESTS.
void register_cases(run_environment& env, const case_list& cases);

} // namespace athil::suites
