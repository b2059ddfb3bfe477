// The wire monitor: a conforming exchange passes, and every statement the coverage table says
// the monitor checks is flagged by a stream that breaks it (and named by its id).

#include "harness/mqtt/codec.hpp"
#include "harness/mqtt/statements.hpp"
#include "harness/mqtt/wire_monitor.hpp"
#include "hex.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

namespace {

using namespace athil::mqtt;
using athil::mqtt::test::from_hex;

// A scripted exchange on connections 0, 1, ...; each step is one packet or one decoder error.
class exchange {
public:
    exchange& client(const packet& p, std::size_t conn = 0) {
        monitor_.on_packet(conn, sender::client, {}, p);
        return *this;
    }
    exchange& server(const packet& p, std::size_t conn = 0) {
        monitor_.on_packet(conn, sender::server, {}, p);
        return *this;
    }
    // The client's bytes through the real decoder: a rejected packet reaches the monitor as
    // the decoder's sentence, as the tap reports it.
    exchange& client_bytes(const std::string& hex, std::size_t conn = 0) {
        auto& d = decoders_[conn];
        d.feed(from_hex(hex));
        try {
            while (auto p = d.next()) {
                client(*p, conn);
            }
        } catch (const athil::athil_error& e) {
            monitor_.on_malformed(conn, sender::client, {}, e.what());
        }
        return *this;
    }
    exchange& connected(std::size_t conn = 0, bool clean = true, std::uint8_t level = 4) {
        connect_packet c;
        c.client_id = "m1";
        c.clean_session = clean;
        c.protocol_level = level;
        c.protocol_name = level == 4 ? "MQTT" : "MQIsdp";
        client(c, conn);
        return server(connack_packet{}, conn);
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& v : monitor_.violations()) {
            out.push_back(v.statement);
        }
        return out;
    }

private:
    wire_monitor monitor_;
    std::map<std::size_t, stream_decoder> decoders_;
};

publish_packet pub(std::uint8_t qos, std::uint16_t id, std::string topic = "/a", bool dup = false) {
    publish_packet p;
    p.qos = qos;
    p.packet_id = id;
    p.topic = std::move(topic);
    p.dup = dup;
    p.payload = "x";
    return p;
}

TEST(WireMonitor, ConformingExchangeHasNoViolation) {
    exchange e;
    e.connected()
        .client(subscribe_packet{1, {{"/s/#", 1}, {"+/b", 0}}})
        .server(suback_packet{1, {1, 0}})
        .client(pub(1, 2))
        .client(pub(2, 3))
        .server(puback_packet{2})
        .server(pubrec_packet{3})
        .client(pubrel_packet{3})
        .server(pubcomp_packet{3})
        .client(pub(1, 2)) // free again after its PUBACK
        .server(puback_packet{2})
        .server(pub(1, 7, "/s/x"))
        .server(pub(2, 8, "/s/y"))
        .client(puback_packet{7})
        .client(pubrec_packet{8})
        .server(pub(2, 8, "/s/y", true)) // redelivered before PUBREL: PUBREC again
        .client(pubrec_packet{8})
        .server(pubrel_packet{8})
        .client(pubcomp_packet{8})
        .client(unsubscribe_packet{4, {"/s/#"}})
        .server(unsuback_packet{4})
        .client(pingreq_packet{})
        .server(pingresp_packet{})
        .client(disconnect_packet{});
    EXPECT_TRUE(e.ids().empty()) << e.ids().front();
}

TEST(WireMonitor, SessionCarriesAcrossCleanSession0Reconnect) {
    exchange e;
    e.connected(0, false).client(pub(2, 5)).server(pubrec_packet{5}).client(pub(1, 6));
    // The link drops; the client resends PUBREL 5 and PUBLISH 6 (DUP) on the new connection.
    e.connected(1, false).client(pubrel_packet{5}, 1).client(pub(1, 6, "/a", true), 1);
    EXPECT_TRUE(e.ids().empty()) << e.ids().front();
}

TEST(WireMonitor, ThirtyOneLeniencyStaysWithTheDecoder) {
    exchange e;
    // MQIsdp/3 with the password flag and no user name flag: allowed by 3.1.
    e.client_bytes("10 13 00 06 4D 51 49 73 64 70 03 42 00 3C 00 02 6D 31 00 01 70");
    EXPECT_TRUE(e.ids().empty()) << e.ids().front();
}

TEST(WireMonitor, StatementIdFromDecoderSentence) {
    EXPECT_EQ(statement_of_decode_error("malformed MQTT SUBSCRIBE: x [MQTT-3.8.1-1]"),
              "MQTT-3.8.1-1");
    EXPECT_EQ(statement_of_decode_error("malformed MQTT PUBACK: ends before packet identifier"),
              "§2");
}

TEST(WireMonitor, ServerErrorsAreNotTheModules) {
    wire_monitor m;
    m.on_malformed(0, sender::server, {}, "malformed MQTT CONNACK: x [MQTT-2.2.2-1]");
    EXPECT_TRUE(m.violations().empty());
}

TEST(WireMonitor, ViolationNamesConnectionPacketAndText) {
    wire_monitor m;
    connect_packet c;
    c.client_id = "m";
    m.on_packet(3, sender::client, {}, c);
    m.on_packet(3, sender::client, {}, pub(0, 0, "/t", true));
    ASSERT_EQ(m.violations().size(), 1u);
    const auto& v = m.violations().front();
    EXPECT_EQ(v.statement, "MQTT-3.3.1-2");
    EXPECT_EQ(v.connection, 3u);
    EXPECT_EQ(v.from, sender::client);
    EXPECT_NE(v.packet.find("PUBLISH"), std::string::npos);
    EXPECT_NE(v.text.find("DUP"), std::string::npos);
}

// One stream per monitored statement that breaks it; the test below checks this map covers
// every `monitor` row of the table, so a row cannot claim a check that does not exist.
const std::map<std::string, std::function<void(exchange&)>>& breakers() {
    static const std::map<std::string, std::function<void(exchange&)>> m{
        {"§2",
         [](exchange& e) {
             e.connected().client_bytes("40 01 00");
         }},
        {"MQTT-1.5.3-1",
         [](exchange& e) {
             connect_packet c;
             c.client_id = "m";
             will_message w{"/w", "x"};
             c.will = w;
             c.username = std::string("\xED\xA0\x80"); // a surrogate
             e.client(c);
         }},
        {"MQTT-1.5.3-2",
         [](exchange& e) {
             connect_packet c;
             c.client_id = std::string("m\0", 2);
             e.client(c);
         }},
        {"MQTT-2.2.2-1",
         [](exchange& e) {
             e.connected().client_bytes("C1 00");
         }},
        {"MQTT-2.3.1-1",
         [](exchange& e) {
             e.connected().client_bytes("32 05 00 01 61 00 00");
         }},
        {"MQTT-2.3.1-2",
         [](exchange& e) {
             e.connected().client(pub(1, 4)).client(pub(1, 4, "/other"));
         }},
        {"MQTT-2.3.1-6",
         [](exchange& e) {
             e.connected().client(puback_packet{9});
         }},
        {"MQTT-3.1.0-1",
         [](exchange& e) {
             e.client(pingreq_packet{});
         }},
        {"MQTT-3.1.0-2",
         [](exchange& e) {
             e.connected().connected();
         }},
        {"MQTT-3.1.2-3",
         [](exchange& e) {
             e.client_bytes("10 0E 00 04 4D 51 54 54 04 03 00 3C 00 02 63 31");
         }},
        {"MQTT-3.1.2-9",
         [](exchange& e) {
             e.client_bytes("10 0D 00 04 4D 51 54 54 04 06 00 3C 00 01 71");
         }},
        {"MQTT-3.1.2-11",
         [](exchange& e) {
             e.client_bytes("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 01 71 00 00");
         }},
        {"MQTT-3.1.2-13",
         [](exchange& e) {
             e.client_bytes("10 0D 00 04 4D 51 54 54 04 0A 00 3C 00 01 71");
         }},
        {"MQTT-3.1.2-14",
         [](exchange& e) {
             e.client_bytes("10 13 00 04 4D 51 54 54 04 1E 00 3C 00 01 71 00 01 74 00 01 6D");
         }},
        {"MQTT-3.1.2-15",
         [](exchange& e) {
             e.client_bytes("10 0D 00 04 4D 51 54 54 04 22 00 3C 00 01 71");
         }},
        {"MQTT-3.1.2-18",
         [](exchange& e) {
             e.client_bytes("10 14 00 04 4D 51 54 54 04 06 00 3C 00 01 71 00 01 74 00 01 6D 00");
         }},
        {"MQTT-3.1.2-19",
         [](exchange& e) {
             e.client_bytes("10 0D 00 04 4D 51 54 54 04 82 00 3C 00 01 71");
         }},
        {"MQTT-3.1.2-20",
         [](exchange& e) {
             e.client_bytes("10 11 00 04 4D 51 54 54 04 82 00 3C 00 01 71 00 01 75 00");
         }},
        {"MQTT-3.1.2-21",
         [](exchange& e) {
             e.client_bytes("10 10 00 04 4D 51 54 54 04 C2 00 3C 00 01 71 00 01 75");
         }},
        {"MQTT-3.1.2-22",
         [](exchange& e) {
             e.client_bytes("10 10 00 04 4D 51 54 54 04 42 00 3C 00 01 71 00 01 70");
         }},
        {"MQTT-3.1.3-4",
         [](exchange& e) {
             connect_packet c;
             c.client_id = "\xC0\xAF"; // overlong '/'
             e.client(c);
         }},
        {"MQTT-3.1.3-7",
         [](exchange& e) {
             connect_packet c;
             c.clean_session = false;
             e.client(c);
         }},
        {"MQTT-3.1.3-10",
         [](exchange& e) {
             connect_packet c;
             c.client_id = "m";
             c.will = will_message{"\xFF", "x"};
             e.client(c);
         }},
        {"MQTT-3.1.3-11",
         [](exchange& e) {
             connect_packet c;
             c.client_id = "m";
             c.username = std::string("\xE2\x82");
             e.client(c);
         }},
        {"MQTT-3.3.1-1",
         [](exchange& e) {
             e.connected(0, false).client(pub(1, 4));
             e.connected(1, false).client(pub(1, 4), 1); // re-sent after a reconnect, DUP 0
         }},
        {"MQTT-3.3.1-2",
         [](exchange& e) {
             e.connected().client(pub(0, 0, "/a", true));
         }},
        {"MQTT-3.3.1-4",
         [](exchange& e) {
             e.connected().client_bytes("36 05 00 01 61 00 01");
         }},
        {"MQTT-3.3.2-1",
         [](exchange& e) {
             e.connected().client(pub(0, 0, "\xFE"));
         }},
        {"MQTT-3.3.2-2",
         [](exchange& e) {
             e.connected().client(pub(0, 0, "/a/+"));
         }},
        {"MQTT-3.6.1-1",
         [](exchange& e) {
             e.connected().client_bytes("60 02 00 01");
         }},
        {"MQTT-3.8.1-1",
         [](exchange& e) {
             e.connected().client_bytes("80 06 00 01 00 01 61 00");
         }},
        {"MQTT-3.8.3-1",
         [](exchange& e) {
             e.connected().client(subscribe_packet{1, {{"\xC3", 0}}});
         }},
        {"MQTT-3.8.3-3",
         [](exchange& e) {
             e.connected().client_bytes("82 02 00 01");
         }},
        {"MQTT-3.8.3-4",
         [](exchange& e) {
             e.connected().client_bytes("82 06 00 01 00 01 61 03");
         }},
        {"MQTT-3.10.1-1",
         [](exchange& e) {
             e.connected().client_bytes("A0 05 00 01 00 01 61");
         }},
        {"MQTT-3.10.3-1",
         [](exchange& e) {
             e.connected().client(unsubscribe_packet{1, {"\xC3"}});
         }},
        {"MQTT-3.10.3-2",
         [](exchange& e) {
             e.connected().client_bytes("A2 02 00 01");
         }},
        {"MQTT-3.14.1-1",
         [](exchange& e) {
             e.connected().client_bytes("E2 00");
         }},
        {"MQTT-3.14.4-2",
         [](exchange& e) {
             e.connected().client(disconnect_packet{}).client(pingreq_packet{});
         }},
        {"MQTT-4.3.1-1",
         [](exchange& e) {
             e.connected().client(pub(0, 0, "/a", true));
         }},
        {"MQTT-4.3.2-1",
         [](exchange& e) {
             e.connected().client(pub(1, 3, "/a", true));
         }},
        {"MQTT-4.3.3-1",
         [](exchange& e) {
             e.connected()
                 .client(pub(2, 3))
                 .server(pubrec_packet{3})
                 .client(pubrel_packet{3})
                 .client(pub(2, 3, "/a", true));
         }},
        {"MQTT-4.6.0-2",
         [](exchange& e) {
             e.connected().server(pub(1, 1)).server(pub(1, 2)).client(puback_packet{2});
         }},
        {"MQTT-4.6.0-3",
         [](exchange& e) {
             e.connected().server(pub(2, 1)).server(pub(2, 2)).client(pubrec_packet{2});
         }},
        {"MQTT-4.6.0-4",
         [](exchange& e) {
             e.connected()
                 .client(pub(2, 1))
                 .client(pub(2, 2))
                 .server(pubrec_packet{1})
                 .server(pubrec_packet{2})
                 .client(pubrel_packet{2});
         }},
        {"MQTT-4.7.1-1",
         [](exchange& e) {
             e.connected().client(pub(0, 0, "#"));
         }},
        {"MQTT-4.7.1-2",
         [](exchange& e) {
             e.connected().client(subscribe_packet{1, {{"a/#/b", 0}}});
         }},
        {"MQTT-4.7.1-3",
         [](exchange& e) {
             e.connected().client(subscribe_packet{1, {{"a/b+", 0}}});
         }},
        {"MQTT-4.7.3-1",
         [](exchange& e) {
             e.connected().client(pub(0, 0, ""));
         }},
        {"MQTT-4.7.3-2",
         [](exchange& e) {
             e.connected().client(pub(0, 0, std::string("/a\0", 3)));
         }},
    };
    return m;
}

// Statements a breaking stream reports under a related id (the table keeps both rows).
const std::map<std::string, std::string> reported_as{
    {"MQTT-1.5.3-1", "MQTT-3.1.3-11"}, // each string's own UTF-8 statement
    {"MQTT-4.3.1-1", "MQTT-3.3.1-2"},
    {"MQTT-4.7.1-1", "MQTT-3.3.2-2"},
};

TEST(WireMonitor, EveryMonitoredStatementIsFlaggedByAStreamThatBreaksIt) {
    for (const auto& s : client_statements()) {
        if (s.how != coverage::monitor) {
            continue;
        }
        const std::string id(s.id);
        const auto it = breakers().find(id);
        ASSERT_NE(it, breakers().end()) << id << " is a monitor row with no breaking stream";
        exchange e;
        it->second(e);
        const auto expected = reported_as.contains(id) ? reported_as.at(id) : id;
        const auto got = e.ids();
        EXPECT_EQ(std::count(got.begin(), got.end(), expected), 1)
            << id << ": flagged " << ::testing::PrintToString(got);
    }
}

TEST(WireMonitor, EveryFlaggedStatementIsAMonitorRow) {
    std::set<std::string> flagged;
    for (const auto& [id, run] : breakers()) {
        exchange e;
        run(e);
        for (const auto& got : e.ids()) {
            flagged.insert(got);
        }
    }
    for (const auto& id : flagged) {
        const auto* s = find_statement(id);
        ASSERT_NE(s, nullptr) << id << " has no row in the statement table";
        EXPECT_EQ(s->how, coverage::monitor) << id;
    }
}

TEST(StatementTable, IdsAreUniqueAndReasonsGiven) {
    std::set<std::string_view> seen;
    for (const auto& s : client_statements()) {
        EXPECT_TRUE(seen.insert(s.id).second) << s.id << " twice";
        EXPECT_FALSE(s.summary.empty()) << s.id;
        if (s.how != coverage::monitor) {
            EXPECT_FALSE(s.where.empty()) << s.id << " needs its cases or its reason";
        }
    }
    for (const auto id : server_only_statements()) {
        EXPECT_TRUE(seen.insert(id).second) << id << " is both client and server-only";
    }
}

} // namespace
