// Section-3 cases sharing a live connection (suites/live_connection.hpp), as users see it in
// results.json: which cases worked on whose connection and the restarts that saved, --isolated
// sharing nothing, and a quirk that breaks one shared case failing exactly that case, in its own
// world, with its neighbours passing.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace athil::cli::test {
namespace {

using report::test::read_text;

constexpr auto opener = "S3_1_3_Distribution.FramesToFixedSlots";

struct outcome {
    int exit_code = 0;
    std::string output;
    std::map<std::string, nlohmann::json> cases; // by name
};

outcome run_distribution(const std::filesystem::path& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run", "--filter", "3.1.3", "--report-dir", dir.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = run_athil(args);
    outcome out{run.exit_code, run.output, {}};
    const auto results = nlohmann::json::parse(read_text(dir / "results.json"));
    for (const auto& c : results.at("cases")) {
        out.cases[c.at("name").get<std::string>()] = c;
    }
    return out;
}

std::string property(const nlohmann::json& c, const std::string& key) {
    const auto& p = c.at("properties");
    return p.contains(key) ? p.at(key).get<std::string>() : std::string();
}

bool has_timeline_note(const nlohmann::json& c, const std::string& kind) {
    for (const auto& e : c.at("timeline")) {
        if (e.at("source") == "harness" && e.at("kind") == kind) {
            return true;
        }
    }
    return false;
}

TEST(SharedConnection, TemporaryTopicCasesWorkOnTheConnectionOfTheFirstOfTheirGroup) {
    athil::test::scoped_temp_dir tmp("athil-shared-connection");
    const auto shared = run_distribution(tmp.path() / "shared");
    ASSERT_EQ(shared.exit_code, 0) << shared.output;
    EXPECT_EQ(property(shared.cases.at("FramesToFixedSlots"), "shared_connection"), "");
    EXPECT_EQ(property(shared.cases.at("FixedTopicsNeedSave"), "shared_connection"), "");
    for (const auto* name : {"TempPublishWithQosRetain", "TempSubscribeDeliversWithTopicPrefix",
                             "TempUnsubscribe", "TempTopicsGoneAfterRestart"}) {
        const auto& c = shared.cases.at(name);
        EXPECT_EQ(property(c, "shared_connection"), opener) << name;
        EXPECT_EQ(property(c, "shared_attempt"), "") << name;
        EXPECT_TRUE(has_timeline_note(c, "shared connection")) << name;
        // The saved settings it took over are written back after it, like its own would be:
        // after the restart check's AT+Z they are the running ones.
        EXPECT_NE(c.at("transcript").get<std::string>().find("AT+MQTTMOD=0"), std::string::npos)
            << name;
        // No AT+S of its own: only the restart check's AT+Z.
        EXPECT_EQ(property(c, "restart_commands"),
                  std::string(name) == "TempTopicsGoneAfterRestart" ? "AT+Z:1" : "")
            << name;
    }
    const auto isolated = run_distribution(tmp.path() / "isolated", {"--isolated"});
    ASSERT_EQ(isolated.exit_code, 0) << isolated.output;
    for (const auto& [name, c] : isolated.cases) {
        EXPECT_EQ(property(c, "shared_connection"), "") << name;
    }
}

// The module ignores a temporary unsubscribe: the case named for it fails, after its shared
// attempt and again in its own world (AT+CLEAR, its own AT+S); the shared attempt is kept.
TEST(SharedConnection, AQuirkInOneSharedCaseFailsExactlyThatCase) {
    athil::test::scoped_temp_dir tmp("athil-shared-connection-quirk");
    const auto run = run_distribution(tmp.path() / "out", {"--quirk", "temp-unsubscribe-ignored"});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    for (const auto& [name, c] : run.cases) {
        EXPECT_EQ(c.at("status"), name == "TempUnsubscribe" ? "failed" : "passed") << name;
    }
    const auto& failed = run.cases.at("TempUnsubscribe");
    EXPECT_EQ(property(failed, "shared_connection"), opener);
    EXPECT_NE(property(failed, "shared_attempt").find("unsubscribe"), std::string::npos)
        << property(failed, "shared_attempt");
    EXPECT_TRUE(has_timeline_note(failed, "shared attempt failed"));
    const auto restarts = property(failed, "restart_commands");
    EXPECT_NE(restarts.find("AT+S:1"), std::string::npos) << restarts; // its own world
    EXPECT_NE(restarts.find("AT+CLEAR"), std::string::npos) << restarts;
    // The next case opens a connection of its own: the failed case's world is not offered.
    EXPECT_EQ(property(run.cases.at("TempTopicsGoneAfterRestart"), "shared_connection"), "");
}

} // namespace
} // namespace athil::cli::test
