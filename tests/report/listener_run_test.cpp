// Runs the sample conformance program (sample_run_main.cpp) as `athil run` would run the suites,
// then reads what it left: every verdict mapped, the JUnit file valid against the Jenkins xUnit
// schema and accepted by an independent consumer, results.json and report.html written.
#include "harness/report/json_writer.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>

namespace {

using namespace athil::report;

struct sample_run_fixture : testing::Test {
    athil::test::scoped_temp_dir dir{"athil-report-run"};
    test::tool_result run(std::vector<std::string> extra = {}) {
        std::vector<std::string> argv{ATHIL_SAMPLE_RUN, "--dir", dir.path().string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return test::run_tool(argv);
    }
};

TEST_F(sample_run_fixture, EveryVerdictIsMappedFromGoogleTest) {
    const auto r = run();
    EXPECT_EQ(r.exit_code, 2) << r.output; // errors present: infrastructure wins
    const auto run =
        run_from_json(nlohmann::json::parse(test::read_text(dir.path() / "results.json")));
    std::map<std::string, case_result> by_name;
    for (const auto& c : run.cases) {
        by_name[c.full_name()] = c;
    }
    ASSERT_EQ(by_name.size(), 6U) << r.output;
    EXPECT_EQ(by_name["S2_2_MQTTCFG.QueryDefault"].status, case_status::passed);
    EXPECT_EQ(by_name["S2_2_MQTTCFG.QueryDefault"].source, "suites/spec/s2_02_mqttcfg.yaml:12");
    const auto& failed = by_name["S2_3_MQTTPUBTP.SetRejectsQos3"];
    EXPECT_EQ(failed.status, case_status::failed);
    EXPECT_EQ(failed.message, "clause 2.3 [M] set rejects qos 3; expected: +CME ERROR:4; got: "
                              "\"OK\\r\\n\"");
    EXPECT_NE(failed.details.find("sample_run_main.cpp:"), std::string::npos) << failed.details;
    EXPECT_EQ(failed.retries, 2U);
    EXPECT_EQ(failed.packets.size(), 2U);
    EXPECT_NE(failed.transcript.find("< OK\\x1b\\x01\\xff\n"), std::string::npos)
        << failed.transcript;
    const auto& deviation = by_name["S2_19_SSLCRT.TestForm"];
    EXPECT_EQ(deviation.status, case_status::known_deviation);
    EXPECT_EQ(deviation.deviation, "E.1");
    EXPECT_EQ(deviation.message,
              "known deviation: 2.19: test form answers ERROR (E.1, profile errata)");
    EXPECT_EQ(by_name["S3_1_Transparent.NeedsTlsBroker"].status, case_status::skipped);
    EXPECT_EQ(by_name["S3_1_Transparent.RigThrows"].status, case_status::error);
    EXPECT_NE(by_name["S3_1_Transparent.RigThrows"].message.find("broker exited with status 3"),
              std::string::npos);
    EXPECT_EQ(by_name["S1_1_Framing.PortVanished"].status, case_status::error);
    // Run identity: recorded in an Environment, and set on the session before the run.
    EXPECT_EQ(run.metadata.firmware, "V1.0.8 sample");
    EXPECT_EQ(run.metadata.model, "WH-GM5");
    EXPECT_EQ(run.metadata.imei, "868540051234567");
    EXPECT_EQ(run.metadata.dut_link, "sim");
}

TEST_F(sample_run_fixture, JunitIsSchemaValidAndReadByAnIndependentConsumer) {
    run();
    const auto junit = dir.path() / "junit.xml";
    test::expect_junit_accepted(junit, "suites=5 tests=6 failures=1 errors=2 skipped=2");
    EXPECT_NE(test::consume_junit(junit).output.find("S2_19_SSLCRT.TestForm skipped"),
              std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "junit.xml.tmp"));
}

TEST_F(sample_run_fixture, PrintsOneLinePerCaseAndWhereTheReportsAre) {
    const auto r = run();
    // Not a terminal: the plain CI-log lines, numbered, with the case time.
    EXPECT_NE(r.output.find("] PASS      S2_2_MQTTCFG.QueryDefault  0."), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("] FAIL      S2_3_MQTTPUBTP.SetRejectsQos3  0."), std::string::npos);
    EXPECT_NE(r.output.find("\n    clause 2.3 [M] set rejects qos 3; expected"), std::string::npos);
    // ... and every failed assertion in full, with its place, since gtest's printer is gone.
    EXPECT_NE(r.output.find("sample_run_main.cpp:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\n      expected: +CME ERROR:4\n"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("athil: 1 passed, 0 flaky, 1 failed, 1 known deviations, 1 skipped, "
                            "2 errors"),
              std::string::npos);
    EXPECT_NE(r.output.find("  HTML report:  " + (dir.path() / "report.html").string()),
              std::string::npos);
    EXPECT_EQ(r.output.find("[ RUN      ]"), std::string::npos) << "gtest's printer left in";
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "report.html"));
}

TEST_F(sample_run_fixture, AllPassingRunExitsZero) {
    const auto r = run({"--fillers", "3", "--gtest_filter=S9_9_Filler.*:S2_2_MQTTCFG.*"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    test::expect_junit_accepted(dir.path() / "junit.xml",
                                "suites=2 tests=4 failures=0 errors=0 skipped=0");
}

} // namespace
