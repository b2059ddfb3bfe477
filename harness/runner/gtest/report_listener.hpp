#pragma once
// The GoogleTest listener that fills the run model: each finished test becomes a case (verdict,
// messages, recorded evidence) and junit.xml is rewritten at once. Run-level properties
// recorded outside tests (firmware, SN, IMEI, model) go to the run's metadata; a failure in an
// Environment's or a suite's SetUp becomes an error case, so it is never lost.

#include "harness/report/run_recorder.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

namespace athil::report {

class report_listener : public testing::EmptyTestEventListener {
public:
    report_listener(std::shared_ptr<run_recorder> recorder, std::ostream& warnings);

    void OnTestProgramStart(const testing::UnitTest& unit) override;
    void OnTestEnd(const testing::TestInfo& test) override;
    void OnTestSuiteEnd(const testing::TestSuite& suite) override;
    void OnTestProgramEnd(const testing::UnitTest& unit) override;

private:
    std::shared_ptr<run_recorder> recorder_;
    std::ostream& warnings_;
};

} // namespace athil::report
