#pragma once
// From GoogleTest's view of a finished test to the report's case: verdict, the one-line
// message, every failed assertion, and the evidence the case recorded under case_keys.hpp,
// including the failed earlier attempts of a rerun case (flaky when the last one passed).

#include "harness/report/run_model.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace athil::report {

case_result case_from_test(const testing::TestInfo& test);

// A failure outside any test (an Environment's or a suite's SetUp) as a case of its own, so a
// module that never answered still shows up in every report: status error.
case_result case_from_setup_failure(std::string section, std::string name,
                                    const testing::TestResult& ad_hoc);

// "clause 2.3 [M] set\n  sent: ..\n  expected: ERROR\n  received: \"OK\"" ->
// "clause 2.3 [M] set; expected: ERROR; got: \"OK\"": what a dashboard shows in one line.
std::string one_line_message(std::string_view failure, std::string_view clause);

// The failed assertions among results a fake reporter captured (one attempt of a rerun case):
// the first one's text, and every one with its file:line.
struct failed_assertions {
    std::string first;
    std::string details;
    bool exception = false; // GoogleTest's report of an exception escaping the body
};
failed_assertions failed_assertions_of(const testing::TestPartResultArray& parts);

// Applies run-level properties (AT+VER, SN, IMEI, model) recorded outside tests.
void apply_run_properties(const testing::TestResult& ad_hoc, run_metadata& metadata);

} // namespace athil::report
