// The session's mode changes against a scripted module: the +++ handshake, data mode,
// restarts, and redaction of what crossed the line.

#include "fake_module.hpp"
#include "harness/core/error.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

namespace athil::test {
namespace {

using namespace std::chrono_literals;
using session::module_session;
using session::session_options;

// The reference simulator's handshake: bare tokens without CR LF.
std::vector<std::string> simulator(const std::string& unit) {
    if (unit == "+++") {
        return {"a"};
    }
    if (unit == "a") {
        return {"+ok"};
    }
    if (unit == "AT") {
        return {"AT\r\n", "\r\nOK\r\n"};
    }
    return {};
}

TEST(SessionHandshake, SimulatorTokensWithoutLineEnds) {
    fake_module module(simulator);
    auto s = open_session(module);
    s.enter_command_mode();
    EXPECT_TRUE(s.command("AT").ok());
    EXPECT_EQ(module.received_texts(), (std::vector<std::string>{"+++", "a", "AT"}));
}

TEST(SessionHandshake, ModuleTokensWithLineEnds) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        if (unit == "+++") {
            return {"\r\na\r\n"};
        }
        if (unit == "a") {
            return {"\r\n+o", "k\r\n"};
        }
        return {"\r\nOK\r\n"};
    });
    auto s = open_session(module);
    s.enter_command_mode();
    EXPECT_TRUE(s.command("AT").ok());
}

TEST(SessionHandshake, WaitsForGuardSilenceAndKeepsEarlierData) {
    fake_module module(simulator);
    auto s = open_session(module);
    module.send("payload before");
    const auto sent_at = steady_clock::now();
    s.enter_command_mode();
    const auto units = module.received();
    ASSERT_FALSE(units.empty());
    EXPECT_EQ(units.front().text, "+++");
    EXPECT_GE(units.front().at - sent_at, fast_options().guard_time);
    EXPECT_EQ(s.read_data_count(14, deadline_in(1s)), "payload before");
}

TEST(SessionHandshake, AlreadyInCommandModeIsSuccess) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        return unit == "+++" ? std::vector<std::string>{"\r\n+CME ERROR:58\r\n"}
                             : std::vector<std::string>{"\r\nOK\r\n"};
    });
    auto s = open_session(module);
    EXPECT_NO_THROW(s.enter_command_mode());
    EXPECT_TRUE(s.command("AT").ok());
    EXPECT_EQ(module.received_texts(), (std::vector<std::string>{"+++", "AT"}));
    EXPECT_NE(s.log().render().find("already in command mode"), std::string::npos);
}

// The handshake's failure message; fails the test when the handshake succeeds.
std::string handshake_failure(fake_module::responder respond) {
    fake_module module(std::move(respond));
    auto s = open_session(module);
    try {
        s.enter_command_mode();
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::handshake_failed);
        return e.what();
    }
    ADD_FAILURE() << "handshake succeeded";
    return {};
}

TEST(SessionHandshake, WrongAnswerFailsWithWhatWasReceived) {
    const auto what = handshake_failure([](const std::string& unit) {
        return unit == "+++" ? std::vector<std::string>{"garbage"} : std::vector<std::string>{};
    });
    EXPECT_NE(what.find("no 'a' within 1000 ms after +++"), std::string::npos) << what;
    EXPECT_NE(what.find("garbage"), std::string::npos) << what;
}

TEST(SessionHandshake, MissingPlusOkFails) {
    const auto what = handshake_failure([](const std::string& unit) {
        return unit == "+++" ? std::vector<std::string>{"a"} : std::vector<std::string>{};
    });
    EXPECT_NE(what.find("no '+ok' within 1000 ms after a"), std::string::npos) << what;
}

TEST(SessionDataMode, EntmThenDataInTheSameRead) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        return unit == "AT+ENTM" ? std::vector<std::string>{"AT+ENTM\r\n\r\nOK\r\nhello\r\n"}
                                 : std::vector<std::string>{};
    });
    auto s = open_session(module);
    EXPECT_TRUE(s.enter_data_mode().ok());
    EXPECT_EQ(s.read_data_count(7, deadline_in(1s)), "hello\r\n");
}

TEST(SessionDataMode, ReadsByCountMarkerAndIdle) {
    fake_module module([](const std::string&) { return std::vector<std::string>{}; });
    auto s = open_session(module);
    s.write_data("ping\r");
    module.send("0123456789");
    EXPECT_EQ(s.read_data_count(4, deadline_in(1s)), "0123");
    module.send("ab,END,rest");
    EXPECT_EQ(s.read_data_until(",END", deadline_in(1s)), "456789ab,END");
    EXPECT_EQ(s.read_data_until_idle(100ms, deadline_in(2s)), ",rest");
    EXPECT_EQ(s.read_data_count(1, deadline_in(100ms)), ""); // nothing more came
    EXPECT_EQ(module.received_texts(), std::vector<std::string>{"ping"});
}

TEST(SessionRestart, SaveAndRestartWaitsForTheBanner) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        if (unit == "AT+S") {
            return {"AT+S\r\n\r\nOK\r\n", "\r\nWH-GM5\r\n"};
        }
        if (unit == "AT+Z") {
            return {"AT+Z\r\n\r\nOK\r\n\r\nWH-GM5\r\n"}; // banner in the same read as OK
        }
        return {};
    });
    auto s = open_session(module);
    EXPECT_TRUE(s.save_and_restart().ok());
    EXPECT_TRUE(s.restart_without_saving().ok());
    EXPECT_NE(s.log().render().find("booted: WH-GM5"), std::string::npos);
    // Counted by command; a restart command the module refused restarts nothing.
    EXPECT_EQ(s.restarts().save, 1U);
    EXPECT_EQ(s.restarts().discard, 1U);
    EXPECT_FALSE(s.factory_reset().ok()); // no answer: a timeout
    EXPECT_EQ(s.restarts().factory, 0U);
    EXPECT_EQ(s.restarts().total(), 2U);
}

TEST(SessionRestart, MissingBannerIsATimeout) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        return unit == "AT+CLEAR" ? std::vector<std::string>{"\r\nOK\r\n"}
                                  : std::vector<std::string>{};
    });
    auto s = open_session(module);
    try {
        (void)s.factory_reset();
        FAIL() << "no error without a banner";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::timeout) << e.what();
    }
}

TEST(SessionRedaction, SecretsNeverReachTheTranscript) {
    fake_module module([](const std::string& unit) -> std::vector<std::string> {
        if (unit == "AT+MQTTPSW?") { // the value is split across two reads
            return {"AT+MQTTPSW?\r\n\r\n+MQTTPSW:hun", "ter2\r\n\r\nOK\r\n"};
        }
        if (unit == "AT+ALIDEVSEC?") {
            return {"\r\n+ALIDEVSEC:dev-secret-1\r\n\r\nOK\r\n"};
        }
        return {unit + "\r\n", "\r\nOK\r\n"};
    });
    auto s = open_session(module);
    s.log().register_secret("token-xyz");
    EXPECT_TRUE(s.command("AT+MQTTPSW=hunter2").ok());
    const auto query = s.command("AT+MQTTPSW?");
    EXPECT_EQ(query.info("MQTTPSW"), "hunter2"); // the suite still sees the value
    EXPECT_EQ(s.command("AT+ALIDEVSEC?").info("ALIDEVSEC"), "dev-secret-1");
    EXPECT_TRUE(s.command("AT+ALIDEVSEC=dev-secret-1").ok());
    EXPECT_TRUE(s.command("AT+SSLCRT=2,-----BEGIN PRIVATE KEY-----[0D][0A]MIIkey").ok());
    EXPECT_TRUE(s.command("AT+MQTTUSER=token-xyz").ok());
    const auto text = s.log().render();
    for (const char* secret :
         {"hunter2", "hun", "dev-secret-1", "MIIkey", "PRIVATE", "token-xyz"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in\n" << text;
    }
    EXPECT_NE(text.find("tx AT+MQTTPSW=******<CR>"), std::string::npos) << text;
    EXPECT_NE(text.find("rx AT+MQTTPSW=******<CR><LF>"), std::string::npos) << text; // echo
    EXPECT_NE(text.find("+MQTTPSW:******"), std::string::npos) << text;
    EXPECT_NE(text.find("+ALIDEVSEC:******"), std::string::npos) << text;
    EXPECT_NE(text.find("AT+SSLCRT=2,******"), std::string::npos) << text;
    EXPECT_NE(text.find("AT+MQTTUSER=******"), std::string::npos) << text;
}

} // namespace
} // namespace athil::test
