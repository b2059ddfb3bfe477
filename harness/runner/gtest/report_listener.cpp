#include "harness/runner/gtest/report_listener.hpp"

#include "harness/runner/gtest/gtest_case.hpp"

namespace athil::report {

report_listener::report_listener(std::shared_ptr<run_recorder> recorder, std::ostream& warnings)
    : recorder_(std::move(recorder))
    , warnings_(warnings) {}

void report_listener::OnTestProgramStart(const testing::UnitTest& /*unit*/) {
    recorder_->mark_start(steady_clock::now());
    recorder_->write_progress(warnings_); // an empty but valid report from the first instant
}

void report_listener::OnTestEnd(const testing::TestInfo& test) {
    if (const auto* unit = testing::UnitTest::GetInstance(); unit != nullptr) {
        apply_run_properties(unit->ad_hoc_test_result(), recorder_->metadata());
    }
    recorder_->add(case_from_test(test), warnings_);
}

void report_listener::OnTestSuiteEnd(const testing::TestSuite& suite) {
    if (suite.ad_hoc_test_result().Failed()) {
        recorder_->add(
            case_from_setup_failure(suite.name(), "SuiteSetUp", suite.ad_hoc_test_result()),
            warnings_);
    }
}

void report_listener::OnTestProgramEnd(const testing::UnitTest& unit) {
    apply_run_properties(unit.ad_hoc_test_result(), recorder_->metadata());
    if (unit.ad_hoc_test_result().Failed()) {
        recorder_->add(
            case_from_setup_failure("Run", "EnvironmentSetUp", unit.ad_hoc_test_result()),
            warnings_);
    } else {
        recorder_->write_progress(warnings_);
    }
}

} // namespace athil::report
