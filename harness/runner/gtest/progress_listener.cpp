#include "harness/runner/gtest/progress_listener.hpp"

#include "harness/runner/gtest/gtest_case.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace athil::report {

progress_listener::progress_listener(std::ostream& out, bool tty, std::size_t width)
    : printer_(out, tty, width, colour_wanted(tty)) {}

void progress_listener::OnTestIterationStart(const testing::UnitTest& unit, int /*iteration*/) {
    std::size_t sections = 0;
    for (int i = 0; i < unit.total_test_suite_count(); ++i) {
        if (unit.GetTestSuite(i)->test_to_run_count() > 0) {
            ++sections;
        }
    }
    printer_.run_started(static_cast<std::size_t>(unit.test_to_run_count()), sections,
                         steady_clock::now());
}

void progress_listener::OnTestSuiteStart(const testing::TestSuite& suite) {
    printer_.section_started(suite.name(), static_cast<std::size_t>(suite.test_to_run_count()),
                             steady_clock::now());
}

void progress_listener::OnTestStart(const testing::TestInfo& test) {
    printer_.case_started(test.name(), steady_clock::now());
}

void progress_listener::OnTestEnd(const testing::TestInfo& test) {
    printer_.case_finished(case_from_test(test), steady_clock::now());
}

void progress_listener::OnTestSuiteEnd(const testing::TestSuite& /*suite*/) {
    printer_.section_finished(steady_clock::now());
}

void progress_listener::OnTestIterationEnd(const testing::UnitTest& /*unit*/, int /*iteration*/) {
    printer_.run_finished(steady_clock::now());
}

bool is_terminal(int fd) {
    return ::isatty(fd) == 1;
}

std::size_t terminal_width(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 100;
}

} // namespace athil::report
