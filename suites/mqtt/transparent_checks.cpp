// MANUAL 3.1.1-3.1.2, transparent mode: a serial packet goes unchanged to every enabled
// publish slot with that slot's qos and retain; a message on any subscription comes out on
// the serial line unchanged.

#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>
#include <thread>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

// The manual's worked example, command by command, with the rig's server.
void transparent_manual_example(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    m.configure({"AT+WKMOD=MQTT,NOR", m.server_command(), "AT+MQTTUSER=usr.cn", "AT+MQTTPSW=usr.cn",
                 "AT+MQTTCID=" + m.client_id(), "AT+MQTTVER=4", "AT+MQTTSUBTP=1,1,/SubTopic1,0",
                 "AT+MQTTPUBTP=1,1,/PubTopic1,0,0", "AT+MQTTMOD=0"});
    m.observe("/PubTopic1", 0);
    m.save_and_restart();
    m.wait_ready();
    const std::string typed = "typed on the serial port " + m.client_id();
    m.send_frame(typed);
    m.expect_message({"/PubTopic1", typed, std::nullopt, std::nullopt},
                     "what is typed on the serial port reaches a client subscribed to /PubTopic1");
    const std::string published = "published by the desktop client";
    m.observer_publish("/SubTopic1", published, 0);
    m.expect_serial(published, "what a client publishes to /SubTopic1 appears on the serial port");
    m.expect_serial_quiet("nothing is added to the payload");
}

struct slot {
    int number;
    bool enabled;
    std::string topic;
    int qos;
    bool retain;
};

// One serial packet -> one PUBLISH on every enabled slot, none on the disabled one.
void every_enabled_topic(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const std::vector<slot> slots{{1, true, m.rig().unique_topic("p1"), 0, false},
                                  {2, false, m.rig().unique_topic("p2"), 1, false},
                                  {3, true, m.rig().unique_topic("p3"), 1, false},
                                  {4, true, m.rig().unique_topic("p4"), 2, true}};
    std::vector<std::string> setup{"AT+MQTTMOD=0"};
    for (const auto& s : slots) {
        setup.push_back("AT+MQTTPUBTP=" + std::to_string(s.number) + "," + (s.enabled ? "1" : "0") +
                        "," + s.topic + "," + std::to_string(s.qos) + "," + (s.retain ? "1" : "0"));
    }
    m.start_generic(setup);
    const std::string payload = "one serial packet";
    m.send_frame(payload);
    const auto count_enabled =
        std::count_if(slots.begin(), slots.end(), [](const slot& s) { return s.enabled; });
    const auto publishes = [&](const packet_list& ps) {
        std::vector<wire::publish_packet> out;
        for (const auto& p : packets_of<wire::publish_packet>(ps, direction::to_broker)) {
            if (p.payload == payload) {
                out.push_back(p);
            }
        }
        return out;
    };
    std::string each_slot;
    for (const auto& s : slots) {
        if (s.enabled) {
            each_slot += (each_slot.empty() ? "" : ", ") + s.topic;
        }
    }
    m.wait_packets(
        "the packet is published on every enabled slot",
        "one PUBLISH of the packet to each enabled topic: " + each_slot,
        [&](const packet_list& ps) {
            return std::cmp_greater_equal(publishes(ps).size(), count_enabled);
        },
        m.delivery_deadline());
    // A publish to the disabled slot would have left with the others: give it the quiet time,
    // and the uplink crossing it may be behind them.
    std::this_thread::sleep_for(ctx.env().windows.wire_quiet);
    const auto seen = publishes(m.packets());
    std::string expected;
    for (const auto& s : slots) {
        if (s.enabled) {
            expected +=
                s.topic + " q" + std::to_string(s.qos) + (s.retain ? " retained" : "") + "; ";
        }
    }
    bool good = std::cmp_equal(seen.size(), count_enabled);
    for (const auto& s : slots) {
        const auto n = std::count_if(seen.begin(), seen.end(), [&](const wire::publish_packet& p) {
            return p.topic == s.topic && p.qos == s.qos && p.retain == s.retain;
        });
        good = good && n == (s.enabled ? 1 : 0);
    }
    if (!good) {
        m.fail("one PUBLISH per enabled slot with its qos and retain, none on disabled slots",
               expected, m.describe(m.packets()));
    }
}

// A packet near the packing length, with every byte value but no "+++": one PUBLISH, same bytes.
void serial_packet_unchanged(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("bin");
    m.start_generic({"AT+MQTTPUBTP=1,1," + topic + ",0,0", "AT+MQTTMOD=0"});
    const auto size = static_cast<std::size_t>(std::stoul(c.input("size", "1000")));
    std::string payload;
    for (std::size_t i = 0; i < size; ++i) {
        payload += static_cast<char>(i % 256);
    }
    m.send_frame(payload);
    const auto ps = m.wait_packets(
        "the serial packet is published as one message", "a PUBLISH to the broker",
        [&](const packet_list& all) {
            return !packets_of<wire::publish_packet>(all, direction::to_broker).empty();
        },
        m.delivery_deadline());
    const auto pubs = packets_of<wire::publish_packet>(ps, direction::to_broker);
    if (pubs.size() != 1 || pubs.front().payload != payload) {
        m.fail("the packet reaches the broker unchanged, in one PUBLISH",
               "one PUBLISH of " + std::to_string(size) + " bytes (0x00..0xFF repeated)",
               m.describe(ps));
    }
}

// Every byte value including 0x00, CR and LF comes out on the serial line as published.
void inbound_byte_exact(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("in");
    m.start_generic({"AT+MQTTSUBTP=1,1," + topic + ",0", "AT+MQTTMOD=0"});
    std::string payload;
    for (int i = 0; i < 256; ++i) {
        payload += static_cast<char>(i);
    }
    m.observer_publish(topic, payload, 0);
    m.expect_serial(payload, "the payload appears on the serial port byte for byte");
    m.expect_serial_quiet("nothing is added to the payload");
}

// The payloads of this case's PUBLISHes to the broker, in order.
std::vector<std::string> published_payloads(mqtt_case& m) {
    std::vector<std::string> out;
    for (const auto& p : packets_of<wire::publish_packet>(m.packets(), direction::to_broker)) {
        out.push_back(p.payload);
    }
    return out;
}

void expect_published(mqtt_case& m, const std::vector<std::string>& expected,
                      std::string_view what) {
    m.wait_packets(
        what, std::to_string(expected.size()) + " PUBLISH packets to the broker",
        [n = expected.size()](const packet_list& ps) {
            return packets_of<wire::publish_packet>(ps, direction::to_broker).size() >= n;
        },
        m.delivery_deadline());
    // A further split would have left with the others: give it the quiet time, and the uplink
    // crossing it may be behind them.
    std::this_thread::sleep_for(m.ctx().env().windows.wire_quiet);
    const auto got = published_payloads(m);
    if (got != expected) {
        std::string text;
        for (const auto& e : expected) {
            text += "PUBLISH \"" + e + "\" ";
        }
        m.fail(what, text, m.describe(m.packets()));
    }
}

// AT+UARTFL=16: 40 bytes written at once leave as 16 + 16 + 8 (the rest on idle).
void packing_by_length(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("len");
    m.start_generic({"AT+MQTTPUBTP=1,1," + topic + ",0,0", "AT+MQTTMOD=0", "AT+UARTFL=16"});
    const std::string data = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
    m.send_frame(data);
    expect_published(m, {data.substr(0, 16), data.substr(16, 16), data.substr(32)},
                     "with packing length 16 the serial data is cut into 16-byte messages");
}

// AT+UARTFT=500: bytes written one by one, 120 ms apart (more than the 50 ms default, well
// under 500 ms), are one message; a module still packing by the default time splits them.
void packing_by_idle_time(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    // One topic for every variant: they save the same settings and share one connection.
    const auto topic = mqtt_rig::run_topic("transparent/idle");
    m.start_generic({"AT+MQTTPUBTP=1,1," + topic + ",0,0", "AT+MQTTMOD=0", "AT+UARTFT=500"});
    const std::chrono::milliseconds gap(std::stoi(c.input("gap_ms", "120")));
    const std::string data = "bytewise";
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (i > 0) {
            std::this_thread::sleep_for(gap);
        }
        ctx.session().write_data(std::string_view(&data[i], 1));
    }
    expect_published(m, {data}, "bytes within the packing time are packed into one message");
}

} // namespace

void add_transparent_checks(check_registry& r) {
    r["TransparentManualExample"] = {transparent_manual_example};
    r["PublishedOnEveryEnabledTopic"] = {every_enabled_topic};
    r["SerialPacketPublishedUnchanged"] = {serial_packet_unchanged, {}, {"size"}};
    r["InboundPayloadByteExact"] = {inbound_byte_exact};
    r["PackingByLength"] = {packing_by_length};
    // The variants (gap_ms) save the same settings and judge only how the bytes they write
    // afterwards are packed, not the connection: they share one (live_connection.hpp).
    r["PackingByIdleTime"] = {.body = packing_by_idle_time,
                              .optional = {"gap_ms"},
                              .shares_connection = "transparent-packing-time-500"};
}

} // namespace athil::suites::mqtt
