// Serial frame → MQTT actions and inbound message → serial bytes (MANUAL.md 3.1.1-3.1.4),
// including the manual's worked examples.

#include "fixtures/sim/mqtt/data_path.hpp"

#include <gtest/gtest.h>

namespace athil::sim {
namespace {

settings with_mode(transfer_mode mode) {
    auto s = factory_defaults("02400122052700000529");
    s.mode = work_mode::mqtt_nor;
    s.transfer = mode;
    return s;
}

std::vector<serial_action> route(const settings& s, std::string_view frame,
                                 const quirk_set& q = {}) {
    return route_serial_frame(s, frame, q);
}

TEST(TransparentMode, FramePublishedUnchangedToEveryEnabledSlot) {
    auto s = with_mode(transfer_mode::transparent);
    s.publish[2] = {true, "/third", 2, true, false};
    const std::string frame("1,raw\0bytes\r\n", 13); // commas, NUL and CR LF are just data
    const auto actions = route(s, frame);
    ASSERT_EQ(actions.size(), 2U);
    EXPECT_EQ(std::get<publish_action>(actions[0]),
              (publish_action{"/PubTopic1", frame, 0, false}));
    EXPECT_EQ(std::get<publish_action>(actions[1]), (publish_action{"/third", frame, 2, true}));
}

TEST(TransparentMode, NoEnabledSlotNoPublish) {
    auto s = with_mode(transfer_mode::transparent);
    s.publish[0].enabled = false;
    EXPECT_TRUE(route(s, "x").empty());
}

TEST(TransparentMode, QuirksFirstOnlyDisabledTooAndRetainDropped) {
    auto s = with_mode(transfer_mode::transparent);
    s.publish[0].retain = true;
    s.publish[4].enabled = true;
    const quirk_set first{quirk::transparent_first_topic_only};
    EXPECT_EQ(route(s, "x", first).size(), 1U);
    const quirk_set disabled{quirk::publishes_disabled_topics};
    EXPECT_EQ(route(s, "x", disabled).size(), topic_slots);
    const quirk_set retain{quirk::retain_dropped};
    EXPECT_FALSE(std::get<publish_action>(route(s, "x", retain).at(0)).retain);
    EXPECT_TRUE(std::get<publish_action>(route(s, "x").at(0)).retain);
}

TEST(TransparentMode, InboundWrittenUnchanged) {
    const auto s = with_mode(transfer_mode::transparent);
    EXPECT_EQ(format_inbound(s, {}, "/SubTopic1", "data,from\r\nclient", {}),
              "data,from\r\nclient");
}

TEST(TransparentMode, InboundAppendsCrlfQuirk) {
    const auto s = with_mode(transfer_mode::transparent);
    const quirk_set q{quirk::inbound_appends_crlf};
    EXPECT_EQ(format_inbound(s, {}, "/SubTopic1", "a\r\nb", q), "a\r\nb\r\n");
    EXPECT_EQ(format_inbound(s, {}, "/SubTopic1", "a\r\nb", {}), "a\r\nb");
}

TEST(DistributionMode, ManualExampleFixedSlot) {
    const auto s = with_mode(transfer_mode::distribution);
    const auto actions = route(s, "1,data send from module");
    ASSERT_EQ(actions.size(), 1U);
    EXPECT_EQ(std::get<publish_action>(actions[0]),
              (publish_action{"/PubTopic1", "data send from module", 0, false}));
    EXPECT_EQ(format_inbound(s, {}, "/SubTopic1", "data from client", {}), "1,data from client");
}

TEST(DistributionMode, PayloadKeepsCommasAndEmptyPayloadIsPublished) {
    const auto s = with_mode(transfer_mode::distribution);
    EXPECT_EQ(std::get<publish_action>(route(s, "1,a,b,c").at(0)).payload, "a,b,c");
    EXPECT_EQ(std::get<publish_action>(route(s, "1,").at(0)).payload, "");
}

TEST(DistributionMode, DisabledNonexistentOrMalformedSlotIsDiscarded) {
    auto s = with_mode(transfer_mode::distribution);
    s.publish[9].enabled = true;
    EXPECT_EQ(route(s, "10,x").size(), 1U);
    for (const char* frame :
         {"2,x", "11,x", "-1,x", "01x,x", "no comma", "", ",x", " 1,x", "99999999999999999999,x"}) {
        SCOPED_TRACE(frame);
        EXPECT_TRUE(route(s, frame).empty());
    }
    const quirk_set q{quirk::publishes_disabled_topics};
    EXPECT_EQ(route(s, "2,x", q).size(), 1U);
}

TEST(DistributionMode, ManualExampleTemporaryPublish) {
    const auto s = with_mode(transfer_mode::distribution);
    const auto actions = route(s, "0,0,tmppub1,0,0,hello");
    ASSERT_EQ(actions.size(), 1U);
    EXPECT_EQ(std::get<publish_action>(actions[0]), (publish_action{"tmppub1", "hello", 0, false}));
    EXPECT_EQ(std::get<publish_action>(route(s, "0,0,t,2,1,a,b").at(0)),
              (publish_action{"t", "a,b", 2, true}));
}

TEST(DistributionMode, MalformedTemporaryFramesAreDiscarded) {
    const auto s = with_mode(transfer_mode::distribution);
    for (const char* frame : {"0,0,t,3,0,x", "0,0,t,0,2,x", "0,0,,0,0,x", "0,0,t,0,0", "0,1,t,3",
                              "0,1,,0", "0,1,t", "0,3,t,0", "0,", "0", "0,1,t,0,extra"}) {
        SCOPED_TRACE(frame);
        EXPECT_TRUE(route(s, frame).empty());
    }
    const std::string long_topic(129, 't');
    EXPECT_TRUE(route(s, "0,1," + long_topic + ",0").empty());
}

TEST(DistributionMode, ManualExampleTemporarySubscribeAndUnsubscribe) {
    const auto s = with_mode(transfer_mode::distribution);
    const auto sub = route(s, "0,1,tmpsub1,0");
    ASSERT_EQ(sub.size(), 1U);
    EXPECT_EQ(std::get<subscribe_action>(sub[0]), (subscribe_action{"tmpsub1", 0}));
    // A terminal's line end after the qos is tolerated.
    EXPECT_EQ(std::get<subscribe_action>(route(s, "0,1,a/+,2\r\n").at(0)),
              (subscribe_action{"a/+", 2}));
    EXPECT_EQ(std::get<unsubscribe_action>(route(s, "0,2,tmpsub1,0").at(0)),
              (unsubscribe_action{"tmpsub1"}));

    const std::vector<temporary_subscription> temporary{{"tmpsub1", 0}};
    EXPECT_EQ(format_inbound(s, temporary, "tmpsub1", "x", {}), "0,tmpsub1,x");
    EXPECT_EQ(format_inbound(s, {}, "tmpsub1", "x", {}), std::nullopt);

    const quirk_set ignored{quirk::temp_subscribe_ignored};
    EXPECT_TRUE(route(s, "0,1,tmpsub1,0", ignored).empty());
}

TEST(DataPathQuirks, NulCutQos1AsQos0CommaCutAndTemporaryQuirks) {
    auto s = with_mode(transfer_mode::transparent);
    s.publish[0].qos = 1;
    const quirk_set nul{quirk::payload_cut_at_nul};
    EXPECT_EQ(std::get<publish_action>(route(s, std::string("ab\0cd", 5), nul).at(0)).payload,
              "ab");
    const quirk_set qos0{quirk::qos1_sent_as_qos0};
    EXPECT_EQ(std::get<publish_action>(route(s, "x", qos0).at(0)).qos, 0);
    EXPECT_EQ(std::get<publish_action>(route(s, "x").at(0)).qos, 1);

    s.transfer = transfer_mode::distribution;
    const quirk_set comma{quirk::distribution_comma_ends_payload};
    EXPECT_EQ(std::get<publish_action>(route(s, "1,a,b", comma).at(0)).payload, "a");
    EXPECT_EQ(std::get<publish_action>(route(s, "1,a,b").at(0)).payload, "a,b");
    const quirk_set temp{quirk::temp_publish_ignores_qos_retain};
    EXPECT_EQ(std::get<publish_action>(route(s, "0,0,t,2,1,x", temp).at(0)),
              (publish_action{"t", "x", 0, false}));
    const quirk_set unsub{quirk::temp_unsubscribe_ignored};
    EXPECT_TRUE(route(s, "0,2,t,0", unsub).empty());
    EXPECT_EQ(route(s, "0,2,t,0").size(), 1U);
}

TEST(DistributionMode, InboundPrefersTheLowestMatchingFixedSlot) {
    auto s = with_mode(transfer_mode::distribution);
    s.subscribe[3] = {true, "dev/#", 1};
    s.subscribe[6] = {true, "dev/+/temp", 0};
    const std::vector<temporary_subscription> temporary{{"dev/1/temp", 0}};
    EXPECT_EQ(format_inbound(s, temporary, "dev/1/temp", "21", {}), "4,21");
    s.subscribe[3].enabled = false;
    EXPECT_EQ(format_inbound(s, temporary, "dev/1/temp", "21", {}), "7,21");
    s.subscribe[6].enabled = false;
    EXPECT_EQ(format_inbound(s, temporary, "dev/1/temp", "21", {}), "0,dev/1/temp,21");

    const quirk_set q{quirk::distribution_no_prefix};
    EXPECT_EQ(format_inbound(s, temporary, "dev/1/temp", "21", q), "21");
}

} // namespace
} // namespace athil::sim
