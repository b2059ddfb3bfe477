// Telnet/RFC 2217 byte handling without sockets: parsing split at every byte, escaping, and the
// client's answers to a server's negotiations.

#include "harness/link/rfc2217_client.hpp"
#include "harness/link/telnet.hpp"

#include <gtest/gtest.h>

#include <random>

namespace athil::link {
namespace {

using namespace telnet;

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values) {
        out.push_back(static_cast<char>(v));
    }
    return out;
}

struct parsed {
    std::string data;
    std::vector<command> commands;
};

parsed parse_in_chunks(std::string_view input, const std::vector<std::size_t>& cuts) {
    parser p;
    parsed out;
    std::size_t from = 0;
    for (const auto cut : cuts) {
        p.feed(input.substr(from, cut - from), out.data, out.commands);
        from = cut;
    }
    p.feed(input.substr(from), out.data, out.commands);
    return out;
}

// A stream with every construct: data, escaped 0xFF, negotiations, a bare command, and a
// subnegotiation whose payload holds an escaped 0xFF.
const std::string mixed = "AT\r" + bytes({iac, iac}) + "x" + bytes({iac, verb_do, opt_com_port}) +
                          bytes({iac, nop}) + "y" +
                          bytes({iac, sb, opt_com_port, 101, 0, 1, 0xC2, iac, iac, iac, se}) +
                          "OK" + bytes({iac, will, opt_binary});

TEST(TelnetParser, SeparatesDataAndCommands) {
    const auto out = parse_in_chunks(mixed, {});
    EXPECT_EQ(out.data, "AT\r\xFFxyOK");
    const std::vector<command> expected{
        {.verb = verb_do, .option = opt_com_port},
        {.verb = nop},
        {.verb = sb, .option = opt_com_port, .payload = bytes({101, 0, 1, 0xC2, 0xFF})},
        {.verb = will, .option = opt_binary}};
    EXPECT_EQ(out.commands, expected);
}

TEST(TelnetParser, EverySplitGivesTheSameResult) {
    const auto whole = parse_in_chunks(mixed, {});
    for (std::size_t cut = 0; cut <= mixed.size(); ++cut) {
        const auto split = parse_in_chunks(mixed, {cut});
        EXPECT_EQ(split.data, whole.data) << cut;
        EXPECT_EQ(split.commands, whole.commands) << cut;
    }
}

TEST(TelnetParser, RandomBytesInRandomChunksAreBoundedAndChunkIndependent) {
    std::mt19937 rng(2217U);
    std::uniform_int_distribution<int> any_byte(0, 255);
    for (int round = 0; round < 200; ++round) {
        std::string input;
        for (int i = 0; i < 3000; ++i) {
            // Bias towards IAC so commands and subnegotiations really occur.
            input.push_back(static_cast<char>(any_byte(rng) < 64 ? iac : any_byte(rng)));
        }
        std::vector<std::size_t> cuts;
        for (std::size_t at = 0; at < input.size();
             at += 1 + static_cast<std::size_t>(any_byte(rng) % 17)) {
            cuts.push_back(at);
        }
        const auto whole = parse_in_chunks(input, {});
        const auto chunked = parse_in_chunks(input, cuts);
        ASSERT_EQ(chunked.data, whole.data);
        ASSERT_EQ(chunked.commands, whole.commands);
        for (const auto& c : whole.commands) {
            ASSERT_LE(c.payload.size(), parser::max_payload);
        }
    }
}

TEST(Telnet, EscapeDoublesIacOnly) {
    EXPECT_EQ(escape(bytes({'a', 0xFF, 0, 0xFE, 0xFF, 0xFF})),
              bytes({'a', 0xFF, 0xFF, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF}));
    std::string round_trip;
    std::vector<command> none;
    parser p;
    p.feed(escape(bytes({0xFF, 1, 0xFF})), round_trip, none);
    EXPECT_EQ(round_trip, bytes({0xFF, 1, 0xFF}));
    EXPECT_TRUE(none.empty());
}

TEST(Rfc2217Client, OffersComPortBinaryAndSuppressGoAhead) {
    EXPECT_EQ(rfc2217_client::offers(),
              bytes({iac, will, 44, iac, will, 0, iac, verb_do, 0, iac, will, 3, iac, verb_do, 3}));
}

TEST(Rfc2217Client, PortSettingsAre8N1WithoutFlowControl) {
    EXPECT_EQ(rfc2217_client::port_settings(115200),
              bytes({iac, sb, 44, 1, 0, 1,   0xC2, 0, iac, se, // SET-BAUDRATE 115200
                     iac, sb, 44, 2, 8, iac, se,               // SET-DATASIZE 8
                     iac, sb, 44, 3, 1, iac, se,               // SET-PARITY NONE
                     iac, sb, 44, 4, 1, iac, se,               // SET-STOPSIZE 1
                     iac, sb, 44, 5, 1, iac, se}));            // SET-CONTROL no flow control
}

TEST(Rfc2217Client, BaudBytesEqualToIacAreEscaped) {
    const auto settings = rfc2217_client::port_settings(0x0000FFFF);
    EXPECT_EQ(settings.substr(0, 12),
              bytes({iac, sb, 44, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, iac, se}));
}

TEST(Rfc2217Client, AcceptanceIsAcknowledgedSilently) {
    rfc2217_client client;
    std::string data;
    std::string replies;
    EXPECT_EQ(client.state(), rfc2217_client::com_port_state::offered);
    client.receive(bytes({iac, verb_do, 44, iac, verb_do, 0, iac, will, 0, iac, will, 3}), data,
                   replies);
    EXPECT_EQ(client.state(), rfc2217_client::com_port_state::accepted);
    EXPECT_TRUE(replies.empty());
    EXPECT_TRUE(data.empty());
}

TEST(Rfc2217Client, UnknownOptionsAreRefused) {
    rfc2217_client client;
    std::string data;
    std::string replies;
    client.receive(bytes({iac, verb_do, 24, iac, will, 1, 'h', 'i'}), data, replies);
    EXPECT_EQ(replies, bytes({iac, wont, 24, iac, dont, 1}));
    EXPECT_EQ(data, "hi");
}

TEST(Rfc2217Client, RefusalIsReported) {
    rfc2217_client client;
    std::string data;
    std::string replies;
    client.receive(bytes({iac, dont, 44}), data, replies);
    EXPECT_EQ(client.state(), rfc2217_client::com_port_state::refused);
    EXPECT_TRUE(replies.empty()); // it was only offered, never enabled
}

TEST(Rfc2217Client, DisablingAnEnabledOptionIsAcknowledged) {
    rfc2217_client client;
    std::string data;
    std::string replies;
    client.receive(bytes({iac, verb_do, 0, iac, will, 3}), data, replies);
    client.receive(bytes({iac, dont, 0, iac, wont, 3}), data, replies);
    EXPECT_EQ(replies, bytes({iac, wont, 0, iac, dont, 3}));
}

TEST(Rfc2217Client, RecordsTheServersPortSettings) {
    rfc2217_client client;
    std::string data;
    std::string replies;
    client.receive(bytes({iac, sb,  44, 101, 0,  0,   0x25, 0x80, iac, se, iac, sb,
                          44,  102, 8,  iac, se, iac, sb,   44,   105, 1,  iac, se}),
                   data, replies);
    EXPECT_EQ(client.server_baud(), 9600U);
    EXPECT_EQ(client.server_setting(rfc2217::set_datasize), 8);
    EXPECT_EQ(client.server_setting(rfc2217::set_control), 1);
    EXPECT_FALSE(client.server_setting(rfc2217::set_parity).has_value());
    EXPECT_FALSE(client.server_setting(9).has_value());
}

} // namespace
} // namespace athil::link
