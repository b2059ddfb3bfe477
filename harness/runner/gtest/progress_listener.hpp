#pragma once
// Feeds GoogleTest's events to a progress_printer with the current time.

#include "harness/report/progress_printer.hpp"

#include <gtest/gtest.h>

namespace athil::report {

class progress_listener : public testing::EmptyTestEventListener {
public:
    progress_listener(std::ostream& out, bool tty, std::size_t width);

    void OnTestIterationStart(const testing::UnitTest& unit, int iteration) override;
    void OnTestSuiteStart(const testing::TestSuite& suite) override;
    void OnTestStart(const testing::TestInfo& test) override;
    void OnTestEnd(const testing::TestInfo& test) override;
    void OnTestSuiteEnd(const testing::TestSuite& suite) override;
    void OnTestIterationEnd(const testing::UnitTest& unit, int iteration) override;

private:
    progress_printer printer_;
};

// Whether the stream's file descriptor is a terminal, and its width in columns (100 if unknown).
bool is_terminal(int fd);
std::size_t terminal_width(int fd);

} // namespace athil::report
