// athil run --retries, through the sample conformance program: a case that fails its first
// attempt and passes the second is reported flaky (Surefire's flakyFailure), one that fails
// every attempt is a failure with rerunFailure elements, and each attempt keeps its transcript.
#include "harness/report/json_writer.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <map>

namespace {

using namespace athil::report;

struct retry_run : testing::Test {
    athil::test::scoped_temp_dir dir{"athil-retry-run"};
    test::tool_result r;

    void run(const std::string& retries) {
        r = test::run_tool({ATHIL_SAMPLE_RUN, "--dir", dir.path().string(), "--retries", retries,
                            "--gtest_filter=S4_1_Retry.*:S2_2_MQTTCFG.*"});
    }
    std::map<std::string, case_result> cases() const {
        std::map<std::string, case_result> by_name;
        const auto run =
            run_from_json(nlohmann::json::parse(test::read_text(dir.path() / "results.json")));
        for (const auto& c : run.cases) {
            by_name[c.full_name()] = c;
        }
        return by_name;
    }
    pugi::xml_node testcase(pugi::xml_document& doc, const char* name) const {
        EXPECT_TRUE(doc.load_file((dir.path() / "junit.xml").c_str()));
        return doc.select_node((std::string("//testcase[@name='") + name + "']").c_str()).node();
    }
};

TEST_F(retry_run, PassingOnARetryIsFlakyNeverAPlainPass) {
    run("1");
    EXPECT_EQ(r.exit_code, 1) << r.output; // Broken still fails
    auto by_name = cases();
    const auto& flaky = by_name["S4_1_Retry.Flaky"];
    EXPECT_EQ(flaky.status, case_status::flaky);
    EXPECT_EQ(flaky.retries, 1U);
    ASSERT_EQ(flaky.failed_attempts.size(), 1U);
    EXPECT_EQ(flaky.failed_attempts[0].number, 1U);
    EXPECT_FALSE(flaky.failed_attempts[0].error);
    EXPECT_EQ(flaky.failed_attempts[0].message,
              "clause 4.1 [M] status; expected: +MQTTSTA:1; got: \"attempt 1\"");
    EXPECT_NE(flaky.failed_attempts[0].details.find("sample_run_main.cpp:"), std::string::npos);
    // Each attempt keeps its own transcript: the case's is the last attempt's.
    EXPECT_EQ(flaky.failed_attempts[0].transcript, "> AT+MQTTSTA?\n< attempt 1\n");
    EXPECT_EQ(flaky.transcript, "> AT+MQTTSTA?\n< attempt 2\n");
    EXPECT_EQ(by_name["S2_2_MQTTCFG.QueryDefault"].status, case_status::passed);
    EXPECT_TRUE(by_name["S2_2_MQTTCFG.QueryDefault"].failed_attempts.empty());

    const auto doc = nlohmann::json::parse(test::read_text(dir.path() / "results.json"));
    EXPECT_EQ(doc.at("schema_version"), 2);
    EXPECT_EQ(doc.at("counts").at("flaky"), 1);
    EXPECT_EQ(doc.at("counts").at("passed"), 1);
    EXPECT_EQ(doc.at("counts").at("failed"), 1);
}

TEST_F(retry_run, FailingEveryAttemptIsAFailureWithRerunFailures) {
    run("2");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    auto by_name = cases();
    const auto& broken = by_name["S4_1_Retry.Broken"];
    EXPECT_EQ(broken.status, case_status::failed);
    EXPECT_EQ(broken.message, "clause 4.1 [M] status; expected: +MQTTSTA:1; got: \"attempt 3\"");
    ASSERT_EQ(broken.failed_attempts.size(), 2U);
    EXPECT_EQ(broken.failed_attempts[1].number, 2U);
    EXPECT_EQ(broken.failed_attempts[1].transcript, "> AT+MQTTSTA?\n< attempt 2\n");
    EXPECT_EQ(broken.retries, 2U);
}

TEST_F(retry_run, JunitCarriesSurefireRerunElementsAndValidates) {
    run("2");
    pugi::xml_document doc;
    const auto flaky = testcase(doc, "Flaky");
    ASSERT_TRUE(flaky);
    EXPECT_FALSE(flaky.child("failure"));
    const auto flaky_failure = flaky.child("flakyFailure");
    ASSERT_TRUE(flaky_failure);
    EXPECT_FALSE(flaky_failure.next_sibling("flakyFailure")); // one per failed attempt
    EXPECT_STREQ(flaky_failure.attribute("type").value(), "nonconformance");
    EXPECT_NE(std::string(flaky_failure.attribute("message").value()).find("attempt 1"),
              std::string::npos);
    EXPECT_NE(std::string(flaky_failure.child_value("stackTrace")).find("sample_run_main.cpp:"),
              std::string::npos);
    EXPECT_NE(std::string(flaky_failure.child_value("system-out")).find("< attempt 1"),
              std::string::npos);

    pugi::xml_document doc2;
    const auto broken = testcase(doc2, "Broken");
    ASSERT_TRUE(broken.child("failure"));
    std::size_t reruns = 0;
    for (auto n = broken.child("rerunFailure"); n; n = n.next_sibling("rerunFailure")) {
        ++reruns;
    }
    EXPECT_EQ(reruns, 2U);
    EXPECT_FALSE(broken.child("flakyFailure"));
    // A flaky case is no failure for a JUnit consumer; the schema allows the rerun elements.
    test::expect_junit_accepted(dir.path() / "junit.xml",
                                "suites=2 tests=3 failures=1 errors=0 skipped=0");
}

TEST_F(retry_run, LogAndHtmlShowTheFlakyCase) {
    run("1");
    EXPECT_NE(r.output.find("] FLAKY     S4_1_Retry.Flaky  0."), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\n    attempt 1 of 2: clause 4.1 [M] status; expected"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("athil: 1 passed, 1 flaky, 1 failed,"), std::string::npos) << r.output;
    const auto html = test::read_text(dir.path() / "report.html");
    EXPECT_NE(html.find("class=\"case flaky\""), std::string::npos);
    EXPECT_NE(html.find("data-filter=\"flaky\""), std::string::npos);
    EXPECT_NE(html.find("Attempt 1 of 2: failed"), std::string::npos);
}

TEST_F(retry_run, WithoutRetriesAFailureIsPlain) {
    run("0");
    auto by_name = cases();
    EXPECT_EQ(by_name["S4_1_Retry.Flaky"].status, case_status::failed);
    EXPECT_TRUE(by_name["S4_1_Retry.Flaky"].failed_attempts.empty());
    pugi::xml_document doc;
    EXPECT_FALSE(testcase(doc, "Flaky").child("rerunFailure"));
}

} // namespace
