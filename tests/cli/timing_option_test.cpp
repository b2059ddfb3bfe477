// `athil run --timing`: the simulator plays the profile (its boot shows in the forced waits),
// results.json names it, the rerun command repeats it, an explicit --boot-ms wins, and a bad
// profile stops the run with one line naming the file and the key (exit code 2).
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace athil::cli::test {
namespace {

using report::test::read_text;

// One case with one restart (AT+Z), so the profile's boot is a forced wait of that case.
const std::string one_restart = "S2_2_MQTTCFG.ZDiscardsUnsaved";

std::filesystem::path write_profile(const std::filesystem::path& dir, const std::string& text) {
    const auto file = dir / "rack.yaml";
    std::ofstream(file) << text;
    return file;
}

const std::string slow_boot = "timing: cli-slow-boot\ndescription: a slow boot\nboot_ms: 700\n";

nlohmann::json run_with(const std::filesystem::path& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"run", "--filter", one_restart, "--report-dir",
                                  (dir / "reports").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = run_athil(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return nlohmann::json::parse(read_text(dir / "reports" / "results.json"));
}

bool has_arg(const nlohmann::json& m, const std::string& arg) {
    for (const auto& a : m.at("simulator_args")) {
        if (a.get<std::string>() == arg) {
            return true;
        }
    }
    return false;
}

TEST(TimingOption, TheSimulatorPlaysTheProfileAndTheReportNamesIt) {
    athil::test::scoped_temp_dir tmp("athil-timing-option");
    const auto file = write_profile(tmp.path(), slow_boot);
    const auto results = run_with(tmp.path(), {"--timing", file.string()});
    const auto& m = results.at("metadata");
    EXPECT_EQ(m.at("timing"), "cli-slow-boot");
    EXPECT_TRUE(has_arg(m, "--timing=" + file.string())) << m.at("simulator_args").dump();
    EXPECT_FALSE(has_arg(m, "--boot-ms=50")) << "the profile's boot, not the default";
    EXPECT_NE((m.at("rerun_command").get<std::string>()).find("--timing " + file.string()),
              std::string::npos)
        << m.at("rerun_command").get<std::string>();
    ASSERT_EQ(results.at("cases").size(), 1U);
    const auto& c = results.at("cases")[0];
    EXPECT_EQ(c.at("status"), "passed");
    // The AT+Z of the case waited for the profile's 700 ms boot.
    EXPECT_GE(c.at("forced_wait_ms").get<long long>(), 700);
}

TEST(TimingOption, WithoutTimingTheRunIsInstant) {
    athil::test::scoped_temp_dir tmp("athil-timing-option");
    const auto results = run_with(tmp.path(), {});
    const auto& m = results.at("metadata");
    EXPECT_EQ(m.at("timing"), "instant");
    EXPECT_TRUE(has_arg(m, "--boot-ms=50"));
    EXPECT_LT(results.at("cases")[0].at("forced_wait_ms").get<long long>(), 700);
}

TEST(TimingOption, AnExplicitBootMsWinsOverTheProfile) {
    athil::test::scoped_temp_dir tmp("athil-timing-option");
    const auto file = write_profile(tmp.path(), slow_boot);
    const auto results = run_with(tmp.path(), {"--timing", file.string(), "--boot-ms", "60"});
    const auto& m = results.at("metadata");
    EXPECT_TRUE(has_arg(m, "--boot-ms=60")) << m.at("simulator_args").dump();
    EXPECT_NE((m.at("rerun_command").get<std::string>()).find("--boot-ms 60"), std::string::npos)
        << m.at("rerun_command").get<std::string>();
    EXPECT_LT(results.at("cases")[0].at("forced_wait_ms").get<long long>(), 700);
}

TEST(TimingOption, ABadProfileStopsTheRunWithOneLine) {
    athil::test::scoped_temp_dir tmp("athil-timing-option");
    const auto file = write_profile(tmp.path(), "timing: x\ndescription: d\nboot_ms: -5\n");
    const auto run = run_athil({"run", "--timing", file.string(), "--filter", one_restart,
                                "--report-dir", (tmp.path() / "reports").string()});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE((run.output).find(file.string() + ":3: 'boot_ms' must be in 0..600000, not -5"),
              std::string::npos)
        << run.output;
    const auto unknown = run_athil({"run", "--timing", "glacial", "--list"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE((unknown.output)
                  .find("unknown timing profile 'glacial' (known: instant, "
                        "realistic)"),
              std::string::npos)
        << unknown.output;
}

} // namespace
} // namespace athil::cli::test
