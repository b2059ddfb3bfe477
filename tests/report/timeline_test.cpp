// The per-case timeline in every rendering: its text form, results.json (read back exactly, and
// the same document whether the cases were rendered at once or one by one as they finished),
// and trace.json in the Chrome trace-event format.
#include "harness/report/json_writer.hpp"
#include "harness/report/junit_writer.hpp"
#include "harness/report/trace_writer.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace {

using namespace athil::report;
using namespace std::chrono_literals;

case_result timed_case() {
    case_result c;
    c.section = "S3_1_Qos";
    c.name = "Qos1OutboundPuback";
    c.clause = "3.1";
    c.status = case_status::failed;
    c.duration = 1500ms;
    c.started_at = 2'000'000us;
    c.timeline = {
        {2'000'000us, timeline_source::serial, "tx", "AT+S<CR>", {}},
        {2'051'000us,
         timeline_source::wire,
         "packet",
         "c0 to_broker PUBLISH qos=0 retain=0 dup=0 topic=athil/2/q payload(3)=abc",
         {{"type", "PUBLISH"}, {"qos", "0"}, {"topic", "athil/2/q"}}},
        {2'056'000us,
         timeline_source::broker,
         "log",
         "Received PUBLISH from athil-c1",
         {{"broker", "plain"}}},
        {3'250'000us, timeline_source::harness, "check", "failed: the QoS 1 handshake", {}},
        {3'300'000us, timeline_source::observer, "received", "athil/2/q q0 \"abc\"", {}},
    };
    return c;
}

run_result timed_run() {
    run_result run;
    run.metadata.dut_link = "sim";
    run.metadata.tool_version = "0.1.0";
    run.cases.push_back(timed_case());
    auto passed = timed_case();
    passed.name = "Qos0Outbound";
    passed.status = case_status::passed;
    passed.started_at = 4'000'000us;
    passed.timeline.clear();
    run.cases.push_back(passed);
    return run;
}

TEST(timeline, TextHasOneLinePerEventWithTimesFromTheCaseStart) {
    const auto c = timed_case();
    const auto text = render_timeline(c.timeline, c.started_at);
    EXPECT_NE(text.find("+0.000s serial   tx        AT+S<CR>\n"), std::string::npos) << text;
    EXPECT_NE(text.find("+0.051s wire     packet    c0 to_broker PUBLISH"), std::string::npos)
        << text;
    EXPECT_NE(text.find("+1.250s harness  check     failed:"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);
}

TEST(timeline, PacketsAndBrokerLogAreExtractsOfTheTimeline) {
    const auto c = timed_case();
    EXPECT_EQ(packet_lines(c.timeline, c.started_at),
              std::vector<std::string>{
                  "+0.051s c0 to_broker PUBLISH qos=0 retain=0 dup=0 topic=athil/2/q "
                  "payload(3)=abc"});
    EXPECT_EQ(broker_log_text(c.timeline, c.started_at),
              "+0.056s [plain] Received PUBLISH from athil-c1\n");
}

TEST(timeline, ResultsJsonKeepsTheTimelineAndReadsItBack) {
    const auto run = timed_run();
    const auto back = run_from_json(results_json(run));
    ASSERT_EQ(back.cases.size(), 2u);
    const auto& c = back.cases.front();
    EXPECT_EQ(c.started_at, 2'000'000us);
    ASSERT_EQ(c.timeline.size(), 5u);
    EXPECT_EQ(c.timeline[1].source, timeline_source::wire);
    EXPECT_EQ(c.timeline[1].at, 2'051'000us);
    ASSERT_NE(c.timeline[1].field("topic"), nullptr);
    EXPECT_EQ(*c.timeline[1].field("topic"), "athil/2/q");
    EXPECT_EQ(c.timeline[4].source, timeline_source::observer);
}

TEST(timeline, CasesRenderedOneByOneMakeTheSameDocument) {
    for (const auto& run : {timed_run(), test::sample_run(), run_result{}}) {
        std::vector<std::string> texts;
        for (const auto& c : run.cases) {
            texts.push_back(case_json_text(c));
        }
        const auto text = results_json_text(run, false, texts);
        EXPECT_EQ(nlohmann::json::parse(text), results_json(run, false));
    }
}

TEST(timeline, UnknownSourceInResultsJsonIsRefusedByName) {
    auto doc = results_json(timed_run());
    doc["cases"][0]["timeline"][0]["source"] = "radio";
    try {
        run_from_json(doc);
        FAIL() << "an unknown source was accepted";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("radio"), std::string::npos) << e.what();
    }
}

TEST(timeline, JunitSystemOutCarriesTheTimelineAsText) {
    const auto out = case_system_out(timed_case());
    EXPECT_NE(out.find("--- timeline ---"), std::string::npos) << out;
    EXPECT_NE(out.find("+0.056s broker   log       Received PUBLISH"), std::string::npos) << out;
}

// The structure Perfetto and chrome://tracing read: metadata naming the tracks, complete
// slices (ph X) with a duration, instant events (ph i) with a scope, times in microseconds.
TEST(trace, EventsHaveTheTraceEventFormatsFields) {
    const auto doc = nlohmann::json::parse(trace_json(timed_run()));
    ASSERT_TRUE(doc.at("traceEvents").is_array());
    EXPECT_EQ(doc.at("displayTimeUnit"), "ms");
    std::set<std::string> tracks;
    std::map<std::string, int> phases;
    for (const auto& e : doc.at("traceEvents")) {
        ASSERT_TRUE(e.at("ph").is_string()) << e;
        ASSERT_TRUE(e.at("pid").is_number_integer()) << e;
        ASSERT_TRUE(e.at("name").is_string()) << e;
        const std::string ph = e.at("ph");
        ++phases[ph];
        if (ph == "M") {
            if (e.at("name") == "thread_name") {
                tracks.insert(e.at("args").at("name").get<std::string>());
            }
            continue;
        }
        ASSERT_TRUE(e.at("tid").is_number_integer()) << e;
        ASSERT_TRUE(e.at("ts").is_number()) << e;
        if (ph == "X") {
            EXPECT_GE(e.at("dur").get<long long>(), 0) << e;
        } else {
            ASSERT_EQ(ph, "i") << e;
            EXPECT_EQ(e.at("s"), "t") << e;
        }
    }
    EXPECT_EQ(tracks, (std::set<std::string>{"harness", "serial", "wire", "broker", "observer"}));
    EXPECT_EQ(phases["X"], 2);  // one slice per case
    EXPECT_EQ(phases["i"], 5);  // one instant per timeline event
    EXPECT_EQ(phases["M"], 11); // the process and five tracks, each named and ordered
}

TEST(trace, CaseSliceSpansTheCaseAndPacketsSitOnTheWireTrack) {
    const auto doc = nlohmann::json::parse(trace_json(timed_run()));
    int wire_track = 0;
    for (const auto& e : doc.at("traceEvents")) {
        if (e.at("ph") == "M" && e.at("name") == "thread_name" &&
            e.at("args").at("name") == "wire") {
            wire_track = e.at("tid");
        }
    }
    bool slice = false;
    bool packet = false;
    for (const auto& e : doc.at("traceEvents")) {
        if (e.at("ph") == "X" && e.at("name") == "S3_1_Qos.Qos1OutboundPuback") {
            slice = true;
            EXPECT_EQ(e.at("ts"), 2'000'000);
            EXPECT_EQ(e.at("dur"), 1'500'000);
            EXPECT_EQ(e.at("args").at("status"), "failed");
        }
        if (e.at("ph") == "i" && e.at("name") == "PUBLISH") {
            packet = true;
            EXPECT_EQ(e.at("tid"), wire_track);
            EXPECT_EQ(e.at("args").at("topic"), "athil/2/q");
        }
    }
    EXPECT_TRUE(slice);
    EXPECT_TRUE(packet);
}

} // namespace
