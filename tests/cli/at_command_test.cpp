// athil at against the simulator: framing, the parsed answer, round-trip times, redaction.
#include "cli_test_support.hpp"

#include <gtest/gtest.h>

namespace athil::cli::test {
namespace {

TEST(AthilAt, PrintsTheParsedAnswer) {
    const auto run = run_athil({"at", "AT+MQTTCFG?"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("> AT+MQTTCFG?"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("line:  +MQTTCFG:60,0\n"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("final: OK\n"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("round trip: "), std::string::npos) << run.output;
}

TEST(AthilAt, QuirkySimulatorAnswerIsShownAsIs) {
    const auto run = run_athil({"at", "--quirk", "keepalive-default-30", "AT+MQTTCFG?"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("+MQTTCFG:30,0"), std::string::npos) << run.output;
}

TEST(AthilAt, RepeatGivesMedianAndP99) {
    const auto run = run_athil({"at", "--repeat", "5", "AT+MQTTCFG?", "AT+MQTTVER?"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("round trip over 5 tries: median "), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("p99 "), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("> AT+MQTTVER?"), std::string::npos) << run.output;
}

TEST(AthilAt, ErrorAnswerExitsOneAndPasswordsAreRedacted) {
    // An unknown command is an ERROR; the password value never reaches the output.
    const auto run = run_athil({"at", "AT+MQTTPSW=hunter2secret", "AT+NOSUCHCMD"});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_EQ(run.output.find("hunter2secret"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("******"), std::string::npos) << run.output;
}

TEST(AthilAt, MissingPortExitsTwo) {
    const auto run = run_athil({"at", "--dut", "serial:/dev/does-not-exist", "AT"});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("/dev/does-not-exist"), std::string::npos) << run.output;
}

} // namespace
} // namespace athil::cli::test
