#pragma once
// The checks every fault case makes of its `athil run`: it ended within a bound with the
// expected verdict, its reports are valid (partial ones included), and nothing of it is left
// running or lying in its TMPDIR.

#include "tests/faults/fault_run.hpp"
#include "tests/faults/report_check.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <thread>

namespace athil::faults {

constexpr auto run_bound = 300s;   // a short selection on a loaded 2-core machine
constexpr auto start_bound = 120s; // until the run reaches the point the fault needs
constexpr auto stop_bound = 60s;   // from the fault to the end of the run

// `athil run --report-dir <scratch>/reports <args>`.
inline launch_options run_args(const scratch_dir& dir, std::vector<std::string> args) {
    launch_options o;
    o.args = {"run", "--report-dir", dir.reports().string()};
    o.args.insert(o.args.end(), args.begin(), args.end());
    return o;
}

// Waits until junit.xml names at least `n` finished cases: the run is under way.
inline bool wait_for_cases(const scratch_dir& dir, std::size_t n, clock_type::duration bound) {
    const auto until = clock_type::now() + bound;
    while (clock_type::now() < until) {
        if (check_junit(dir.reports() / "junit.xml").cases >= n) {
            return true;
        }
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

inline void expect_exit(const std::optional<int>& status, int code, const scratch_dir& dir) {
    ASSERT_TRUE(status.has_value()) << "the run did not end within its bound\n" << dir.output();
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == code)
        << "expected exit " << code << ", got " << describe_status(*status) << "\n"
        << dir.output();
}

// A run that ended by itself: junit.xml and results.json both valid, agreeing on the count.
inline nlohmann::json expect_complete_reports(const scratch_dir& dir) {
    const auto junit = check_junit(dir.reports() / "junit.xml");
    EXPECT_TRUE(junit.valid) << junit.diagnostics;
    std::string why;
    const auto results = load_results(dir.reports() / "results.json", why);
    EXPECT_TRUE(results.has_value()) << why;
    if (!results) {
        return {};
    }
    EXPECT_EQ(results->at("cases").size(), junit.cases) << "junit.xml and results.json disagree";
    EXPECT_TRUE(half_written_files(dir.reports()).empty())
        << testing::PrintToString(half_written_files(dir.reports()));
    return *results;
}

inline void expect_nothing_left(const scratch_dir& dir) {
    expect_no_orphans(dir);
    expect_no_temp_folders(dir);
}

} // namespace athil::faults
