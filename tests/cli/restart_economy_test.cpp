// Restart economy as users see it in results.json: section-3 cases that follow each other share
// the cleanup restart (each case's own AT+S is its only one), --isolated keeps one AT+CLEAR per
// case, the verdicts are the same either way, and the run's total is the sum of its cases.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace athil::cli::test {
namespace {

using report::test::read_text;

nlohmann::json run_section(const std::filesystem::path& dir, bool isolated,
                           const std::string& filter = "3.1.1") {
    std::vector<std::string> args{"run", "--filter", filter, "--report-dir", dir.string()};
    if (isolated) {
        args.emplace_back("--isolated");
    }
    const auto run = run_athil(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return nlohmann::json::parse(read_text(dir / "results.json"));
}

unsigned case_sum(const nlohmann::json& results) {
    unsigned sum = 0;
    for (const auto& c : results.at("cases")) {
        sum += c.at("restarts").get<unsigned>();
        EXPECT_EQ(c.at("status"), "passed") << c.at("name");
    }
    return sum;
}

TEST(RestartEconomy, SectionThreeCasesRestartOnceEachAndIsolatedTwice) {
    athil::test::scoped_temp_dir tmp("athil-restart-economy");
    const auto economic = run_section(tmp.path() / "economic", false);
    const auto isolated = run_section(tmp.path() / "isolated", true);
    ASSERT_EQ(economic.at("cases").size(), isolated.at("cases").size());
    ASSERT_GE(economic.at("cases").size(), 2U);
    EXPECT_EQ(economic.at("restarts").get<unsigned>(), case_sum(economic));
    EXPECT_EQ(isolated.at("restarts").get<unsigned>(), case_sum(isolated));
    for (const auto& c : economic.at("cases")) {
        if (c.at("properties").contains("shared_connection")) {
            // On the connection of the previous case (shared_connection_test.cpp): no restart.
            EXPECT_EQ(c.at("properties").at("restart_commands"), "") << c.at("name");
            continue;
        }
        // Written back without a restart: the case's own AT+S is its only one (the first case
        // starts from the clean boot before the run).
        EXPECT_EQ(c.at("properties").at("restart_commands"), "AT+S:1") << c.at("name");
        EXPECT_GT(c.at("forced_wait_ms").get<long long>(), 0) << c.at("name"); // its boot
        EXPECT_NE(c.at("transcript").get<std::string>().find("AT+WKMOD=NET"), std::string::npos)
            << "the work mode is written back to its factory value in " << c.at("name");
    }
    for (const auto& c : isolated.at("cases")) {
        EXPECT_EQ(c.at("properties").at("restart_commands"), "AT+S:1 AT+CLEAR:1") << c.at("name");
    }
    EXPECT_LT(economic.at("restarts").get<unsigned>(), isolated.at("restarts").get<unsigned>());
}

// An AT+S case leaves its saved value for the runner: the next command's cases, its AT+Z case
// included, start without a clean boot, since none reads the saved value left behind.
TEST(RestartEconomy, SavedValuesOfOneCommandDoNotCostTheNextCommandARestart) {
    athil::test::scoped_temp_dir tmp("athil-restart-economy-saved");
    const auto economic = run_section(tmp.path() / "economic", false, "2.2,2.7");
    const auto isolated = run_section(tmp.path() / "isolated", true, "2.2,2.7");
    EXPECT_EQ(economic.at("restarts").get<unsigned>(), case_sum(economic));
    unsigned clears = 0;
    unsigned saves = 0;
    for (const auto& c : economic.at("cases")) {
        const std::string restarts = c.at("properties").at("restart_commands");
        clears += restarts.find("AT+CLEAR") != std::string::npos ? 1U : 0U;
        if (c.at("name") == "SavePersists") {
            saves += restarts == "AT+S:1" ? 1U : 0U; // one AT+S judges both commands' cases
        }
    }
    EXPECT_EQ(saves, 1U);
    EXPECT_EQ(clears, 0U);
    EXPECT_LT(economic.at("restarts").get<unsigned>(), isolated.at("restarts").get<unsigned>());
}

// The AT+Z case of a command still judges the saved value when another command's saved value
// was left changed: a module that keeps unsaved values is caught by the case named for it.
TEST(RestartEconomy, ZDiscardsStillCatchesAModuleThatKeepsUnsavedValues) {
    athil::test::scoped_temp_dir tmp("athil-restart-economy-quirk");
    const auto run = run_athil({"run", "--filter", "2.2,2.7", "--quirk", "values-kept-after-z",
                                "--report-dir", (tmp.path() / "out").string()});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    bool named = false;
    std::istringstream lines(run.output);
    for (std::string line; std::getline(lines, line);) {
        named = named || (line.find("FAIL") != std::string::npos &&
                          line.find("S2_7_MQTTVER.ZDiscardsUnsaved") != std::string::npos);
    }
    EXPECT_TRUE(named) << run.output;
}

} // namespace
} // namespace athil::cli::test
