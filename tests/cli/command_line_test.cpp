// The command line's edges: the version, exit codes of bad input (2, with a sentence, never
// CLI11's own codes), a selection of nothing, `athil list` agreeing with `--filter`, options that
// contradict the DUT, and reports that say how the run was made.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace athil::cli::test {
namespace {

using report::test::read_text;
using testing::HasSubstr;

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

TEST(AthilCommandLine, VersionFlagAndCommandAgree) {
    const auto flag = run_athil({"--version"});
    ASSERT_EQ(flag.exit_code, 0) << flag.output;
    // "0.1.0", "0.1.0+121.g55d3c54c9f77" or with ".dirty": a Debian-valid version.
    EXPECT_TRUE(std::regex_match(first_line(flag.output),
                                 std::regex("[0-9]+\\.[0-9]+\\.[0-9]+(\\+[0-9]+\\.g[0-9a-f]+)?"
                                            "(\\.dirty)?")))
        << flag.output;
    const auto command = run_athil({"version"});
    ASSERT_EQ(command.exit_code, 0) << command.output;
    EXPECT_EQ(first_line(command.output), first_line(flag.output));
}

struct bad_input {
    std::vector<std::string> args;
    std::string says;
};

TEST(AthilCommandLine, BadInputExitsTwoWithASentence) {
    const std::vector<bad_input> cases{
        {{}, "A subcommand is required"},
        {{"frobnicate"}, "frobnicate"},
        {{"run", "--no-such-option"}, "--no-such-option"},
        {{"run", "--jobs", "0"}, "--jobs"},
        {{"run", "--timeout-scale", "nan"}, "outside 0.1 to 100"},
        {{"run", "--timeout-scale", "1e9"}, "outside 0.1 to 100"},
        {{"run", "--timeout-scale", "fast"}, "not a number"},
        {{"run", "--repeat", "0"}, "--repeat"},
        {{"run", "--maxfail", "0"}, "--maxfail"},
        {{"run", "--jobs", "2", "--shard", "1/2"}, "--jobs and --shard together"},
        {{"run", "--filter", "9.9"}, "no case matches --filter 9.9; nearest clauses: "},
        {{"run", "--list", "--filter", "9.9"}, "no case matches --filter 9.9"},
        {{"run", "--filter", "2.2,S2_3_MQTTPUBTP.NoSuchCase"}, "nearest names: S2_3_MQTTPUBTP."},
        {{"run", "--filter", "2.2 2.7"}, "separate items with commas"},
        {{"run", "--dut", "serial:/dev/null", "--quirk", "no-echo", "--filter", "2.2"},
         "is not the simulator"},
        {{"run", "--dut", "serial:/dev/null", "--filter", "3.1.1"}, "--broker-host"},
        {{"report", "merge", "-o", "x.xml"}, "files"},
    };
    for (const auto& c : cases) {
        const auto r = run_athil(c.args);
        std::string shown;
        for (const auto& a : c.args) {
            shown += a + " ";
        }
        EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.output;
        EXPECT_THAT(r.output, HasSubstr(c.says)) << shown;
    }
}

// The user's typos of the issue: all select what they mean, or say what is wrong.
TEST(AthilCommandLine, TolerantFilterListsWhatItRuns) {
    const auto spaced = run_athil({"run", "--list", "--filter", "2.2, 2.7"});
    ASSERT_EQ(spaced.exit_code, 0) << spaced.output;
    const auto cases = listed_cases(spaced.output);
    EXPECT_GT(cases.size(), 5U);
    EXPECT_THAT(spaced.output, HasSubstr("total: " + std::to_string(cases.size()) + " cases"));
    const auto lower = run_athil({"run", "--list", "--filter", "s1"});
    ASSERT_EQ(lower.exit_code, 0) << lower.output;
    const auto s1 = listed_cases(lower.output);
    ASSERT_FALSE(s1.empty());
    for (const auto& c : s1) {
        EXPECT_EQ(c.rfind("S1_", 0), 0U) << c;
    }
    EXPECT_THAT(lower.output, HasSubstr("total: " + std::to_string(s1.size()) + " cases"));
}

// Every `athil list` entry: one per section, and `--filter <section>` runs that many cases.
TEST(AthilCommandLine, ListCountsAreWhatTheFilterRuns) {
    const auto list = run_athil({"list"});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const std::regex entry("section (\\S+)  [^\\n]*\\n  clauses:[^\\n]*\\n  cases: ([0-9]+)");
    std::set<std::string> seen;
    std::size_t entries = 0;
    for (std::sregex_iterator it(list.output.begin(), list.output.end(), entry), end; it != end;
         ++it) {
        const auto section = (*it)[1].str();
        EXPECT_TRUE(seen.insert(section).second) << "section " << section << " listed twice";
        if (section == "3.1.1" || section == "2.20" || section == "1") {
            const auto run = run_athil({"run", "--list", "--filter", section});
            EXPECT_EQ(listed_cases(run.output).size(), std::stoul((*it)[2].str())) << section;
        }
        ++entries;
    }
    EXPECT_GE(entries, 25U) << list.output;
}

TEST(AthilCommandLine, ReportsSayHowTheRunWasMade) {
    athil::test::scoped_temp_dir tmp("athil-cli-made");
    const auto dir = tmp.path() / "out";
    const auto run = run_athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                                "--report-dir", dir.string()});
    ASSERT_EQ(run.exit_code, 1) << run.output;
    const auto version = first_line(run_athil({"--version"}).output);
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    const auto& m = json.at("metadata");
    EXPECT_EQ(m.at("tool_version"), version);
    EXPECT_THAT(m.at("command_line").get<std::string>(),
                HasSubstr("run --filter 2.2 --quirk keepalive-default-30 --report-dir"));
    EXPECT_EQ(m.at("quirks"), nlohmann::json::array({"keepalive-default-30"}));
    EXPECT_THAT(m.at("simulator_args").dump(), HasSubstr("--quirk=keepalive-default-30"));
    const auto junit = read_text(dir / "junit.xml");
    EXPECT_THAT(junit, HasSubstr("name=\"athil.version\" value=\"" + version + "\""));
    EXPECT_THAT(junit, HasSubstr("name=\"sim.quirks\" value=\"keepalive-default-30\""));
    const auto html = read_text(dir / "report.html");
    EXPECT_THAT(html, HasSubstr("SIMULATOR WITH DELIBERATE DEVIATIONS: keepalive-default-30"));
    EXPECT_THAT(html, HasSubstr(version));
}

// The rerun line printed under a failed case, run as printed, runs exactly that case on the same
// (deliberately wrong) simulator and fails it again.
TEST(AthilCommandLine, EveryFailurePrintsARerunLineThatReproducesIt) {
    athil::test::scoped_temp_dir tmp("athil-cli-rerun");
    const auto run = run_athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                                "--report-dir", (tmp.path() / "first").string()});
    ASSERT_EQ(run.exit_code, 1) << run.output;
    const std::string marker = "    rerun: ";
    const auto at = run.output.find(marker);
    ASSERT_NE(at, std::string::npos) << run.output;
    const auto line =
        run.output.substr(at + marker.size(), run.output.find('\n', at) - at - marker.size());
    EXPECT_THAT(line, HasSubstr("--filter S2_2_MQTTCFG."));
    EXPECT_THAT(line, HasSubstr("--sim-arg=--quirk=keepalive-default-30"));
    const auto again = report::test::run_tool(
        {"/bin/sh", "-c", "cd '" + tmp.path().string() + "' && exec " + line},
        std::chrono::minutes(2));
    EXPECT_EQ(again.exit_code, 1) << line << "\n" << again.output;
    EXPECT_THAT(again.output, HasSubstr("1 failed"));
    EXPECT_THAT(again.output, HasSubstr("athil run: 0 passed"));
}

// --rerun-failed runs exactly the failed cases of the earlier run, with its settings (here its
// deliberately wrong simulator); a run that failed nothing has nothing to rerun.
TEST(AthilCommandLine, RerunFailedRunsExactlyTheFailedSet) {
    athil::test::scoped_temp_dir tmp("athil-cli-rerun-failed");
    const auto first = tmp.path() / "first";
    ASSERT_EQ(run_athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                         "--report-dir", first.string()})
                  .exit_code,
              1);
    std::set<std::string> failed;
    const auto earlier = nlohmann::json::parse(read_text(first / "results.json"));
    for (const auto& c : earlier.at("cases")) {
        if (c.at("status") == "failed") {
            failed.insert(c.at("section").get<std::string>() + "." +
                          c.at("name").get<std::string>());
        }
    }
    ASSERT_FALSE(failed.empty());
    const auto second = tmp.path() / "second";
    const auto again = run_athil({"run", "--rerun-failed", (first / "results.json").string(),
                                  "--report-dir", second.string()});
    EXPECT_EQ(again.exit_code, 1) << again.output;
    std::set<std::string> rerun;
    const auto later = nlohmann::json::parse(read_text(second / "results.json"));
    for (const auto& c : later.at("cases")) {
        EXPECT_EQ(c.at("status"), "failed") << c.dump();
        rerun.insert(c.at("section").get<std::string>() + "." + c.at("name").get<std::string>());
    }
    EXPECT_EQ(rerun, failed);

    const auto clean = tmp.path() / "clean";
    ASSERT_EQ(run_athil({"run", "--filter", "2.7", "--report-dir", clean.string()}).exit_code, 0);
    const auto nothing = run_athil({"run", "--rerun-failed", (clean / "results.json").string()});
    EXPECT_EQ(nothing.exit_code, 2) << nothing.output;
    EXPECT_THAT(nothing.output, HasSubstr("nothing to rerun"));
}

// --maxfail 1: the first failure stops the run; what followed is not run, and the reports say
// the run stopped (exit 1: a failure was found, the rig is fine).
TEST(AthilCommandLine, MaxfailStopsAfterTheFirstFailureAndSaysSo) {
    athil::test::scoped_temp_dir tmp("athil-cli-maxfail");
    const auto dir = tmp.path() / "out";
    const auto run = run_athil({"run", "--filter", "2.2,2.3", "--quirk", "keepalive-default-30",
                                "--maxfail", "1", "--report-dir", dir.string()});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("metadata").at("outcome"), "stopped");
    EXPECT_EQ(json.at("counts").at("failed"), 1);
    EXPECT_GT(json.at("counts").at("skipped").get<int>(), 30);
    EXPECT_THAT(read_text(dir / "report.html"), HasSubstr("STOPPED"));
    EXPECT_THAT(run.output, HasSubstr("--maxfail 1"));
}

} // namespace
} // namespace athil::cli::test
