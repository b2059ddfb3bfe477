#include "harness/report/progress_printer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include <algorithm>
#include <sstream>

namespace {

using namespace athil::report;
using std::chrono::milliseconds;
using std::chrono::seconds;

const athil::steady_clock::time_point t0{};

case_result finished(std::string name, case_status status, std::string message = {}) {
    return {.section = "S2_3_MQTTPUBTP",
            .name = std::move(name),
            .status = status,
            .message = std::move(message),
            .duration = milliseconds(12)};
}

TEST(ProgressPrinter, PlainOutputIsOneLinePerCaseWithFailureMessages) {
    std::ostringstream out;
    progress_printer p(out, false);
    p.run_started(3, 1, t0);
    p.section_started("S2_3_MQTTPUBTP", 3, t0);
    p.case_started("QueryDefault", t0);
    p.case_finished(finished("QueryDefault", case_status::passed), t0 + seconds(1));
    p.case_started("SetRejectsQos3", t0);
    p.case_finished(finished("SetRejectsQos3", case_status::failed, "clause 2.3: expected ERROR"),
                    t0 + seconds(2));
    p.case_finished(finished("TestForm", case_status::known_deviation, "known deviation: 2.3: x"),
                    t0 + seconds(3));
    p.section_finished(t0 + seconds(3));
    p.run_finished(t0 + seconds(75));
    EXPECT_EQ(out.str(), "athil: running 3 cases in 1 sections\n"
                         "[1/3] PASS      S2_3_MQTTPUBTP.QueryDefault  0.01 s\n"
                         "[2/3] FAIL      S2_3_MQTTPUBTP.SetRejectsQos3  0.01 s\n"
                         "    clause 2.3: expected ERROR\n"
                         "[3/3] DEVIATION S2_3_MQTTPUBTP.TestForm  0.01 s\n"
                         "    known deviation: 2.3: x\n"
                         "athil: 1 passed, 0 flaky, 1 failed, 1 known deviations, 0 skipped, 0 "
                         "errors (3 cases in 1:15)\n");
    EXPECT_EQ(out.str().find('\r'), std::string::npos);
    EXPECT_EQ(p.counts().failed, 1U);
}

TEST(ProgressPrinter, PlainOutputNumbersCasesAndShowsEveryFailedAssertion) {
    std::ostringstream out;
    progress_printer p(out, false);
    p.run_started(120, 1, t0);
    auto fail = finished("SetRejectsQos3", case_status::failed, "clause 2.3: expected ERROR");
    fail.duration = milliseconds(1234);
    fail.details = "a.cpp:3: clause 2.3 qos 3\n  expected: ERROR\nb.cpp:9: restore failed\n";
    p.case_finished(fail, t0);
    auto flaky = finished("QueryDefault", case_status::flaky);
    flaky.retries = 2;
    flaky.failed_attempts = {{.number = 1, .message = "clause 2.2: got: \"ERROR\""}};
    p.case_finished(flaky, t0);
    EXPECT_EQ(out.str(), "athil: running 120 cases in 1 sections\n"
                         "[  1/120] FAIL      S2_3_MQTTPUBTP.SetRejectsQos3  1.23 s\n"
                         "    clause 2.3: expected ERROR\n"
                         "    a.cpp:3: clause 2.3 qos 3\n"
                         "      expected: ERROR\n"
                         "    b.cpp:9: restore failed\n"
                         "[  2/120] FLAKY     S2_3_MQTTPUBTP.QueryDefault  0.01 s\n"
                         "    attempt 1 of 3: clause 2.2: got: \"ERROR\"\n");
    EXPECT_EQ(p.counts().flaky, 1U);
    EXPECT_EQ(p.counts().passed, 0U);
}

TEST(ProgressPrinter, TerminalRedrawsOneStatusLinePerSection) {
    std::ostringstream out;
    progress_printer p(out, true);
    p.run_started(4, 2, t0);
    p.section_started("S2_2_MQTTCFG", 2, t0);
    p.case_started("QueryDefault", t0);
    p.case_finished(finished("QueryDefault", case_status::passed), t0 + seconds(10));
    p.case_started("SetKeepalive", t0 + seconds(10));
    const auto before_eta = out.str();
    // 1 of 4 done in 10 s: 30 s left.
    EXPECT_NE(before_eta.rfind("\r\x1b[2K[1/2] S2_2_MQTTCFG 1/2 SetKeepalive | 1/4: 1 pass 0 fail "
                               "| 0:10 ETA 0:30"),
              std::string::npos)
        << before_eta;
    p.case_finished(finished("SetKeepalive", case_status::passed), t0 + seconds(20));
    p.section_finished(t0 + seconds(20));
    EXPECT_TRUE(out.str().ends_with("\r\x1b[2K[1/2] S2_2_MQTTCFG 2/2 done | 2/4: 2 pass 0 fail | "
                                    "0:20\n"))
        << out.str();
    // Status lines never end in a newline until their section is done.
    const auto text = out.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(ProgressPrinter, TerminalPrintsFailuresAboveTheStatusLine) {
    std::ostringstream out;
    progress_printer p(out, true);
    p.run_started(2, 1, t0);
    p.section_started("S2_3_MQTTPUBTP", 2, t0);
    p.case_started("SetRejectsQos3", t0);
    p.case_finished(finished("SetRejectsQos3", case_status::failed, "clause 2.3: expected ERROR"),
                    t0 + seconds(1));
    EXPECT_NE(out.str().find("\r\x1b[2KFAIL S2_3_MQTTPUBTP.SetRejectsQos3 (12 ms)\n    clause 2.3: "
                             "expected ERROR\n\r\x1b[2K[1/1] S2_3_MQTTPUBTP 1/2"),
              std::string::npos)
        << out.str();
    // A rig failure is counted apart from nonconformance.
    p.case_finished(finished("Persists", case_status::error, "link closed"), t0 + seconds(2));
    EXPECT_NE(out.str().find("| 2/2: 0 pass 1 fail 1 err |"), std::string::npos) << out.str();
}

// Colour only where a person reads a terminal, and not when NO_COLOR says so.
TEST(ProgressPrinter, VerdictsInColourOnATerminalOnly) {
    std::ostringstream out;
    progress_printer p(out, true, 100, true);
    p.run_started(1, 1, t0);
    p.section_started("S2_3_MQTTPUBTP", 1, t0);
    p.case_finished(finished("SetRejectsQos3", case_status::failed, "clause 2.3"), t0);
    EXPECT_NE(out.str().find("\x1b[31mFAIL\x1b[0m S2_3_MQTTPUBTP.SetRejectsQos3"),
              std::string::npos)
        << out.str();
    ::setenv("NO_COLOR", "1", 1);
    EXPECT_FALSE(colour_wanted(true));
    ::unsetenv("NO_COLOR");
    EXPECT_TRUE(colour_wanted(true));
    EXPECT_FALSE(colour_wanted(false));
}

TEST(ProgressPrinter, StatusLinesFitTheTerminal) {
    std::ostringstream out;
    progress_printer p(out, true, 40);
    p.run_started(1, 1, t0);
    p.section_started("S2_3_MQTTPUBTP", 1, t0);
    p.case_started(std::string(200, 'x'), t0);
    const auto text = out.str();
    const auto last = text.rfind("\x1b[2K");
    EXPECT_EQ(text.size() - (last + 4), 39U);
}

TEST(ClockText, MinutesAndHours) {
    EXPECT_EQ(clock_text(seconds(5)), "0:05");
    EXPECT_EQ(clock_text(seconds(754)), "12:34");
    EXPECT_EQ(clock_text(seconds(3723)), "1:02:03");
}

} // namespace
