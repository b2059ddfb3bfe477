// The evidence of a failing section 3 case, end to end: the simulator publishes QoS 1 messages
// as QoS 0 (quirk qos1-sent-as-qos0), the QoS 1 case fails, and every report carries what the
// wire tap, the broker and the serial line saw — results.json's timeline, packets and broker
// log, trace.json's tracks, and the HTML page, checked in headless Chromium (a screenshot of the
// opened case is kept in the build tree, report-artifacts/timeline.png).
#include "cli_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace {

using athil::cli::test::run_athil;
using nlohmann::json;
namespace rt = athil::report::test;

constexpr const char* failing_case = "S3_1_Qos.Qos1OutboundPuback";

json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    return json::parse(in);
}

bool has_event(const json& timeline, const std::string& source, const std::string& text) {
    for (const auto& e : timeline) {
        if (e.at("source") == source &&
            e.at("text").get<std::string>().find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void check_html_in_browser(const std::filesystem::path& page, const std::filesystem::path& dir) {
    if (!std::filesystem::exists("/usr/bin/chromium")) {
        GTEST_SKIP() << "chromium is not installed (ci/install-deps.sh installs it)";
    }
    std::filesystem::create_directories(ATHIL_ARTIFACT_DIR);
    const auto png = std::filesystem::path(ATHIL_ARTIFACT_DIR) / "timeline.png";
    std::filesystem::remove(png);
    const auto common = rt::headless_chromium(dir / "profile", 1400, 1800);
    // The deep link of the README: report.html#case-<Suite.Case>.
    const auto url = "file://" + page.string() + "#case-" + failing_case;
    auto dump = common;
    dump.push_back("--dump-dom");
    dump.push_back(url);
    const auto d = rt::run_tool(dump, std::chrono::seconds(90));
    ASSERT_EQ(d.exit_code, 0) << d.output;
    const auto at = d.output.find(std::string("id=\"case-") + failing_case + "\"");
    ASSERT_NE(at, std::string::npos) << d.output.substr(0, 2000);
    const auto open_tag = d.output.substr(d.output.rfind("<details", at),
                                          d.output.find('>', at) - d.output.rfind("<details", at));
    EXPECT_NE(open_tag.find("open"), std::string::npos) << open_tag;
    const auto body = d.output.substr(at, d.output.find("</details>", at) - at);
    EXPECT_NE(body.find("<table class=\"timeline\">"), std::string::npos);
    EXPECT_NE(body.find("class=\"src-wire\""), std::string::npos);
    EXPECT_NE(body.find("class=\"src-broker\""), std::string::npos);
    EXPECT_NE(body.find("class=\"src-serial\""), std::string::npos);
    EXPECT_NE(body.find("PUBLISH qos=0"), std::string::npos);
    EXPECT_NE(body.find("Received PUBLISH from"), std::string::npos);

    auto shot = common;
    shot.push_back("--screenshot=" + png.string());
    shot.push_back(url);
    const auto s = rt::run_tool(shot, std::chrono::seconds(90));
    EXPECT_EQ(s.exit_code, 0) << s.output;
    ASSERT_TRUE(std::filesystem::exists(png)) << s.output;
    EXPECT_GT(std::filesystem::file_size(png), 10'000U); // a blank page compresses far smaller
}

TEST(evidence, FailingSection3CaseCarriesWireBrokerAndSerialIntoEveryReport) {
    athil::test::scoped_temp_dir dir("athil-evidence");
    const auto reports = dir.path() / "reports";
    const auto r = run_athil({"run", "--filter", failing_case, "--quirk", "qos1-sent-as-qos0",
                              "--report-dir", reports.string()});
    ASSERT_EQ(r.exit_code, 1) << r.output;
    // The failure names the expected sequence and the statement it rests on.
    EXPECT_NE(r.output.find("then PUBACK to the module with the same packet id [MQTT-4.3.2-1]"),
              std::string::npos)
        << r.output;

    const auto results = read_json(reports / "results.json");
    ASSERT_EQ(results.at("cases").size(), 1u);
    const auto& c = results.at("cases")[0];
    EXPECT_EQ(c.at("status"), "failed");
    const auto& timeline = c.at("timeline");
    EXPECT_TRUE(has_event(timeline, "serial", "AT+S"));
    EXPECT_TRUE(has_event(timeline, "wire", "to_broker CONNECT"));
    EXPECT_TRUE(has_event(timeline, "wire", "to_broker PUBLISH qos=0"));
    EXPECT_TRUE(has_event(timeline, "broker", "Received PUBLISH from"));
    EXPECT_TRUE(has_event(timeline, "harness", "failed: the QoS 1 handshake completes"));
    // One clock: in time order, and the PUBLISH the tap saw before the broker logged it.
    long long last = 0;
    for (const auto& e : timeline) {
        EXPECT_GE(e.at("at_us").get<long long>(), last) << e;
        last = e.at("at_us");
    }
    // The packet as fields, and no password anywhere.
    bool publish_fields = false;
    for (const auto& e : timeline) {
        if (e.at("fields").value("type", "") == "PUBLISH") {
            publish_fields = e.at("fields").at("qos") == "0" &&
                             e.at("fields").at("topic").get<std::string>().starts_with("athil/");
        }
    }
    EXPECT_TRUE(publish_fields) << timeline.dump(1);
    EXPECT_FALSE(c.at("packets").empty());
    EXPECT_NE(c.at("broker_log").get<std::string>().find("Received PUBLISH"), std::string::npos);

    const auto trace = read_json(reports / "trace.json");
    std::map<int, std::string> track_names;
    std::set<std::string> seen;
    for (const auto& e : trace.at("traceEvents")) {
        if (e.at("ph") == "M" && e.at("name") == "thread_name") {
            track_names[e.at("tid").get<int>()] = e.at("args").at("name");
        }
    }
    for (const auto& e : trace.at("traceEvents")) {
        if (e.at("ph") == "i") {
            seen.insert(track_names[e.at("tid").get<int>()]);
        }
    }
    EXPECT_TRUE(seen.contains("serial") && seen.contains("wire") && seen.contains("broker"))
        << trace.dump().substr(0, 2000);

    const auto junit = rt::read_text(reports / "junit.xml");
    EXPECT_NE(junit.find("--- timeline ---"), std::string::npos);

    check_html_in_browser(reports / "report.html", dir.path());
}

// --no-timeline is for very long runs: the reports keep the transcript, not the timeline.
TEST(evidence, NoTimelineLeavesTimelinesOutAndTheDefaultKeepsThem) {
    athil::test::scoped_temp_dir dir("athil-no-timeline");
    const std::string one_case = "S2_2_MQTTCFG.QueryDefault";
    for (const bool timelines : {true, false}) {
        const auto reports = dir.path() / (timelines ? "with" : "without");
        std::vector<std::string> args = {"run", "--filter", one_case, "--report-dir",
                                         reports.string()};
        if (!timelines) {
            args.push_back("--no-timeline");
        }
        const auto r = run_athil(args);
        ASSERT_EQ(r.exit_code, 0) << r.output;
        const auto results = read_json(reports / "results.json");
        const auto& c = results.at("cases").at(0);
        EXPECT_FALSE(c.at("transcript").get<std::string>().empty());
        EXPECT_EQ(c.at("timeline").empty(), !timelines) << c.dump(1);
        if (timelines) {
            EXPECT_TRUE(has_event(c.at("timeline"), "serial", "AT+MQTTCFG?"));
        }
    }
}

} // namespace
