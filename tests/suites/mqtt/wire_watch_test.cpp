// The adapter between the wire tap and the wire monitor: packets and decode errors merged in
// time order, a decode error's direction read from the tap's prefix, and only MQTT errors of
// the module's side judged.

#include "suites/mqtt/wire_watch.hpp"

#include <gtest/gtest.h>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using fixtures::tap_event;
using fixtures::tap_event_kind;
using fixtures::tapped_packet;
namespace wire = athil::mqtt;

const auto t0 = steady_clock::now();

tapped_packet packet_at(int ms, direction dir, wire::packet p) {
    return {0, dir, t0 + std::chrono::milliseconds(ms), std::move(p)};
}

tap_event error_at(int ms, std::string text) {
    return {0, tap_event_kind::decode_error, t0 + std::chrono::milliseconds(ms), std::move(text)};
}

wire::connect_packet connect() {
    wire::connect_packet c;
    c.client_id = "m";
    return c;
}

TEST(WireWatch, DecodeErrorOfTheModuleNamesItsStatementAndDirection) {
    const auto found = monitor_traffic(
        {packet_at(0, direction::to_broker, connect()),
         packet_at(1, direction::to_module, wire::connack_packet{})},
        {error_at(2, "to_broker: malformed MQTT SUBSCRIBE: fixed-header flags 0x0 (must be 0x2) "
                     "[MQTT-3.8.1-1]"),
         error_at(3, "to_module: malformed MQTT SUBACK: no return code"),
         error_at(4, "TLS ClientHello incomplete after 64 KiB")});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].statement, "MQTT-3.8.1-1");
    EXPECT_EQ(found[0].dir, direction::to_broker);
    EXPECT_EQ(found[0].at, t0 + std::chrono::milliseconds(2));
}

TEST(WireWatch, EventsAndPacketsAreJudgedInTimeOrder) {
    // The malformed CONNECT came first: the PINGREQ after it is not "before CONNECT" twice.
    const auto found = monitor_traffic(
        {packet_at(5, direction::to_broker, wire::pingreq_packet{})},
        {error_at(1, "to_broker: malformed MQTT CONNECT: reserved connect flag (bit 0) is set "
                     "[MQTT-3.1.2-3]")});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].statement, "MQTT-3.1.2-3");
}

TEST(WireWatch, PacketViolationCarriesThePacket) {
    wire::publish_packet p;
    p.topic = "a/+";
    const auto found = monitor_traffic(
        {packet_at(0, direction::to_broker, connect()), packet_at(1, direction::to_broker, p)}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].statement, "MQTT-3.3.2-2");
    EXPECT_NE(found[0].packet.find("topic=a/+"), std::string::npos) << found[0].packet;
}

} // namespace
} // namespace athil::suites::mqtt
