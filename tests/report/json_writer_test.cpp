#include "harness/report/json_writer.hpp"

#include "harness/core/error.hpp"
#include "harness/report/html_writer.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::report;

TEST(ResultsJson, CarriesVersionMetadataCountsAndCases) {
    const auto j = results_json(test::sample_run());
    EXPECT_EQ(j.at("schema_version"), 2);
    EXPECT_EQ(j.at("metadata").at("firmware"), "V1.0.8 <beta>");
    EXPECT_EQ(j.at("metadata").at("start_time"), "2026-11-18T11:06:40Z");
    EXPECT_EQ(j.at("metadata").at("duration_ms"), 83250);
    EXPECT_EQ(j.at("metadata").at("deviations").at(0).at("id"), "E.1");
    EXPECT_EQ(j.at("counts").at("total"), 6);
    EXPECT_EQ(j.at("counts").at("known_deviations"), 1);
    EXPECT_EQ(j.at("counts").at("errors"), 1);
    EXPECT_EQ(j.at("counts").at("flaky"), 0);
    const auto& failed = j.at("cases").at(1);
    EXPECT_EQ(failed.at("status"), "failed");
    EXPECT_EQ(failed.at("retries"), 1);
    EXPECT_EQ(failed.at("packets").size(), 2U);
    EXPECT_EQ(j.at("cases").at(2).at("status"), "known_deviation");
    EXPECT_EQ(j.at("cases").at(2).at("deviation"), "E.1");
}

TEST(ResultsJson, InvalidBytesAreEscapedSoTheDocumentDumps) {
    const auto j = results_json(test::sample_run());
    const auto text = j.dump(); // throws on invalid UTF-8
    const std::string transcript = j.at("cases").at(5).at("transcript");
    EXPECT_NE(transcript.find("\\x00\\x1b[0m\\x1a \\xff\\xfe"), std::string::npos) << transcript;
}

TEST(ResultsJson, ReadsBackWhatItWrote) {
    const auto original = test::sample_run();
    const auto back = run_from_json(nlohmann::json::parse(results_json(original).dump()));
    ASSERT_EQ(back.cases.size(), original.cases.size());
    for (std::size_t i = 0; i < original.cases.size(); ++i) {
        EXPECT_EQ(back.cases[i].full_name(), original.cases[i].full_name());
        EXPECT_EQ(back.cases[i].status, original.cases[i].status);
        EXPECT_EQ(back.cases[i].duration, original.cases[i].duration);
    }
    EXPECT_EQ(back.metadata.imei, original.metadata.imei);
    EXPECT_EQ(back.cases[1].packets, original.cases[1].packets);
}

// A merged run's parts (DUTs, workers) travel with their identity and report links; the HTML
// page shows them in a table linking each part's own report.
TEST(ResultsJson, PartsOfAMergedRunRoundTripAndLinkTheirReports) {
    auto original = test::sample_run();
    original.metadata.parts.push_back(part_of(original, "DUT sim-a", "duts/sim-a/report.html"));
    const auto back = run_from_json(nlohmann::json::parse(results_json(original).dump()));
    ASSERT_EQ(back.metadata.parts.size(), 1U);
    const auto& p = back.metadata.parts[0];
    EXPECT_EQ(p.label, "DUT sim-a");
    EXPECT_EQ(p.serial_number, original.metadata.serial_number);
    EXPECT_EQ(p.cases, original.cases.size());
    EXPECT_EQ(p.failed, original.counts().failed + original.counts().errors);
    EXPECT_EQ(p.report, "duts/sim-a/report.html");
    EXPECT_NE(html_report(back).find("<a href=\"duts/sim-a/report.html\">DUT sim-a</a>"),
              std::string::npos);
    EXPECT_EQ(html_report(test::sample_run()).find("class=\"identity parts\""), std::string::npos);
}

// A failed check travels as fields, and the run's provenance and outcome with the metadata.
TEST(ResultsJson, FailedCheckOutcomeAndProvenanceRoundTrip) {
    auto original = test::sample_run();
    original.cases[0].check = {"qos 3", "AT+MQTTPUBTP=1,1,/a,3,0<CR>", "ERROR", "<CR><LF>OK"};
    original.metadata.outcome = run_outcome::interrupted;
    original.metadata.outcome_reason = "stopped by INT";
    original.metadata.quirks = {"no-echo"};
    original.metadata.command_line = "athil run --quirk no-echo";
    const auto doc = results_json(original);
    EXPECT_EQ(doc.at("cases")[0].at("check").at("expected"), "ERROR");
    EXPECT_TRUE(doc.at("cases")[1].at("check").is_null());
    const auto back = run_from_json(nlohmann::json::parse(doc.dump()));
    EXPECT_EQ(back.cases[0].check.received, "<CR><LF>OK");
    EXPECT_EQ(back.cases[0].check.sent, original.cases[0].check.sent);
    EXPECT_TRUE(back.cases[1].check.empty());
    EXPECT_EQ(back.metadata.outcome, run_outcome::interrupted);
    EXPECT_EQ(back.metadata.outcome_reason, "stopped by INT");
    EXPECT_EQ(back.metadata.quirks, original.metadata.quirks);
    EXPECT_EQ(back.metadata.command_line, original.metadata.command_line);
    EXPECT_EQ(back.metadata.start_time, original.metadata.start_time);
}

// Restarts and forced waits per case come back as written; the run's total is their sum, and a
// file written before they existed reads as none.
TEST(ResultsJson, RestartsAndForcedWaitsRoundTrip) {
    auto original = test::sample_run();
    original.cases[0].restarts = 2;
    original.cases[0].forced_wait = std::chrono::milliseconds(10350);
    original.cases[3].restarts = 1;
    auto doc = results_json(original);
    EXPECT_EQ(doc.at("restarts"), 3);
    EXPECT_EQ(doc.at("cases")[0].at("forced_wait_ms"), 10350);
    const auto back = run_from_json(nlohmann::json::parse(doc.dump()));
    EXPECT_EQ(back.cases[0].restarts, 2U);
    EXPECT_EQ(back.cases[0].forced_wait, std::chrono::milliseconds(10350));
    EXPECT_EQ(back.restarts(), 3U);
    doc.at("cases")[0].erase("restarts");
    doc.at("cases")[0].erase("forced_wait_ms");
    EXPECT_EQ(run_from_json(doc).cases[0].restarts, 0U);
}

TEST(ResultsJson, RejectsAnotherSchemaVersionOrMissingFields) {
    auto j = results_json(test::sample_run());
    j["schema_version"] = 3;
    EXPECT_THROW(run_from_json(j), athil::athil_error);
    j["schema_version"] = 0;
    EXPECT_THROW(run_from_json(j), athil::athil_error);
    j = results_json(test::sample_run());
    j["cases"][0].erase("status");
    try {
        run_from_json(j);
        FAIL() << "accepted a case without status";
    } catch (const athil::athil_error& e) {
        EXPECT_NE(std::string(e.what()).find("'status'"), std::string::npos) << e.what();
    }
}

TEST(ResultsJson, FlakyCasesKeepEachFailedAttempt) {
    auto run = test::sample_run();
    auto& flaky = run.cases[0];
    flaky.status = case_status::flaky;
    flaky.retries = 1;
    flaky.failed_attempts = {{.number = 1,
                              .message = "clause 2.2: expected: OK; got: \"ERROR\"",
                              .details = "x.cpp:1: expected OK\n",
                              .transcript = "< ERROR\n",
                              .duration = std::chrono::milliseconds(7)}};
    const auto j = results_json(run);
    EXPECT_EQ(j.at("counts").at("flaky"), 1);
    EXPECT_EQ(j.at("counts").at("passed"), 1);
    EXPECT_EQ(j.at("cases").at(0).at("status"), "flaky");
    EXPECT_EQ(j.at("cases").at(0).at("failed_attempts").at(0).at("transcript"), "< ERROR\n");
    const auto back = run_from_json(nlohmann::json::parse(j.dump()));
    ASSERT_EQ(back.cases[0].failed_attempts.size(), 1U);
    EXPECT_EQ(back.cases[0].status, case_status::flaky);
    EXPECT_EQ(back.cases[0].failed_attempts[0].message, flaky.failed_attempts[0].message);
    EXPECT_EQ(back.cases[0].failed_attempts[0].duration, std::chrono::milliseconds(7));
    EXPECT_FALSE(back.cases[0].failed_attempts[0].error);
}

TEST(ResultsJson, ReadsVersionOneFilesAsRunsWithoutReruns) {
    auto j = results_json(test::sample_run());
    j["schema_version"] = 1;
    for (auto& c : j["cases"]) {
        c.erase("failed_attempts");
    }
    j["counts"].erase("flaky");
    const auto back = run_from_json(j);
    EXPECT_EQ(back.cases.size(), 6U);
    EXPECT_TRUE(back.cases[1].failed_attempts.empty());
}

} // namespace
