// The report folder of `athil run --report-dir`: never a stale report beside a new one, never two
// runs in one folder, and a folder that cannot be written stops the run before its first case.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>

namespace athil::cli::test {
namespace {

using report::test::read_text;
using testing::HasSubstr;
namespace fs = std::filesystem;

TEST(ReportFolder, EarlierRunIsRefusedThenReplacedWhole) {
    athil::test::scoped_temp_dir tmp("athil-cli-folder");
    const auto dir = tmp.path() / "out";
    ASSERT_EQ(run_athil({"run", "--filter", "2.7", "--report-dir", dir.string()}).exit_code, 0);
    const auto first = read_text(dir / "results.json");

    // A second run into the same folder: refused before anything starts, the first run intact.
    const auto again = run_athil({"run", "--filter", "2.7", "--report-dir", dir.string()});
    EXPECT_EQ(again.exit_code, 2) << again.output;
    EXPECT_THAT(again.output, HasSubstr("holds the reports of an earlier run"));
    EXPECT_THAT(again.output, testing::Not(HasSubstr("module:")));
    EXPECT_EQ(read_text(dir / "results.json"), first);

    // Told to replace: a run that fails before its first case leaves only its own reports,
    // never the earlier green junit.xml or results.json.
    const auto replaced = run_athil({"run", "--dut", "serial:/dev/does-not-exist", "--filter",
                                     "2.7", "--report-dir", dir.string(), "--replace-reports"});
    EXPECT_EQ(replaced.exit_code, 2) << replaced.output;
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("metadata").at("outcome"), "rig_failed");
    EXPECT_EQ(json.at("metadata").at("dut_link"), "serial:/dev/does-not-exist");
    EXPECT_THAT(read_text(dir / "junit.xml"), HasSubstr("/dev/does-not-exist"));
    EXPECT_THAT(read_text(dir / "report.html"), HasSubstr("RIG FAILURE"));
}

TEST(ReportFolder, SecondRunIntoABusyFolderIsRefusedNamingTheHolder) {
    athil::test::scoped_temp_dir tmp("athil-cli-busy");
    const auto dir = tmp.path() / "out";
    const auto log = tmp.path() / "first.log";
    auto first = process::child::spawn(
        {.argv = {ATHIL_EXE, "run", "--filter", "2.2,2.3", "--report-dir", dir.string()},
         .stdout_path = log,
         .stderr_path = log});
    // The first run holds the folder from before its first case until its last report.
    const auto until = deadline_in(std::chrono::seconds(30));
    while (read_text(log).find("module:") == std::string::npos && steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_THAT(read_text(log), HasSubstr("module:"));
    const auto second = run_athil({"run", "--filter", "2.7", "--report-dir", dir.string()});
    EXPECT_EQ(second.exit_code, 2) << second.output;
    EXPECT_THAT(second.output, HasSubstr("is writing its reports there"));
    EXPECT_THAT(second.output, HasSubstr("pid " + std::to_string(first.pid())));
    first.wait(deadline_in(std::chrono::minutes(3)));
    EXPECT_EQ(first.exit_code(), 0) << read_text(log);
    // The first run's reports are its own, and the lock file is gone with it.
    EXPECT_EQ(nlohmann::json::parse(read_text(dir / "results.json")).at("counts").at("failed"), 0);
    EXPECT_FALSE(fs::exists(dir / ".athil-run.lock"));
}

TEST(ReportFolder, UnwritableFolderStopsTheRunBeforeItsFirstCase) {
    athil::test::scoped_temp_dir tmp("athil-cli-unwritable");
    const auto file = tmp.path() / "a-file";
    std::ofstream(file) << "not a folder\n";
    for (const auto& dir : {file, file / "reports"}) {
        const auto run = run_athil({"run", "--filter", "2.2", "--report-dir", dir.string()});
        EXPECT_EQ(run.exit_code, 2) << run.output;
        EXPECT_THAT(run.output, HasSubstr("cannot write reports into " + dir.string()));
        EXPECT_THAT(run.output, testing::Not(HasSubstr("module:"))) << "a case ran";
    }
}

} // namespace
} // namespace athil::cli::test
