// The engine against a real mosquitto with a libmosquitto client on the other side: the
// manual's worked examples of 3.1.2 (transparent) and 3.1.4 (distribution with temporary
// topics), QoS 1/2 both ways, retain, will, refused credentials, reconnect after a restart.

#include "broker_rig.hpp"
#include "engine_rig.hpp"

#include <gtest/gtest.h>

namespace athil::sim::test {
namespace {

using namespace std::chrono_literals;
using fixtures::message_matcher;

engine_options no_quirks() {
    return {};
}

TEST(EngineBroker, TransparentWorkedExample) {
    broker_rig b(fixtures::plain_with_passwords("users", {{"module", "modpw"}, {"pc", "pcpw"}}));
    auto s = b.module_settings();
    s.username = "module";
    s.password = "modpw";
    s.client_id = "gm5-transparent";
    s.transfer = transfer_mode::transparent;
    engine_rig rig(s, no_quirks());
    fixtures::observer_options pc;
    pc.username = "pc";
    pc.password = "pcpw";
    auto desktop = b.observe(pc);
    desktop->subscribe("/PubTopic1", 0, in(5s));
    rig.start();
    ASSERT_TRUE(rig.wait_connected());

    rig.frame("typed on the serial port, with commas\r\n");
    const auto got = desktop->wait_for_message({"/PubTopic1", {}, {}, {}}, in(5s));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->payload, "typed on the serial port, with commas\r\n");

    // The subscription is made right after CONNACK; publish until it is in place.
    for (int i = 0; i < 25 && !rig.wait_serial("from the desktop", 200ms); ++i) {
        desktop->publish("/SubTopic1", "from the desktop", 0, false, in(5s));
    }
    EXPECT_EQ(rig.serial().substr(0, 16), "from the desktop") << "nothing may be added";
}

TEST(EngineBroker, DistributionWorkedExampleWithTemporaryTopics) {
    broker_rig b;
    auto s = b.module_settings();
    s.transfer = transfer_mode::distribution;
    engine_rig rig(s, no_quirks());
    auto desktop = b.observe();
    desktop->subscribe("#", 0, in(5s));
    rig.start();
    ASSERT_TRUE(rig.wait_connected());

    rig.frame("1,data send from module");
    auto got = desktop->wait_for_message({"/PubTopic1", {}, {}, {}}, in(5s));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->payload, "data send from module");

    for (int i = 0; i < 25 && !rig.wait_serial("1,data from client", 200ms); ++i) {
        desktop->publish("/SubTopic1", "data from client", 0, false, in(5s));
    }
    ASSERT_TRUE(rig.wait_serial("1,data from client", 0ms));

    rig.frame("0,0,tmppub1,0,0,hello");
    got = desktop->wait_for_message({"tmppub1", {}, {}, {}}, in(5s));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->payload, "hello");

    // The broker handles the module's packets in order: once a publish sent after the
    // SUBSCRIBE arrives, the subscription is in place.
    rig.frame("0,1,tmpsub1,0");
    rig.frame("0,0,marker,0,0,subscribed");
    ASSERT_TRUE(desktop->wait_for_message({"marker", "subscribed", {}, {}}, in(5s)));
    desktop->publish("tmpsub1", "x", 0, false, in(5s));
    EXPECT_TRUE(rig.wait_serial("0,tmpsub1,x"));

    rig.frame("0,2,tmpsub1,0");
    rig.frame("0,0,marker,0,0,unsubscribed");
    ASSERT_TRUE(desktop->wait_for_message({"marker", "unsubscribed", {}, {}}, in(5s)));
    desktop->publish("tmpsub1", "after", 0, false, in(5s));
    desktop->publish("/SubTopic1", "fence", 0, false, in(5s));
    ASSERT_TRUE(rig.wait_serial("1,fence"));
    EXPECT_EQ(rig.serial().find("after"), std::string::npos);

    // Frames for disabled slots and malformed ones are discarded (nothing is published).
    desktop->clear_messages();
    rig.frame("2,disabled slot");
    rig.frame("no comma");
    rig.frame("0,0,marker,0,0,end");
    ASSERT_TRUE(desktop->wait_for_message({"marker", "end", {}, {}}, in(5s)));
    // The desktop hears its own earlier publishes through "#" too, possibly late: only what
    // the module published counts here.
    std::vector<std::string> from_module;
    for (const auto& m : desktop->messages()) {
        if (m.topic != "/SubTopic1" && m.topic != "tmpsub1") {
            from_module.push_back(m.topic + " " + m.payload);
        }
    }
    EXPECT_EQ(from_module, std::vector<std::string>{"marker end"});
}

TEST(EngineBroker, Qos2BothWaysRetainAndExactlyOnce) {
    broker_rig b;
    auto s = b.module_settings();
    s.publish[0] = {true, "/PubTopic1", 2, true, false};
    s.subscribe[0] = {true, "/SubTopic1", 2};
    s.publish[1] = {true, "/PubTopic2", 1, false, false};
    engine_rig rig(s, no_quirks());
    auto desktop = b.observe();
    desktop->subscribe("/PubTopic1", 2, in(5s));
    desktop->subscribe("/PubTopic2", 2, in(5s));
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    rig.frame("q");
    const auto q2 = desktop->wait_for_message({"/PubTopic1", "q", {}, {}}, in(5s));
    const auto q1 = desktop->wait_for_message({"/PubTopic2", "q", {}, {}}, in(5s));
    ASSERT_TRUE(q2 && q1);
    EXPECT_EQ(q2->qos, 2);
    EXPECT_EQ(q1->qos, 1);
    // The slot's retain flag: a later subscriber gets the message as retained.
    auto late = b.observe();
    late->subscribe("/PubTopic1", 0, in(5s));
    const auto retained = late->wait_for_message({"/PubTopic1", "q", {}, true}, in(5s));
    EXPECT_TRUE(retained.has_value());

    for (int i = 0; i < 25 && !rig.wait_serial("ready", 200ms); ++i) {
        desktop->publish("/SubTopic1", "ready", 0, false, in(5s));
    }
    const auto before = rig.serial();
    desktop->publish("/SubTopic1", "[exactly-once]", 2, false, in(5s)); // waits for PUBCOMP
    desktop->publish("/SubTopic1", "[fence]", 1, false, in(5s));
    ASSERT_TRUE(rig.wait_serial("[fence]"));
    const auto after = rig.serial().substr(before.size());
    EXPECT_EQ(after, "[exactly-once][fence]");
}

TEST(EngineBroker, WillOnPowerCutButNotOnOrderlyStop) {
    broker_rig b;
    auto s = b.module_settings();
    s.will = {true, "/will", 1, false, "offline"};
    auto desktop = b.observe();
    desktop->subscribe("/will", 1, in(5s));
    s.client_id = "gm5-orderly";
    {
        engine_rig rig(s, no_quirks());
        rig.start();
        ASSERT_TRUE(rig.wait_connected());
        rig.stop(true);
    }
    s.client_id = "gm5-power-cut";
    // An orderly stop sends DISCONNECT, so no will; a power cut (fence below) does.
    {
        engine_rig rig(s, no_quirks());
        rig.start();
        ASSERT_TRUE(rig.wait_connected());
        rig.stop(false);
    }
    ASSERT_TRUE(desktop->wait_for_message({"/will", "offline", {}, {}}, in(10s)));
    EXPECT_EQ(desktop->messages().size(), 1U) << "the orderly stop published the will too";
}

TEST(EngineBroker, WrongPasswordIsRefusedAndStaysDisconnected) {
    broker_rig b(fixtures::plain_with_passwords("users", {{"module", "modpw"}}));
    auto s = b.module_settings();
    s.username = "module";
    s.password = "wrong";
    engine_rig rig(s, no_quirks());
    rig.start();
    EXPECT_TRUE(rig.wait_log("CONNACK refused"));
    EXPECT_FALSE(rig.connected());
}

TEST(EngineBroker, ReconnectsAfterBrokerRestartAndDataFlowsAgain) {
    broker_rig b;
    auto s = b.module_settings();
    engine_rig rig(s, no_quirks());
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    b.broker->kill();
    ASSERT_TRUE(rig.wait_connected(false, 10s)) << "MQTTSTA must follow the lost connection";
    b.broker->restart();
    ASSERT_TRUE(rig.wait_connected(true, 15s)) << "no reconnect within 15 s";
    auto desktop = b.observe();
    desktop->subscribe("/PubTopic1", 0, in(5s));
    rig.frame("back again");
    EXPECT_TRUE(desktop->wait_for_message({"/PubTopic1", "back again", {}, {}}, in(5s)));
}

} // namespace
} // namespace athil::sim::test
