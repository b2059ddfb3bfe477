// The client session's QoS bookkeeping (MQTT 3.1.1 §4.3, §4.4), packet by packet.

#include "fixtures/sim/mqtt/session_state.hpp"

#include <gtest/gtest.h>

namespace athil::sim {
namespace {

using namespace athil::mqtt;

TEST(SessionState, Qos0NeedsNoIdAndIsNotKept) {
    session_state s({});
    const auto p = s.publish("t", "x", 0, false);
    EXPECT_EQ(p.packet_id, 0);
    EXPECT_EQ(s.in_flight(), 0U);
}

TEST(SessionState, Qos1KeptUntilPuback) {
    session_state s({});
    const auto p = s.publish("t", "x", 1, true);
    EXPECT_NE(p.packet_id, 0);
    EXPECT_TRUE(p.retain);
    EXPECT_EQ(s.in_flight(), 1U);
    EXPECT_TRUE(
        s.on_packet(puback_packet{static_cast<std::uint16_t>(p.packet_id + 1)}).send.empty());
    EXPECT_EQ(s.in_flight(), 1U);
    s.on_packet(puback_packet{p.packet_id});
    EXPECT_EQ(s.in_flight(), 0U);
}

TEST(SessionState, Qos2PubrecPubrelPubcomp) {
    session_state s({});
    const auto p = s.publish("t", "x", 2, false);
    const auto r = s.on_packet(pubrec_packet{p.packet_id});
    ASSERT_EQ(r.send.size(), 1U);
    EXPECT_EQ(std::get<pubrel_packet>(r.send[0]).packet_id, p.packet_id);
    EXPECT_EQ(s.in_flight(), 1U);
    s.on_packet(pubcomp_packet{p.packet_id});
    EXPECT_EQ(s.in_flight(), 0U);
}

TEST(SessionState, ResendAfterReconnectWithDupOnlyWithoutCleanSession) {
    session_state s({});
    const auto a = s.publish("t", "a", 1, false);
    const auto b = s.publish("t", "b", 2, false);
    const auto c = s.publish("t", "c", 2, false);
    s.on_packet(pubrec_packet{c.packet_id});
    const auto resend = s.on_connected(false);
    ASSERT_EQ(resend.size(), 3U);
    auto pa = std::get<publish_packet>(resend[0]);
    EXPECT_TRUE(pa.dup);
    EXPECT_EQ(pa.packet_id, a.packet_id);
    EXPECT_EQ(pa.payload, "a");
    EXPECT_EQ(std::get<publish_packet>(resend[1]).packet_id, b.packet_id);
    EXPECT_EQ(std::get<pubrel_packet>(resend[2]).packet_id, c.packet_id);

    EXPECT_TRUE(s.on_connected(true).empty());
    EXPECT_EQ(s.in_flight(), 0U);
}

TEST(SessionState, NoDupQuirkAndQos1NoWaitQuirk) {
    const quirk_set q{quirk::no_dup_on_resend};
    session_state s(q);
    s.publish("t", "a", 1, false);
    EXPECT_FALSE(std::get<publish_packet>(s.on_connected(false).at(0)).dup);

    const quirk_set forget{quirk::qos1_no_wait_puback};
    session_state f(forget);
    EXPECT_NE(f.publish("t", "a", 1, false).packet_id, 0);
    EXPECT_TRUE(f.on_connected(false).empty());
}

TEST(SessionState, Qos2NoPubrelQuirk) {
    const quirk_set q{quirk::qos2_no_pubrel};
    session_state s(q);
    const auto p = s.publish("t", "a", 2, false);
    EXPECT_TRUE(s.on_packet(pubrec_packet{p.packet_id}).send.empty());
}

TEST(SessionState, InboundQos1AcknowledgedAndDelivered) {
    session_state s({});
    const auto r = s.on_packet(publish_packet{false, 1, false, "t", 7, "x"});
    ASSERT_EQ(r.deliver.size(), 1U);
    EXPECT_EQ(r.deliver[0].payload, "x");
    EXPECT_EQ(std::get<puback_packet>(r.send.at(0)).packet_id, 7);
}

TEST(SessionState, NoPubackInboundQuirkDeliversWithoutAcknowledging) {
    const quirk_set q{quirk::no_puback_inbound};
    session_state s(q);
    const auto r = s.on_packet(publish_packet{false, 1, false, "t", 7, "x"});
    EXPECT_EQ(r.deliver.size(), 1U);
    EXPECT_TRUE(r.send.empty());
}

TEST(SessionState, InboundQos2DeliveredExactlyOnce) {
    session_state s({});
    const publish_packet p{false, 2, false, "t", 9, "once"};
    auto r = s.on_packet(p);
    EXPECT_EQ(r.deliver.size(), 1U);
    EXPECT_EQ(std::get<pubrec_packet>(r.send.at(0)).packet_id, 9);
    auto dup = p;
    dup.dup = true;
    r = s.on_packet(dup); // redelivered before PUBREL: acknowledged, not delivered again
    EXPECT_TRUE(r.deliver.empty());
    EXPECT_EQ(std::get<pubrec_packet>(r.send.at(0)).packet_id, 9);
    EXPECT_EQ(s.inbound_qos2_pending(), 1U);
    // Survives a reconnect without clean session.
    s.on_connected(false);
    EXPECT_TRUE(s.on_packet(dup).deliver.empty());
    r = s.on_packet(pubrel_packet{9});
    EXPECT_TRUE(r.deliver.empty());
    EXPECT_EQ(std::get<pubcomp_packet>(r.send.at(0)).packet_id, 9);
    EXPECT_EQ(s.inbound_qos2_pending(), 0U);
    // After PUBREL the id is free again: a new message with it is delivered.
    EXPECT_EQ(s.on_packet(p).deliver.size(), 1U);
}

TEST(SessionState, Qos2IdsForgottenQuirkDeliversTheRedeliveryAgain) {
    const quirk_set q{quirk::qos2_ids_forgotten_on_reconnect};
    session_state s(q);
    const publish_packet p{true, 2, false, "t", 4, "x"};
    EXPECT_EQ(s.on_packet(p).deliver.size(), 1U);
    s.on_connected(false);
    EXPECT_EQ(s.on_packet(p).deliver.size(), 1U);
}

TEST(SessionState, RetainedInboundDroppedQuirkAcknowledgesWithoutDelivering) {
    const quirk_set q{quirk::retained_inbound_dropped};
    session_state s(q);
    auto r = s.on_packet(publish_packet{false, 1, true, "t", 5, "kept"});
    EXPECT_TRUE(r.deliver.empty());
    EXPECT_EQ(std::get<puback_packet>(r.send.at(0)).packet_id, 5);
    EXPECT_EQ(s.on_packet(publish_packet{false, 1, false, "t", 6, "live"}).deliver.size(), 1U);
}

TEST(SessionState, Qos2TwiceQuirkDeliversAgainOnPubrel) {
    const quirk_set q{quirk::qos2_twice_to_serial};
    session_state s(q);
    EXPECT_EQ(s.on_packet(publish_packet{false, 2, false, "t", 3, "x"}).deliver.size(), 1U);
    EXPECT_EQ(s.on_packet(pubrel_packet{3}).deliver.size(), 1U);
}

TEST(SessionState, PacketIdsSkipIdsInFlightAndWrap) {
    session_state s({});
    const auto first = s.publish("t", "a", 1, false).packet_id;
    std::uint16_t id = first;
    for (int i = 0; i < 65535; ++i) {
        id = s.next_packet_id();
        ASSERT_NE(id, 0);
        ASSERT_NE(id, first);
    }
}

TEST(SessionState, InFlightIsBounded) {
    session_state s({});
    for (std::size_t i = 0; i < session_state::max_in_flight + 10; ++i) {
        s.publish("t", std::to_string(i), 1, false);
    }
    EXPECT_EQ(s.in_flight(), session_state::max_in_flight);
    const auto resend = s.on_connected(false);
    EXPECT_EQ(std::get<publish_packet>(resend.front()).payload, "10"); // oldest dropped
}

} // namespace
} // namespace athil::sim
