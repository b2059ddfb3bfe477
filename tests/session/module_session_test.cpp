// The module session against a scripted module on a real pty pair.

#include "fake_module.hpp"
#include "harness/core/error.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

#include <map>

namespace athil::test {
namespace {

using namespace std::chrono_literals;
using session::final_kind;
using session::module_session;
using session::session_options;

// Canned answers by command; echo on unless the test says otherwise.
fake_module::responder table(std::map<std::string, std::vector<std::string>> answers) {
    return [answers = std::move(answers)](const std::string& unit) {
        const auto it = answers.find(unit);
        return it == answers.end() ? std::vector<std::string>{} : it->second;
    };
}

TEST(ModuleSession, QueryWithEchoOn) {
    fake_module module(
        table({{"AT+MQTTCFG?", echoed("AT+MQTTCFG?", "\r\n+MQTTCFG:60,0\r\n\r\nOK\r\n")}}));
    auto s = open_session(module);
    const auto r = s.command("AT+MQTTCFG?");
    EXPECT_EQ(r.command, "AT+MQTTCFG?");
    EXPECT_TRUE(r.echoed);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.lines, std::vector<std::string>{"+MQTTCFG:60,0"});
    EXPECT_EQ(r.info("MQTTCFG"), "60,0");
    EXPECT_EQ(r.raw, "AT+MQTTCFG?\r\n\r\n+MQTTCFG:60,0\r\n\r\nOK\r\n");
    EXPECT_GT(r.elapsed.count(), 0);
    EXPECT_EQ(module.received_texts(), std::vector<std::string>{"AT+MQTTCFG?"});
}

TEST(ModuleSession, QueryWithEchoOff) {
    fake_module module(table({{"AT+WKMOD", {"\r\n+WKMOD:NET\r\n", "\r\nOK\r\n"}}}));
    auto s = open_session(module);
    const auto r = s.command("AT+WKMOD");
    EXPECT_FALSE(r.echoed);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.info("WKMOD"), "NET");
}

TEST(ModuleSession, MultiLineQueryBody) {
    std::string answer = "\r\n+MQTTSUBTP:\r\n";
    std::vector<std::string> slots;
    for (int n = 1; n <= 10; ++n) {
        slots.push_back(std::to_string(n) + (n == 1 ? ",1" : ",0") + ",/SubTopic" +
                        std::to_string(n) + ",0");
        answer += slots.back() + "\r\n";
    }
    // Cut mid-line so the body also crosses reads.
    fake_module module(
        table({{"AT+MQTTSUBTP?",
                {"AT+MQTTSUBTP?\r\n", answer.substr(0, 40), answer.substr(40) + "\r\nOK\r\n"}}}));
    auto s = open_session(module);
    const auto r = s.command("AT+MQTTSUBTP?");
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.info("MQTTSUBTP"), "");
    EXPECT_EQ(r.body(), slots);
    EXPECT_EQ(r.lines.size(), 11U);
}

TEST(ModuleSession, CmeErrorAndPlainError) {
    fake_module module(table(
        {{"AT+FOO", echoed("AT+FOO", "\r\n+CME ERROR:58\r\n")}, {"AT+BAR", {"\r\nERROR\r\n"}}}));
    auto s = open_session(module);
    const auto cme = s.command("AT+FOO");
    EXPECT_EQ(cme.final, final_kind::cme_error);
    EXPECT_EQ(cme.cme_code, 58);
    EXPECT_TRUE(cme.is_error());
    EXPECT_EQ(cme.final_text(), "+CME ERROR:58");
    const auto plain = s.command("AT+BAR");
    EXPECT_EQ(plain.final, final_kind::error);
    EXPECT_TRUE(plain.is_error());
    EXPECT_FALSE(plain.ok());
}

TEST(ModuleSession, BootBannerBetweenCommandsIsNotPartOfTheAnswer) {
    fake_module module(table({{"AT", echoed("AT", "\r\nOK\r\n")},
                              {"AT+E?", {"\r\nWH-GM5\r\n", "AT+E?\r\n\r\n+E:ON\r\n\r\nOK\r\n"}}}));
    auto s = open_session(module);
    ASSERT_TRUE(s.command("AT").ok());
    module.send("\r\nWH-GM5\r\n"); // a restart between two commands
    const auto r = s.command("AT+E?");
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.lines, std::vector<std::string>{"+E:ON"});
    EXPECT_EQ(s.take_unsolicited(), (std::vector<std::string>{"WH-GM5", "WH-GM5"}));
    EXPECT_NE(s.log().render().find("WH-GM5"), std::string::npos);
}

TEST(ModuleSession, SilentModuleTimesOutWithTheTranscript) {
    fake_module module(table({}));
    auto s = open_session(module);
    const auto r = s.command("AT+MQTTSTA?", 200ms);
    EXPECT_EQ(r.final, final_kind::timeout);
    EXPECT_TRUE(r.timed_out());
    EXPECT_GE(r.elapsed, 200ms); // it waited the whole timeout, no less
    const auto text = s.log().render();
    EXPECT_NE(text.find("tx AT+MQTTSTA?<CR>"), std::string::npos) << text;
    EXPECT_NE(text.find("timeout: no final result for AT+MQTTSTA? within 200 ms"),
              std::string::npos)
        << text;
}

TEST(ModuleSession, LineEndIsConfigurable) {
    fake_module module(table({{"AT", {"\r\nOK\r\n"}}}));
    auto o = fast_options();
    o.line_end = "\r\n";
    auto s = open_session(module, o);
    EXPECT_TRUE(s.command("AT").ok());
    EXPECT_NE(s.log().render().find("tx AT<CR><LF>"), std::string::npos);
}

TEST(ModuleSession, LinkClosedDuringACommandThrows) {
    fake_module module(table({}));
    auto s = open_session(module);
    module.hang_up();
    try {
        (void)s.command("AT", 3000ms);
        FAIL() << "no error after the module hung up";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_closed) << e.what();
    }
    EXPECT_NE(s.log().render().find("link error"), std::string::npos);
}

} // namespace
} // namespace athil::test
