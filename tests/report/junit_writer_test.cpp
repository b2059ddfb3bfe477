#include "harness/report/junit_writer.hpp"

#include "report_test_support.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>

namespace {

using namespace athil::report;

pugi::xml_document parse(const std::string& xml) {
    pugi::xml_document doc;
    const auto r = doc.load_string(xml.c_str());
    EXPECT_TRUE(r) << r.description() << " at " << r.offset;
    return doc;
}

std::string property(pugi::xml_node suite, const char* name) {
    return suite.child("properties")
        .find_child_by_attribute("property", "name", name)
        .attribute("value")
        .value();
}

TEST(JunitWriter, OneSuitePerSectionWithRecomputedCounts) {
    const auto doc = parse(junit_xml(test::sample_run()));
    const auto root = doc.child("testsuites");
    EXPECT_STREQ(root.attribute("tests").value(), "6");
    EXPECT_STREQ(root.attribute("failures").value(), "1");
    EXPECT_STREQ(root.attribute("errors").value(), "1");
    EXPECT_STREQ(root.attribute("time").value(), "83.250");
    std::vector<std::string> names;
    for (auto s : root.children("testsuite")) {
        names.emplace_back(s.attribute("name").value());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"S2_2_MQTTCFG", "S2_3_MQTTPUBTP", "S2_19_SSLCRT"}));
    const auto ssl = root.find_child_by_attribute("testsuite", "name", "S2_19_SSLCRT");
    EXPECT_STREQ(ssl.attribute("tests").value(), "2");
    EXPECT_STREQ(ssl.attribute("skipped").value(), "2");
    EXPECT_STREQ(ssl.attribute("failures").value(), "0");
}

TEST(JunitWriter, SuitePropertiesCarryTheDutIdentity) {
    const auto doc = parse(junit_xml(test::sample_run()));
    const auto suite = doc.child("testsuites").child("testsuite");
    EXPECT_EQ(property(suite, "dut.link"), "serial:/dev/ttyUSB0@115200");
    EXPECT_EQ(property(suite, "dut.firmware"), "V1.0.8 <beta>");
    EXPECT_EQ(property(suite, "dut.sn"), "01201224091900000291");
    EXPECT_EQ(property(suite, "dut.imei"), "868540051234567");
    EXPECT_EQ(property(suite, "dut.model"), "WH-GM5");
    EXPECT_EQ(property(suite, "profile"), "errata-firmware");
    EXPECT_EQ(property(suite, "clause"), "2.2");
    EXPECT_EQ(property(suite, "profile.deviations"),
              "E.1 (2.19): AT+SSLCRT test form answers ERROR");
}

TEST(JunitWriter, VerdictsBecomeFailureErrorAndSkipped) {
    const auto doc = parse(junit_xml(test::sample_run()));
    const auto root = doc.child("testsuites");
    const auto pubtp = root.find_child_by_attribute("testsuite", "name", "S2_3_MQTTPUBTP");
    const auto failed = pubtp.find_child_by_attribute("testcase", "name", "SetRejectsQos3");
    EXPECT_STREQ(failed.attribute("classname").value(), "S2_3_MQTTPUBTP");
    EXPECT_STREQ(failed.attribute("time").value(), "0.040");
    EXPECT_STREQ(failed.child("failure").attribute("message").value(),
                 "clause 2.3 [M] qos 3; expected: ERROR; got: \"OK\"");
    EXPECT_NE(std::string(failed.child("failure").text().get()).find("received: \"OK\""),
              std::string::npos);
    const auto error = pubtp.find_child_by_attribute("testcase", "name", "PersistsAcrossRestart");
    EXPECT_STREQ(error.child("error").attribute("type").value(), "infrastructure");
    const auto ssl = root.find_child_by_attribute("testsuite", "name", "S2_19_SSLCRT");
    const auto deviation = ssl.find_child_by_attribute("testcase", "name", "TestForm");
    EXPECT_STREQ(deviation.child("skipped").attribute("message").value(),
                 "known deviation: 2.19: AT+SSLCRT test form answers ERROR");
    const auto passed = root.child("testsuite").child("testcase");
    EXPECT_FALSE(passed.child("failure") || passed.child("error") || passed.child("skipped"));
}

TEST(JunitWriter, RerunAttemptsBecomeSurefireElementsInOrder) {
    auto run = test::sample_run();
    const std::vector<attempt_result> attempts{
        {.number = 1, .message = "first", .details = "a.cpp:1: first\n", .transcript = "< E1"},
        {.number = 2, .error = true, .message = "second", .transcript = "< E2"}};
    run.cases[0].status = case_status::flaky;
    run.cases[0].retries = 2;
    run.cases[0].failed_attempts = attempts;
    run.cases[1].retries = 2;
    run.cases[1].failed_attempts = attempts;
    const auto doc = parse(junit_xml(run));
    const auto flaky = doc.select_node("//testcase[@name='QueryDefault']").node();
    EXPECT_FALSE(flaky.child("failure"));
    std::vector<std::string> elements;
    for (auto n : flaky.children()) {
        elements.emplace_back(n.name());
    }
    EXPECT_EQ(elements, (std::vector<std::string>{"flakyFailure", "flakyError", "system-out"}));
    const auto first = flaky.child("flakyFailure");
    EXPECT_STREQ(first.attribute("message").value(), "first");
    EXPECT_STREQ(first.child_value("stackTrace"), "a.cpp:1: first\n");
    EXPECT_EQ(std::string(first.child_value("system-out")),
              "attempt: 1 of 3\ntime: 0.000\n--- transcript ---\n< E1");
    EXPECT_STREQ(flaky.child("flakyError").attribute("type").value(), "infrastructure");
    const auto failed = doc.select_node("//testcase[@name='SetRejectsQos3']").node();
    elements.clear();
    for (auto n : failed.children()) {
        elements.emplace_back(n.name());
    }
    EXPECT_EQ(elements,
              (std::vector<std::string>{"failure", "rerunFailure", "rerunError", "system-out"}));
    // Flaky is not a failure for the counts a dashboard reads.
    EXPECT_STREQ(doc.child("testsuites").attribute("failures").value(), "1");
}

TEST(JunitWriter, SystemOutHeadsWithCaseMetadataThenEvidence) {
    const auto doc = parse(junit_xml(test::sample_run()));
    const auto pubtp =
        doc.child("testsuites").find_child_by_attribute("testsuite", "name", "S2_3_MQTTPUBTP");
    const std::string out = pubtp.find_child_by_attribute("testcase", "name", "SetRejectsQos3")
                                .child("system-out")
                                .text()
                                .get();
    EXPECT_EQ(
        out.rfind("case: S2_3_MQTTPUBTP.SetRejectsQos3\nclause: 2.3\ncommand: AT+MQTTPUBTP\n"
                  "source: suites/spec/s2_03_mqttpubtp.yaml:40\nverdict: failed\nretries: 1\n",
                  0),
        0U)
        << out;
    EXPECT_NE(out.find("--- transcript ---\n> AT+MQTTPUBTP=1,1,\"t\",3,0\n< OK\n"),
              std::string::npos);
    EXPECT_NE(out.find("--- broker log ---\n1700000000: New client"), std::string::npos);
    EXPECT_NE(out.find("--- packets ---\n0.000 M->B CONNECT"), std::string::npos);
}

TEST(JunitWriter, ControlBytesSurviveAsVisibleEscapes) {
    const auto xml = junit_xml(test::sample_run());
    EXPECT_EQ(xml.find('\0'), std::string::npos);
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    const auto doc = parse(xml);
    const auto cfg = doc.child("testsuites").child("testsuite");
    const std::string out = cfg.find_child_by_attribute("testcase", "name", "ControlBytes")
                                .child("system-out")
                                .text()
                                .get();
    EXPECT_NE(out.find("< \\x00\\x1b[0m\\x1a \\xff\\xfe bad </pre><script>"), std::string::npos)
        << out;
}

TEST(JunitWriter, AnEmptyRunIsStillAReport) {
    const auto doc = parse(junit_xml(run_result{}));
    EXPECT_STREQ(doc.child("testsuites").attribute("tests").value(), "0");
    EXPECT_FALSE(doc.child("testsuites").child("testsuite"));
}

} // namespace
