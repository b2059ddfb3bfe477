// Transcript and response helpers as pure code.

#include "harness/core/redactor.hpp"
#include "harness/session/at_response.hpp"
#include "harness/session/transcript.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace athil::session {
namespace {

// Drops the "[    0.001234] " time stamps (std::regex trips GCC 12's -O2 warnings).
std::string without_stamps(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("[") && line.find("] ") == 13) {
            line.erase(0, 15);
        }
        out += line + "\n";
    }
    return out;
}

TEST(Transcript, RendersBothDirectionsWithEscapes) {
    transcript t;
    t.record_tx("AT+MQTTCFG?\r");
    t.record_rx(std::string("\r\n+MQTTCFG:60,0\r\n\r\nOK\r\n\0\x7f\\", 26));
    t.note("--- test S2_2.Query ---");
    const auto text = t.render();
    ASSERT_GT(text.size(), 16U);
    EXPECT_EQ(text.substr(0, 7), "[    0.") << text; // seconds, then six digits of µs
    EXPECT_EQ(text.substr(13, 5), "] tx ") << text;
    EXPECT_EQ(without_stamps(text), "tx AT+MQTTCFG?<CR>\n"
                                    "rx <CR><LF>\n"
                                    "                  +MQTTCFG:60,0<CR><LF>\n"
                                    "                  <CR><LF>\n"
                                    "                  OK<CR><LF>\n"
                                    "rx \\x00\\x7f\\\\\n" // held without a line end, flushed
                                    "-- --- test S2_2.Query ---\n");
}

TEST(Transcript, EntriesCarryDirectionAndTime) {
    transcript t;
    t.record_tx("AT\r");
    t.record_rx("\r\nOK\r\n");
    ASSERT_EQ(t.entries().size(), 2U);
    EXPECT_EQ(t.entries()[0].dir, direction::tx);
    EXPECT_EQ(t.entries()[1].dir, direction::rx);
    EXPECT_LE(t.entries()[0].at, t.entries()[1].at);
}

TEST(Transcript, HoldsAnIncompleteLineUntilItEndsOrIsFlushed) {
    transcript t;
    t.record_rx("\r\n+MQTT");
    ASSERT_EQ(t.entries().size(), 1U);
    EXPECT_EQ(t.entries()[0].bytes, "\r\n");
    t.record_rx("PSW:abc");
    t.record_rx("def\r\n");
    ASSERT_EQ(t.entries().size(), 2U);
    EXPECT_EQ(t.entries()[1].bytes, "+MQTTPSW:******\r\n");
    t.record_rx("a");
    EXPECT_EQ(t.entries().size(), 2U);
    EXPECT_NE(t.render().find("rx a"), std::string::npos); // shown while held
    t.flush();
    ASSERT_EQ(t.entries().size(), 3U);
    EXPECT_EQ(t.entries()[2].bytes, "a");
}

TEST(Transcript, HeldBytesAreBounded) {
    transcript t;
    t.record_rx(std::string(transcript::max_held, 'x'));
    EXPECT_EQ(t.entries().size(), 1U);
}

TEST(Transcript, MarkAndSinceGiveOneTestsPart) {
    transcript t;
    t.record_tx("AT+FIRST\r");
    const auto m = t.mark();
    t.record_tx("AT+SECOND\r");
    const auto part = t.since(m);
    EXPECT_EQ(part.find("FIRST"), std::string::npos);
    EXPECT_NE(part.find("SECOND"), std::string::npos);
    t.clear();
    EXPECT_EQ(t.render(), "");
    t.record_tx("AT+THIRD\r");
    EXPECT_NE(t.since(m).find("THIRD"), std::string::npos); // an old mark means everything
}

TEST(Transcript, PrintableIsOneRedactedLine) {
    transcript t;
    t.register_secret("pw1");
    EXPECT_EQ(t.printable("a\r\npw1\x01"), "a<CR><LF>******\\x01");
}

TEST(Redactor, SensitiveValuesAndRegisteredSecrets) {
    redactor r;
    r.register_secret("abc");
    r.register_secret("abcdef");
    r.register_secret("");
    EXPECT_EQ(r.redact("AT+MQTTPSW=p,w\r"), "AT+MQTTPSW=******\r");
    EXPECT_EQ(r.redact("at+mqttpsw=lower\r"), "at+mqttpsw=******\r");
    EXPECT_EQ(r.redact("AT+MQTTPSW=?\r"), "AT+MQTTPSW=?\r");
    EXPECT_EQ(r.redact("AT+MQTTPSW=\r"), "AT+MQTTPSW=\r");
    EXPECT_EQ(r.redact("usr.cn#AT+ALIDEVSEC=s\r\n"), "usr.cn#AT+ALIDEVSEC=******\r\n");
    EXPECT_EQ(r.redact("AT+SSLCRT=2,KEY\r"), "AT+SSLCRT=2,******\r");
    EXPECT_EQ(r.redact("AT+SSLCRT=0,CERT\r"), "AT+SSLCRT=0,CERT\r");
    EXPECT_EQ(r.redact("\r\n+ALIDEVSEC:x\r\n+ALIREGION:cn\r\n"),
              "\r\n+ALIDEVSEC:******\r\n+ALIREGION:cn\r\n");
    EXPECT_EQ(r.redact("x abcdef y abc"), "x ****** y ******");
}

// Values seen after their markers are hidden wherever they appear later; short values and
// public ones (factory defaults printed in the manual) are not.
TEST(Redactor, LearnsValuesSetOrReadBack) {
    redactor r;
    r.declare_public("usr.cn");
    r.learn("AT+MQTTPSW=\"Set7Secret\"\r\r\n+ALIDEVSEC:Read7Secret\r\nOK\r\n");
    r.learn("+MQTTPSW:usr.cn\r\n+MQTTPSW:abc\r\nAT+MQTTPSW=?\r");
    EXPECT_EQ(r.redact("x Set7Secret y \"Set7Secret\" z Read7Secret"),
              "x ****** y ****** z ******");
    EXPECT_EQ(r.redact("usr.cn#AT+VER abc"), "usr.cn#AT+VER abc");
    EXPECT_EQ(r.redact("+MQTTPSW:usr.cn"), "+MQTTPSW:******"); // still hidden after its marker
}

// The transcript learns through the run's redactor: a password the module read back is hidden
// from then on in every text of the run, the transcript's and any other.
TEST(Transcript, SecretReadBackIsHiddenRunWide) {
    transcript t;
    t.record_tx("AT+MQTTPSW?\r");
    t.record_rx("\r\n+MQTTPSW:Rb7ReadBackPw\r\n\r\nOK\r\n");
    EXPECT_EQ(t.render().find("Rb7ReadBackPw"), std::string::npos);
    EXPECT_EQ(t.printable("got Rb7ReadBackPw"), "got ******");
    EXPECT_EQ(run_redactor().redact("got Rb7ReadBackPw"), "got ******");
}

TEST(AtResponse, InfoBodyAndFinalText) {
    at_response r;
    r.lines = {"+MQTTPUBTP:", "1,1,/PubTopic1,0,0,0", "2,0,/PubTopic2,0,0,0"};
    r.final = final_kind::ok;
    EXPECT_EQ(r.info("MQTTPUBTP"), "");
    EXPECT_FALSE(r.info("MQTTSUBTP").has_value());
    EXPECT_EQ(r.body(), (std::vector<std::string>{"1,1,/PubTopic1,0,0,0", "2,0,/PubTopic2,0,0,0"}));
    EXPECT_EQ(r.final_text(), "OK");
    r.lines = {"+CSQ: 20,99"};
    EXPECT_EQ(r.info("CSQ"), "20,99");
    EXPECT_TRUE(r.body().empty());
    r.final = final_kind::cme_error;
    r.cme_code = 50;
    EXPECT_EQ(r.final_text(), "+CME ERROR:50");
    EXPECT_TRUE(r.is_error());
    EXPECT_FALSE(r.ok());
}

} // namespace
} // namespace athil::session
