// Cases a rig cannot run are not run, never the module's failure: the reference simulator
// started on its own and driven as a real module is (`--dut serial:<pty> --broker-host
// 127.0.0.1`), so the rig has an address and no host names the module resolves. The SNI cases
// that need a name are skipped with the reason, the rest is judged; a selection of nothing but
// such cases judges nothing and is not a pass.
#include "cli_test_support.hpp"
#include "scoped_temp_dir.hpp"

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

namespace athil::cli::test {
namespace {

using report::test::read_text;
using testing::HasSubstr;

class external_simulator : public testing::Test {
protected:
    void SetUp() override {
        sim_ = process::child::spawn({.argv = {ATHIL_EXE, "sim", "--boot-ms", "50"},
                                      .stdout_path = tmp_.path() / "sim.out",
                                      .stderr_path = tmp_.path() / "sim.err"});
        const auto until = deadline_in(std::chrono::seconds(20));
        while (steady_clock::now() < until) {
            const auto out = read_text(tmp_.path() / "sim.out");
            if (const auto at = out.find("PTY ");
                at != std::string::npos && out.find('\n', at) != std::string::npos) {
                pty_ = out.substr(at + 4, out.find('\n', at) - at - 4);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL() << "the simulator did not say its pty";
    }

    athil::test::scoped_temp_dir tmp_{"athil-cli-not-run"};
    std::optional<process::child> sim_;
    std::string pty_;
};

TEST_F(external_simulator, HostNameCasesAreNotRunAndTheRestIsJudged) {
    const auto dir = tmp_.path() / "out";
    const auto run = run_athil({"run", "--dut", "serial:" + pty_, "--broker-host", "127.0.0.1",
                                "--filter", "2.21", "--report-dir", dir.string()});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("SKIP S2_21_SNI.SniSentWhenOn"));
    EXPECT_THAT(run.output, HasSubstr("not run"));
    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("counts").at("failed"), 0);
    EXPECT_GE(json.at("counts").at("skipped").get<int>(), 2);
    EXPECT_GE(json.at("counts").at("passed").get<int>(), 1);
    for (const auto& c : json.at("cases")) {
        if (c.at("name") == "SniSentWhenOn" || c.at("name") == "SniAbsentWhenOff") {
            EXPECT_EQ(c.at("status"), "skipped") << c.dump();
            EXPECT_THAT(c.at("message").get<std::string>(), HasSubstr("--broker-host gives only"));
        }
    }
    EXPECT_THAT(read_text(dir / "junit.xml"), HasSubstr("<skipped message=\"not run: SNI"));
}

TEST_F(external_simulator, NothingButNotRunCasesIsNoPass) {
    const auto dir = tmp_.path() / "out";
    const auto run = run_athil({"run", "--dut", "serial:" + pty_, "--broker-host", "127.0.0.1",
                                "--filter", "3.2", "--report-dir", dir.string()});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_THAT(run.output, HasSubstr("no selected case could run on this rig"));
}

} // namespace
} // namespace athil::cli::test
