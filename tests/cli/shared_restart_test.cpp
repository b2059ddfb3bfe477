// One AT+Z for every ZDiscardsUnsaved case and one AT+S for every SavePersists case, as users
// see it in results.json: each case keeps its own verdict and transcript, one case counts the
// shared restart, a module that loses one command's saved value fails exactly that command's
// case, and the run restarts less often than with --isolated.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace athil::cli::test {
namespace {

using report::test::read_text;

const std::string selection = "2.2,2.6,2.7,2.8";

struct finished_run {
    int exit_code = 0;
    std::string output;
    nlohmann::json results;
};

finished_run run_selection(const std::filesystem::path& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"run", "--filter", selection, "--report-dir", dir.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = run_athil(args);
    return {run.exit_code, run.output, nlohmann::json::parse(read_text(dir / "results.json"))};
}

std::vector<nlohmann::json> named(const nlohmann::json& results, const std::string& name) {
    std::vector<nlohmann::json> out;
    for (const auto& c : results.at("cases")) {
        if (c.at("name") == name) {
            out.push_back(c);
        }
    }
    return out;
}

std::string shared_note(const nlohmann::json& c) {
    const auto& p = c.at("properties");
    return p.contains("shared_restart") ? p.at("shared_restart").get<std::string>() : "";
}

TEST(SharedRestart, OneSaveJudgesEveryCommandAndCostsLessThanIsolated) {
    athil::test::scoped_temp_dir tmp("athil-shared-restart");
    const auto shared = run_selection(tmp.path() / "shared", {});
    const auto isolated = run_selection(tmp.path() / "isolated", {"--isolated"});
    ASSERT_EQ(shared.exit_code, 0) << shared.output;
    ASSERT_EQ(isolated.exit_code, 0) << isolated.output;
    for (const auto* name : {"SavePersists", "ZDiscardsUnsaved"}) {
        const auto cases = named(shared.results, name);
        ASSERT_GE(cases.size(), 3U) << name;
        unsigned counted = 0;
        for (const auto& c : cases) {
            EXPECT_EQ(c.at("status"), "passed") << c.at("section");
            counted += c.at("restarts").get<unsigned>();
            // Its own set line and query, and the restart it shared, in its own transcript.
            const std::string transcript = c.at("transcript");
            const std::string command = c.at("command");
            EXPECT_NE(transcript.find("tx " + command + "="), std::string::npos) << transcript;
            EXPECT_NE(transcript.find("tx " + command + "?"), std::string::npos) << transcript;
            EXPECT_NE(transcript.find(std::string("tx AT+") +
                                      (std::string(name) == "SavePersists" ? "S" : "Z") + "<CR>"),
                      std::string::npos)
                << transcript;
            EXPECT_NE(shared_note(c).find(", counted on " +
                                          cases.front().at("section").get<std::string>() + "." +
                                          name),
                      std::string::npos)
                << shared_note(c);
        }
        EXPECT_EQ(counted, 1U) << name << ": the shared restart is counted once";
    }
    for (const auto& c : named(isolated.results, "SavePersists")) {
        EXPECT_EQ(shared_note(c), "") << "--isolated shares no restart";
    }
    EXPECT_LT(shared.results.at("restarts").get<unsigned>(),
              isolated.results.at("restarts").get<unsigned>());
}

TEST(SharedRestart, OneCommandLosingItsSavedValueFailsOnlyItsOwnCase) {
    athil::test::scoped_temp_dir tmp("athil-shared-restart-quirk");
    const auto run = run_selection(tmp.path() / "quirk", {"--quirk", "mqttver-not-saved"});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    bool named_in_output = false;
    std::istringstream lines(run.output);
    for (std::string line; std::getline(lines, line);) {
        named_in_output =
            named_in_output || (line.find("FAIL") != std::string::npos &&
                                line.find("S2_7_MQTTVER.SavePersists") != std::string::npos);
    }
    EXPECT_TRUE(named_in_output) << run.output;
    unsigned failed = 0;
    for (const auto& c : run.results.at("cases")) {
        const bool culprit = c.at("section") == "S2_7_MQTTVER" && c.at("name") == "SavePersists";
        failed += c.at("status") == "failed" ? 1U : 0U;
        if (culprit) {
            EXPECT_EQ(c.at("status"), "failed");
            EXPECT_NE(shared_note(c).find("judged alone"), std::string::npos) << shared_note(c);
        } else {
            EXPECT_EQ(c.at("status"), "passed") << c.at("section") << "." << c.at("name");
        }
    }
    EXPECT_EQ(failed, 1U);
}

} // namespace
} // namespace athil::cli::test
