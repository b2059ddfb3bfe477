// athil run as users run it: against the simulator, the reports it leaves, its exit codes.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace athil::cli::test {
namespace {

using report::test::read_text;

// The one timestamped folder a run without --report-dir made under reports/.
std::filesystem::path only_report_folder(const std::filesystem::path& cwd) {
    std::vector<std::filesystem::path> found;
    for (const auto& e : std::filesystem::directory_iterator(cwd / "reports")) {
        found.push_back(e.path());
    }
    EXPECT_EQ(found.size(), 1U);
    return found.empty() ? cwd / "reports" / "missing" : found.front();
}

TEST(AthilRun, ConformingRunWritesTheThreeReportsAndExitsZero) {
    athil::test::scoped_temp_dir cwd("athil-cli-run");
    const auto run = run_athil({"run", "--filter", "2.2"}, cwd.path().string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto dir = only_report_folder(cwd.path());
    // A UTC timestamp: 20261126T095312Z.
    EXPECT_EQ(dir.filename().string().size(), 16U) << dir;
    EXPECT_EQ(dir.filename().string().back(), 'Z') << dir;
    for (const auto* f : {"junit.xml", "report.html", "results.json"}) {
        EXPECT_TRUE(std::filesystem::is_regular_file(dir / f)) << f;
        // The run says where each file is.
        EXPECT_NE(run.output.find((dir / f).filename().string()), std::string::npos) << f;
    }
    EXPECT_NE(run.output.find("reports in reports/" + dir.filename().string()), std::string::npos)
        << run.output;
    const auto valid = report::test::validate_junit(dir / "junit.xml");
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("metadata").at("profile"), "reference");
    EXPECT_EQ(json.at("metadata").at("dut_link"), "sim");
    EXPECT_FALSE(json.at("metadata").at("firmware").get<std::string>().empty());
    EXPECT_FALSE(json.at("metadata").at("serial_number").get<std::string>().empty());
    ASSERT_GT(json.at("cases").size(), 0U);
    for (const auto& c : json.at("cases")) {
        EXPECT_EQ(c.at("status"), "passed") << c.at("name");
        EXPECT_EQ(c.at("clause"), "2.2") << c.at("name");
    }
    EXPECT_EQ(json.at("counts").at("failed"), 0);
}

TEST(AthilRun, QuirkIsNonconformanceWithTheFailureInJunit) {
    athil::test::scoped_temp_dir tmp("athil-cli-quirk");
    const auto dir = tmp.path() / "out";
    const auto run = run_athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                                "--report-dir", dir.string()});
    ASSERT_EQ(run.exit_code, 1) << run.output;
    const auto junit = read_text(dir / "junit.xml");
    const auto at = junit.find("name=\"QueryDefault\"");
    ASSERT_NE(at, std::string::npos) << junit;
    const auto end = junit.find("</testcase>", at);
    EXPECT_NE(junit.substr(at, end - at).find("<failure"), std::string::npos) << junit;
    const auto valid = report::test::validate_junit(dir / "junit.xml");
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
}

TEST(AthilRun, MissingPortIsARigFailureWithThreeReports) {
    athil::test::scoped_temp_dir cwd("athil-cli-port");
    const auto run = run_athil({"run", "--dut", "serial:/dev/does-not-exist", "--filter", "2.2"},
                               cwd.path().string());
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("/dev/does-not-exist"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("not usable before the first case"), std::string::npos) << run.output;
    // Nothing was judged, and every report says so: one rig-error case, the outcome, a banner.
    const auto dir = only_report_folder(cwd.path());
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("metadata").at("outcome"), "rig_failed");
    EXPECT_EQ(json.at("counts").at("errors"), 1);
    EXPECT_EQ(json.at("counts").at("passed"), 0);
    const auto junit = read_text(dir / "junit.xml");
    EXPECT_NE(junit.find("name=\"athil.outcome\" value=\"rig_failed\""), std::string::npos);
    EXPECT_NE(junit.find("<error"), std::string::npos) << junit;
    EXPECT_EQ(report::test::validate_junit(dir / "junit.xml").exit_code, 0);
    EXPECT_NE(read_text(dir / "report.html").find("RIG FAILURE BEFORE THE FIRST CASE"),
              std::string::npos);
}

TEST(AthilRun, ShardsOfTheListMakeTheWholeList) {
    const auto whole = run_athil({"run", "--list"});
    ASSERT_EQ(whole.exit_code, 0) << whole.output;
    auto expected = listed_cases(whole.output);
    ASSERT_GT(expected.size(), 30U);
    std::vector<std::string> joined;
    for (const auto* shard : {"1/3", "2/3", "3/3"}) {
        const auto part = run_athil({"run", "--list", "--shard", shard});
        ASSERT_EQ(part.exit_code, 0) << part.output;
        const auto cases = listed_cases(part.output);
        EXPECT_LT(cases.size(), expected.size()) << shard;
        joined.insert(joined.end(), cases.begin(), cases.end());
    }
    std::sort(joined.begin(), joined.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(joined, expected);
}

TEST(AthilRun, BadShardIsAUsageError) {
    const auto run = run_athil({"run", "--list", "--shard", "4/3"});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("--shard '4/3'"), std::string::npos) << run.output;
}

} // namespace
} // namespace athil::cli::test
