// Every response form of MANUAL.md fed whole, split at every byte position, one byte at a time
// and in seeded random chunks: the events must not depend on the chunking.

#include "harness/at/framer.hpp"
#include "harness/at/line_classifier.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace athil::at {

void PrintTo(const event& e, std::ostream* os) {
    *os << to_string(e.kind) << "{text=\"" << e.text << "\" name=\"" << e.name << "\" value=\""
        << e.value << "\" cme=" << e.cme_code << "}";
}

namespace {

struct framer_case {
    std::string name;
    std::string input;
    std::vector<event> expected;
    framer_mode mode = framer_mode::command;
    std::string echo;                       // expect_echo() before feeding, when not empty
    std::optional<framer_mode> after_final; // the handler switches mode on a final result
    std::size_t max_line = framer::default_max_line;
};

event ev(event_kind kind, std::string text) {
    return event{.kind = kind, .text = std::move(text)};
}
event ok() {
    return ev(event_kind::final_ok, "OK");
}
event echo(std::string text) {
    return ev(event_kind::echo, std::move(text));
}
event text(std::string t) {
    return ev(event_kind::text, std::move(t));
}
event data(std::string t) {
    return ev(event_kind::data, std::move(t));
}
event info(std::string name, std::string value, std::string line) {
    return event{.kind = event_kind::info,
                 .text = std::move(line),
                 .name = std::move(name),
                 .value = std::move(value)};
}
event cme(int code, std::string line) {
    return event{.kind = event_kind::final_cme_error, .text = std::move(line), .cme_code = code};
}

// Data events are cut where the chunks are cut; join neighbours so chunkings compare equal.
std::vector<event> run(const framer_case& c, const std::vector<std::string>& chunks) {
    framer f(c.max_line);
    f.set_mode(c.mode);
    if (!c.echo.empty()) {
        f.expect_echo(c.echo);
    }
    std::vector<event> out;
    const auto on_event = [&](const event& e) {
        if (e.kind == event_kind::data && !out.empty() && out.back().kind == event_kind::data) {
            out.back().text += e.text;
        } else {
            out.push_back(e);
        }
        if (e.is_final() && c.after_final) {
            f.set_mode(*c.after_final);
        }
    };
    for (const auto& chunk : chunks) {
        f.feed(chunk, on_event);
    }
    return out;
}

std::string crlf(std::string_view line) {
    return "\r\n" + std::string(line) + "\r\n";
}

std::vector<framer_case> manual_cases() {
    std::vector<framer_case> cases;
    cases.push_back({"QueryWithEcho",
                     "AT+MQTTCFG?\r\n" + crlf("+MQTTCFG:60,0") + crlf("OK"),
                     {echo("AT+MQTTCFG?"), info("MQTTCFG", "60,0", "+MQTTCFG:60,0"), ok()},
                     framer_mode::command,
                     "AT+MQTTCFG?"});
    cases.push_back({"SetWithEcho",
                     "AT+MQTTCFG=120,0\r\n" + crlf("OK"),
                     {echo("AT+MQTTCFG=120,0"), ok()},
                     framer_mode::command,
                     "AT+MQTTCFG=120,0"});
    cases.push_back({"EchoOffQuery",
                     crlf("+WKMOD:NET") + crlf("OK"),
                     {info("WKMOD", "NET", "+WKMOD:NET"), ok()},
                     framer_mode::command,
                     "AT+WKMOD"});
    cases.push_back(
        {"TestForm",
         crlf("+MQTTPUBTP:<1~10>[,<0,1>,<1~128 bytes>,<0,1,2>,<0,1>][,<0,1>]") + crlf("OK"),
         {info("MQTTPUBTP", "<1~10>[,<0,1>,<1~128 bytes>,<0,1,2>,<0,1>][,<0,1>]",
               "+MQTTPUBTP:<1~10>[,<0,1>,<1~128 bytes>,<0,1,2>,<0,1>][,<0,1>]"),
          ok()}});
    for (const std::string cmd : {"MQTTPUBTP", "MQTTSUBTP"}) {
        framer_case c{"MultiLine" + cmd, "AT+" + cmd + "\r\n\r\n+" + cmd + ":\r\n", {}};
        c.echo = "AT+" + cmd;
        c.expected.push_back(echo(c.echo));
        c.expected.push_back(info(cmd, "", "+" + cmd + ":"));
        const std::string stem = cmd == "MQTTPUBTP" ? "/PubTopic" : "/SubTopic";
        const std::string tail = cmd == "MQTTPUBTP" ? ",0,0,0" : ",0";
        for (int slot = 1; slot <= 10; ++slot) {
            const std::string n = std::to_string(slot);
            const std::string line = n + (slot == 1 ? ",1," : ",0,") + stem + n + tail;
            c.input += line + "\r\n";
            c.expected.push_back(text(line));
        }
        c.input += crlf("OK");
        c.expected.push_back(ok());
        cases.push_back(c);
    }
    {
        // Query answers of MANUAL.md 2.x and S, including the errata a real module may show.
        framer_case c{"ManualQueryAnswers", "", {}};
        const std::vector<std::pair<std::string, std::string>> answers = {
            {"WKMOD", "<CMD,NET,HTTPD,MQTT(NOR,ALI)>"},
            {"WKMOD", "MQTT,NOR"},
            {"MQTTWILL", "0,/will,0,0,offline"},
            {"MQTTSVR", "mqtt.usr.cn,1883"},
            {"MQTTCID", "02400122052700000529"},
            {"MQTTUSER", "usr.cn"},
            {"SSLCFG", "OFF,OFF,OFF,OFF"},
            {"HTTPSCRT", "<0~2>,<1~2900 bytes>"},
            {"VER", "V1.3.25.000000.0000"},
            {"IMEI", "861234567890123"},
            {"UARTFT", "50"}};
        for (const auto& [name, value] : answers) {
            const std::string line = "+" + name + ":" + value;
            c.input += crlf(line) + crlf("OK");
            c.expected.push_back(info(name, value, line));
            c.expected.push_back(ok());
        }
        c.input += crlf("+SSLEN: OFF"); // erratum E.5: the verbatim line keeps the space
        c.expected.push_back(info("SSLEN", "OFF", "+SSLEN: OFF"));
        cases.push_back(c);
    }
    cases.push_back({"CmeError",
                     "AT+FOO\r\n" + crlf("+CME ERROR:58"),
                     {echo("AT+FOO"), cme(58, "+CME ERROR:58")},
                     framer_mode::command,
                     "AT+FOO"});
    cases.push_back({"CmeErrorWithSpace", crlf("+CME ERROR: 50"), {cme(50, "+CME ERROR: 50")}});
    cases.push_back({"CmeErrorUnparsable", crlf("+CME ERROR:x"), {cme(-1, "+CME ERROR:x")}});
    cases.push_back({"PlainError", crlf("ERROR"), {ev(event_kind::final_error, "ERROR")}});
    cases.push_back({"CsqWithSpace",
                     crlf("+CSQ: 20,99") + crlf("OK"),
                     {info("CSQ", "20,99", "+CSQ: 20,99"), ok()}});
    cases.push_back({"EmptyValue",
                     crlf("+ALIREGION:") + crlf("OK"),
                     {info("ALIREGION", "", "+ALIREGION:"), ok()}});
    cases.push_back({"QuotedState",
                     crlf("+MQTTSTA:\"DISCONNECTION\"") + crlf("OK"),
                     {info("MQTTSTA", "\"DISCONNECTION\"", "+MQTTSTA:\"DISCONNECTION\""), ok()}});
    cases.push_back({"BootBannerThenResponse",
                     crlf("WH-GM5") + "AT\r\n" + crlf("OK"),
                     {text("WH-GM5"), echo("AT"), ok()},
                     framer_mode::command,
                     "AT"});
    cases.push_back({"EchoMatchedOnce",
                     "AT\r\nAT\r\nOK\r\nAT\r\n",
                     {echo("AT"), text("AT"), ok(), text("AT")},
                     framer_mode::command,
                     "AT"});
    cases.push_back({"BareCrAndBareLf",
                     "OK\rERROR\n+E:ON\r\r\n\n\rOK\n",
                     {ok(), ev(event_kind::final_error, "ERROR"), info("E", "ON", "+E:ON"), ok()}});
    cases.push_back({"NotInfoLines",
                     crlf("+") + crlf("+:x") + crlf("+ok") + crlf("+A B:1"),
                     {text("+"), text("+:x"), text("+ok"), text("+A B:1")}});
    const std::string binary("hello\r\n+++\0\xff world", 19);
    cases.push_back({"DataMode", binary, {data(binary)}, framer_mode::data});
    cases.push_back({"DataModeKeepsLeadingLf", "\nabc", {data("\nabc")}, framer_mode::data});
    cases.push_back({"EntmThenData",
                     "AT+ENTM\r\n\r\nOK\r\npayload\r\nOK\r\n",
                     {echo("AT+ENTM"), ok(), data("payload\r\nOK\r\n")},
                     framer_mode::command,
                     "AT+ENTM",
                     framer_mode::data});
    cases.push_back({"HandshakeSimulator",
                     "a+ok\r\nOK\r\n",
                     {ev(event_kind::handshake_a, "a"), ev(event_kind::handshake_ok, "+ok"), ok()},
                     framer_mode::handshake});
    cases.push_back({"HandshakeWithLineEnds",
                     "\r\na\r\n\r\n+ok\r\n",
                     {ev(event_kind::handshake_a, "a"), ev(event_kind::handshake_ok, "+ok")},
                     framer_mode::handshake});
    cases.push_back({"HandshakeAlreadyInCommandMode",
                     crlf("+CME ERROR:58") + crlf("+E:ON"),
                     {cme(58, "+CME ERROR:58"), info("E", "ON", "+E:ON")},
                     framer_mode::handshake});
    cases.push_back({"HandshakeOtherLines",
                     "+++\r\nba\r\n+o\r\nERROR\r\n",
                     {text("+++"), text("ba"), text("+o"), ev(event_kind::final_error, "ERROR")},
                     framer_mode::handshake});
    cases.push_back({"OverlongLine",
                     std::string(40, 'x') + "\r\n" + crlf("OK"),
                     {ev(event_kind::overlong, std::string(16, 'x')), ok()}});
    cases.back().max_line = 16;
    cases.push_back(
        {"LineAtLimitIsKept", std::string(16, 'y') + "\r\n", {text(std::string(16, 'y'))}});
    cases.back().max_line = 16;
    cases.push_back(
        {"OverlongInHandshake",
         "+" + std::string(30, 'z') + "\r\na",
         {ev(event_kind::overlong, "+" + std::string(15, 'z')), ev(event_kind::handshake_a, "a")},
         framer_mode::handshake});
    cases.back().max_line = 16;
    return cases;
}

void PrintTo(const framer_case& c, std::ostream* os) {
    *os << c.name;
}

class framer_chunking : public testing::TestWithParam<framer_case> {};

TEST_P(framer_chunking, WholeInputGivesExpectedEvents) {
    EXPECT_EQ(run(GetParam(), {GetParam().input}), GetParam().expected);
}

TEST_P(framer_chunking, EverySplitPositionGivesSameEvents) {
    const auto& c = GetParam();
    for (std::size_t at = 0; at <= c.input.size(); ++at) {
        EXPECT_EQ(run(c, {c.input.substr(0, at), c.input.substr(at)}), c.expected)
            << "split at " << at;
    }
}

TEST_P(framer_chunking, OneByteAtATimeGivesSameEvents) {
    const auto& c = GetParam();
    std::vector<std::string> chunks;
    for (const char b : c.input) {
        chunks.emplace_back(1, b);
    }
    EXPECT_EQ(run(c, chunks), c.expected);
}

TEST_P(framer_chunking, RandomChunksGiveSameEvents) {
    const auto& c = GetParam();
    std::mt19937 rng(20260101U); // seeded: a failure is reproducible
    for (int round = 0; round < 200; ++round) {
        std::vector<std::string> chunks;
        std::size_t pos = 0;
        while (pos < c.input.size()) {
            std::uniform_int_distribution<std::size_t> len(1, 9);
            const std::size_t n = std::min(len(rng), c.input.size() - pos);
            chunks.push_back(c.input.substr(pos, n));
            pos += n;
        }
        ASSERT_EQ(run(c, chunks), c.expected) << "round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(Manual, framer_chunking, testing::ValuesIn(manual_cases()),
                         [](const auto& p) { return p.param.name; });

// Random bytes rich in CR, LF, '+', 'a' and final-result text, in every mode and with a small
// line limit: chunking never changes the events, and no event exceeds the limit.
TEST(Framer, RandomInputIsChunkIndependentAndBounded) {
    std::mt19937 rng(1606U);
    const std::string alphabet = "\r\n+aokOKERRORCME :,0123456789x\xff";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<std::size_t> len(1, 13);
    for (const auto mode : {framer_mode::command, framer_mode::handshake}) {
        for (int round = 0; round < 100; ++round) {
            framer_case c{"Random", "", {}, mode};
            c.max_line = 24;
            for (int i = 0; i < 2000; ++i) {
                c.input.push_back(alphabet[pick(rng)]);
            }
            const auto whole = run(c, {c.input});
            for (const auto& e : whole) {
                ASSERT_LE(e.text.size(), c.max_line);
            }
            std::vector<std::string> chunks;
            for (std::size_t pos = 0; pos < c.input.size();) {
                const std::size_t n = std::min(len(rng), c.input.size() - pos);
                chunks.push_back(c.input.substr(pos, n));
                pos += n;
            }
            ASSERT_EQ(run(c, chunks), whole) << "round " << round;
        }
    }
}

TEST(Framer, PartialLineStaysPendingUntilTaken) {
    framer f;
    EXPECT_TRUE(f.feed("\r\nWH-GM").empty());
    EXPECT_EQ(f.pending(), "WH-GM");
    EXPECT_EQ(f.take_pending(), "WH-GM");
    EXPECT_EQ(f.feed("5\r\n"), std::vector<event>{text("5")});
}

TEST(Framer, FinalResultDisarmsEcho) {
    framer f;
    f.expect_echo("AT");
    EXPECT_EQ(f.feed("OK\r\nAT\r\n"), (std::vector<event>{ok(), text("AT")}));
}

TEST(Framer, SimulatorPlusOkSwitchesToCommandMode) {
    framer f;
    f.set_mode(framer_mode::handshake);
    (void)f.feed("a+ok");
    EXPECT_EQ(f.mode(), framer_mode::command);
}

TEST(Framer, SetModeDropsPartialLine) {
    framer f;
    (void)f.feed("+MQTT");
    f.set_mode(framer_mode::data);
    EXPECT_EQ(f.pending(), "");
    EXPECT_EQ(f.feed("x"), std::vector<event>{data("x")});
}

TEST(LineClassifier, ParsesInfoLineParts) {
    const auto parsed = parse_info_line("+MQTTSVR:mqtt.usr.cn,1883");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->name, "MQTTSVR");
    EXPECT_EQ(parsed->value, "mqtt.usr.cn,1883");
    EXPECT_FALSE(parse_info_line("1,1,/PubTopic1,0,0,0").has_value());
    EXPECT_FALSE(parse_info_line("+CME ERROR:58").has_value());
}

} // namespace
} // namespace athil::at
