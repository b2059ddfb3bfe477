// athil run --jobs N: N simulators, one merged report, the worst exit code, and nothing left
// running when the parent is stopped.
#include "cli_test_support.hpp"
#include "harness/process/child_process.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace athil::cli::test {
namespace {

using report::test::read_text;

std::multiset<std::string> reported(const std::filesystem::path& results) {
    std::multiset<std::string> cases;
    const auto json = nlohmann::json::parse(read_text(results));
    for (const auto& c : json.at("cases")) {
        cases.insert(c.at("section").get<std::string>() + "." + c.at("name").get<std::string>());
    }
    return cases;
}

// Processes whose command line mentions `needle` (other than this test).
std::vector<std::string> processes_mentioning(const std::string& needle) {
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        std::ifstream in(e.path() / "cmdline", std::ios::binary);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (text.find(needle) != std::string::npos) {
            found.push_back(e.path().filename().string());
        }
    }
    return found;
}

constexpr const char* filter = "1.1,2.2,2.7";

// Shards 1/3, 2/3 and 3/3, run by the workers and merged, are exactly the unsharded case set.
TEST(AthilRunJobs, MergedShardsAreTheUnshardedCaseSet) {
    athil::test::scoped_temp_dir tmp("athil-cli-jobs");
    const auto dir = tmp.path() / "out";
    const auto list = run_athil({"run", "--list", "--filter", filter});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const auto cases = listed_cases(list.output);
    const std::set<std::string> expected(cases.begin(), cases.end());
    ASSERT_GT(expected.size(), 6U);

    const auto run =
        run_athil({"run", "--jobs", "3", "--filter", filter, "--report-dir", dir.string()});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto merged = reported(dir / "results.json");
    EXPECT_EQ(std::set<std::string>(merged.begin(), merged.end()), expected);
    EXPECT_EQ(merged.size(), expected.size()); // nothing ran twice
    std::size_t from_workers = 0;
    for (const auto* i : {"1", "2", "3"}) {
        const auto part = reported(dir / "workers" / i / "results.json");
        EXPECT_FALSE(part.empty()) << i;
        from_workers += part.size();
        // Every worker's lines reach the terminal with its label.
        EXPECT_NE(run.output.find(std::string("[") + i + "/3] "), std::string::npos) << i;
    }
    EXPECT_EQ(from_workers, expected.size());
    const auto valid = report::test::validate_junit(dir / "junit.xml");
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / "report.html"));
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("counts").at("passed"), expected.size());
    EXPECT_EQ(json.at("metadata").at("model"), "WH-GM5"); // from the boot banner
}

TEST(AthilRunJobs, ExitCodeIsTheWorstWorkers) {
    athil::test::scoped_temp_dir tmp("athil-cli-jobs-quirk");
    const auto dir = tmp.path() / "out";
    const auto run = run_athil({"run", "--jobs", "2", "--filter", "2.2", "--quirk",
                                "keepalive-default-30", "--report-dir", dir.string()});
    ASSERT_EQ(run.exit_code, 1) << run.output;
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_GE(json.at("counts").at("failed").get<int>(), 1);
}

TEST(AthilRunJobs, RealModuleIsRefused) {
    const auto run = run_athil({"run", "--jobs", "2", "--dut", "serial:/dev/does-not-exist"});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("--inventory"), std::string::npos) << run.output;
}

// SIGTERM to the parent alone, as a service manager sends it: the workers stop, end their own
// reports marked interrupted, and the parent merges what they finished, marked so too.
TEST(AthilRunJobs, TerminatedParentMergesWhatFinishedMarkedInterrupted) {
    athil::test::scoped_temp_dir tmp("athil-cli-jobs-term");
    const auto dir = tmp.path() / "out";
    process::spawn_options o;
    o.argv = {ATHIL_EXE, "run", "--jobs", "2", "--filter", "2", "--report-dir", dir.string()};
    o.capture_stdout = true;
    auto parent = process::child::spawn(o);
    // Wait until both workers are running cases.
    std::set<std::string> started;
    const auto until = deadline_in(std::chrono::seconds(60));
    while (started.size() < 2 && steady_clock::now() < until) {
        const auto line = parent.read_stdout_line(until);
        ASSERT_TRUE(line.has_value()) << "the run ended before both workers started";
        // A worker's first per-case line: "[i/N] [ k/M] PASS ..." (or any other verdict).
        if (line->find("] [") != std::string::npos) {
            started.insert(line->substr(0, line->find(']')));
        }
    }
    ASSERT_EQ(started.size(), 2U);
    ASSERT_FALSE(processes_mentioning(dir.string()).empty());
    ::kill(parent.pid(), SIGTERM);
    std::string rest;
    const auto stop_until = deadline_in(std::chrono::seconds(60));
    while (const auto line = parent.read_stdout_line(stop_until)) {
        rest += *line + "\n";
    }
    const auto code = parent.wait(deadline_in(std::chrono::seconds(30)));
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 2) << rest;
    // Workers (their command lines hold the report folder) are gone; simulators went with them.
    auto left = processes_mentioning(dir.string());
    for (int i = 0; i < 50 && !left.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        left = processes_mentioning(dir.string());
    }
    EXPECT_TRUE(left.empty()) << left.size() << " processes left";
    ASSERT_TRUE(std::filesystem::exists(dir / "junit.xml")) << rest;
    const auto json = nlohmann::json::parse(report::test::read_text(dir / "results.json"));
    EXPECT_EQ(json.at("metadata").at("outcome"), "interrupted") << rest;
    EXPECT_GE(json.at("counts").at("errors").get<int>(), 1);
    EXPECT_LT(json.at("counts").at("passed").get<int>(), 300) << "the run was cut short";
}

} // namespace
} // namespace athil::cli::test
