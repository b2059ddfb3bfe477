// The engine's packets on the wire, against a scripted in-process broker: CONNECT fields,
// subscriptions, QoS handshakes, DUP on resend, keepalive, refused CONNACK, DISCONNECT only on
// orderly stop (MANUAL.md 3.1; MQTT 3.1.1 §3.1, §4.4).

#include "engine_rig.hpp"
#include "factory_connect.hpp"
#include "scripted_broker.hpp"

#include <gtest/gtest.h>

namespace athil::sim::test {
namespace {

using namespace std::chrono_literals;

settings settings_for(const scripted_broker& broker) {
    auto s = factory_defaults("02400122052700000529");
    s.mode = work_mode::mqtt_nor;
    s.server = "127.0.0.1";
    s.port = broker.port();
    return s;
}

engine_options options_with(quirk_set quirks = {}) {
    engine_options o;
    o.quirks = quirks;
    return o;
}

template <typename T>
T first(const scripted_broker& broker, std::size_t connection = 1) {
    auto r = broker.wait_for(
        [&](const recorded_packet& p) { return p.connection == connection && is<T>(p); });
    if (!r) {
        ADD_FAILURE() << "no " << typeid(T).name() << " on connection " << connection;
        return T{};
    }
    return std::get<T>(r->packet);
}

TEST(EngineWire, ConnectCarriesTheFactorySettingsThenSubscribesSlot1) {
    scripted_broker broker;
    engine_rig rig(settings_for(broker), options_with());
    rig.start();
    const auto c = first<mqtt::connect_packet>(broker);
    EXPECT_EQ(c, factory_connect()) << mqtt::describe(c);
    const auto sub = first<mqtt::subscribe_packet>(broker);
    EXPECT_EQ(sub.subscriptions, (std::vector<mqtt::subscription>{{"/SubTopic1", 0}}));
    EXPECT_TRUE(rig.wait_connected());
}

TEST(EngineWire, ConnectFollowsChangedSettings) {
    scripted_broker broker;
    auto s = settings_for(broker);
    s.mqtt_version = 4;
    s.client_id = "athil-cid";
    s.username.clear();
    s.password.clear();
    s.keepalive = 120;
    s.clean_session = true;
    s.will = {true, "/will/me", 1, true, "gone, for now"};
    s.subscribe[0].enabled = false;
    s.subscribe[4] = {true, "a/+/b", 2};
    s.subscribe[9] = {true, "c/#", 1};
    engine_rig rig(s, options_with());
    rig.start();
    const auto c = first<mqtt::connect_packet>(broker);
    EXPECT_EQ(c.protocol_name, "MQTT");
    EXPECT_EQ(c.protocol_level, 4);
    EXPECT_EQ(c.client_id, "athil-cid");
    EXPECT_FALSE(c.username.has_value());
    EXPECT_FALSE(c.password.has_value());
    EXPECT_EQ(c.keepalive, 120);
    EXPECT_TRUE(c.clean_session);
    EXPECT_EQ(c.will, (mqtt::will_message{"/will/me", "gone, for now", 1, true}));
    const auto sub = first<mqtt::subscribe_packet>(broker);
    EXPECT_EQ(sub.subscriptions, (std::vector<mqtt::subscription>{{"a/+/b", 2}, {"c/#", 1}}));
}

TEST(EngineWire, RefusedConnackMeansDisconnectedAndRetried) {
    scripted_broker broker;
    broker.set_script({.connack_code = 5});
    engine_rig rig(settings_for(broker), options_with());
    rig.start();
    ASSERT_TRUE(broker.wait_for([](const auto& p) { return p.connection == 2; }, 10s))
        << "no second attempt after a refused CONNACK";
    EXPECT_FALSE(rig.connected());
    EXPECT_FALSE(broker.wait_for([](const auto& p) { return is<mqtt::subscribe_packet>(p); }, 0ms));
    broker.set_script({});
    EXPECT_TRUE(rig.wait_connected(true, 10s));
}

TEST(EngineWire, ConnectionOnlyAfterConnackUnlessQuirk) {
    for (const bool quirk : {false, true}) {
        SCOPED_TRACE(quirk ? "connection-before-connack" : "reference");
        scripted_broker broker;
        broker.set_script({.send_connack = false});
        engine_rig rig(settings_for(broker),
                       quirk ? options_with({quirk::connection_before_connack}) : options_with());
        rig.start();
        ASSERT_TRUE(broker.wait_for([](const auto& p) { return is<mqtt::connect_packet>(p); }));
        std::this_thread::sleep_for(300ms); // the CONNACK never comes; the engine waits 10 s
        EXPECT_EQ(rig.connected(), quirk);
    }
}

TEST(EngineWire, ResendAfterReconnectCarriesDupAndSameId) {
    scripted_broker broker;
    broker.set_script({.ack_publishes = false});
    auto s = settings_for(broker);
    s.publish[0].qos = 1;
    s.publish[1] = {true, "/two", 2, false, false};
    engine_rig rig(s, options_with());
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    rig.frame("payload");
    const auto q1 = first<mqtt::publish_packet>(broker);
    ASSERT_TRUE(broker.wait_for([](const auto& p) {
        const auto* pub = std::get_if<mqtt::publish_packet>(&p.packet);
        return pub && pub->qos == 2;
    }));
    EXPECT_FALSE(q1.dup);
    broker.set_script({});
    broker.drop();
    const auto again = broker.wait_for(
        [](const auto& p) { return p.connection == 2 && is<mqtt::publish_packet>(p); });
    ASSERT_TRUE(again.has_value()) << "nothing resent after the reconnect";
    const auto resent = std::get<mqtt::publish_packet>(again->packet);
    EXPECT_TRUE(resent.dup);
    EXPECT_EQ(resent.packet_id, q1.packet_id);
    EXPECT_EQ(resent.payload, "payload");
    // The QoS 2 message completes on the new connection: PUBREC answered with PUBREL.
    EXPECT_TRUE(broker.wait_for(
        [](const auto& p) { return p.connection == 2 && is<mqtt::pubrel_packet>(p); }));
}

TEST(EngineWire, CleanSessionDropsTheInFlightMessages) {
    scripted_broker broker;
    broker.set_script({.ack_publishes = false});
    auto s = settings_for(broker);
    s.clean_session = true;
    s.publish[0].qos = 1;
    engine_rig rig(s, options_with());
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    rig.frame("payload");
    first<mqtt::publish_packet>(broker);
    broker.drop();
    ASSERT_TRUE(broker.wait_for(
        [](const auto& p) { return p.connection == 2 && is<mqtt::subscribe_packet>(p); }));
    EXPECT_FALSE(broker.wait_for(
        [](const auto& p) { return p.connection == 2 && is<mqtt::publish_packet>(p); }, 500ms));
}

TEST(EngineWire, PingreqWithinKeepaliveAndDeadLinkDetected) {
    scripted_broker broker;
    auto s = settings_for(broker);
    s.keepalive = 2;
    engine_rig rig(s, options_with());
    rig.start();
    ASSERT_TRUE(broker.wait_for([](const auto& p) { return is<mqtt::pingreq_packet>(p); }, 5s));
    // Stop answering: the engine must notice and connect again.
    broker.set_script({.answer_pings = false});
    EXPECT_TRUE(broker.wait_for([](const auto& p) { return p.connection == 2; }, 15s))
        << "no reconnect after PINGRESP stopped coming";
}

TEST(EngineWire, KeepaliveZeroAndNoPingreqQuirkSendNoPing) {
    for (const bool quirk : {false, true}) {
        SCOPED_TRACE(quirk ? "no-pingreq" : "keepalive 0");
        scripted_broker broker;
        auto s = settings_for(broker);
        s.keepalive = quirk ? 1 : 0;
        engine_rig rig(s, quirk ? options_with({quirk::no_pingreq}) : options_with());
        rig.start();
        ASSERT_TRUE(rig.wait_connected());
        EXPECT_FALSE(
            broker.wait_for([](const auto& p) { return is<mqtt::pingreq_packet>(p); }, 1500ms));
    }
}

TEST(EngineWire, DisconnectOnlyOnOrderlyStop) {
    struct stop_case {
        bool orderly;
        std::vector<quirk> quirks;
        bool disconnect_expected;
    };
    for (const auto& c : {stop_case{true, {}, true}, stop_case{false, {}, false},
                          stop_case{true, {quirk::will_on_orderly_disconnect}, false}}) {
        SCOPED_TRACE(c.orderly ? "orderly" : "power cut");
        SCOPED_TRACE(c.quirks.empty() ? "reference" : quirk_name(c.quirks.front()));
        scripted_broker broker;
        engine_rig rig(settings_for(broker),
                       options_with(c.quirks.empty() ? quirk_set{} : quirk_set{c.quirks.front()}));
        rig.start();
        ASSERT_TRUE(rig.wait_connected());
        rig.stop(c.orderly);
        EXPECT_FALSE(rig.connected());
        // The stop closes the link: wait for the broker to see it gone, then look.
        broker.wait_for([](const auto& p) { return is<mqtt::disconnect_packet>(p); },
                        c.disconnect_expected ? 5000ms : 300ms);
        const bool got =
            broker.wait_for([](const auto& p) { return is<mqtt::disconnect_packet>(p); }, 0ms)
                .has_value();
        EXPECT_EQ(got, c.disconnect_expected);
    }
}

TEST(EngineWire, InboundQos2DeliveredOnceAndCompleted) {
    scripted_broker broker;
    engine_rig rig(settings_for(broker), options_with());
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    first<mqtt::subscribe_packet>(broker);
    broker.send(mqtt::publish_packet{false, 2, false, "/SubTopic1", 77, "once"});
    broker.send(mqtt::publish_packet{true, 2, false, "/SubTopic1", 77, "once"});
    broker.send(mqtt::pubrel_packet{77});
    ASSERT_TRUE(broker.wait_for([](const auto& p) { return is<mqtt::pubcomp_packet>(p); }));
    EXPECT_EQ(rig.serial(), "once");
}

TEST(EngineWire, NoReconnectQuirkStaysDown) {
    scripted_broker broker;
    engine_rig rig(settings_for(broker), options_with({quirk::no_reconnect}));
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    broker.drop();
    ASSERT_TRUE(rig.wait_connected(false));
    EXPECT_FALSE(broker.wait_for([](const auto& p) { return p.connection == 2; }, 3500ms));
}

} // namespace
} // namespace athil::sim::test
