#include "harness/mqtt/topic.hpp"

#include <gtest/gtest.h>

namespace {

using athil::mqtt::topic_matches;
using athil::mqtt::valid_topic_filter;

struct match_case {
    const char* filter;
    const char* topic;
    bool matches;
};

// Examples of MQTT 3.1.1 §4.7.1–§4.7.2 plus the manual's topics.
const match_case table[] = {
    {"sport/tennis/player1/#", "sport/tennis/player1", true},
    {"sport/tennis/player1/#", "sport/tennis/player1/ranking", true},
    {"sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true},
    {"sport/tennis/player1/#", "sport/tennis/player2", false},
    {"sport/#", "sport", true},
    {"#", "sport/tennis", true},
    {"#", "/", true},
    {"sport/tennis/+", "sport/tennis/player1", true},
    {"sport/tennis/+", "sport/tennis/player1/ranking", false},
    {"sport/+", "sport", false},
    {"sport/+", "sport/", true},
    {"+/+", "/finance", true},
    {"/+", "/finance", true},
    {"+", "/finance", false},
    {"+", "finance", true},
    {"/PubTopic1", "/PubTopic1", true},
    {"/PubTopic1", "/PubTopic2", false},
    {"/PubTopic1", "PubTopic1", false},
    {"tmpsub1", "tmpsub1", true},
    {"a/b", "a/b/c", false},
    {"a/b/c", "a/b", false},
    {"A/b", "a/b", false}, // case sensitive
    {"#", "$SYS/broker/uptime", false},
    {"+/monitor/Clients", "$SYS/monitor/Clients", false},
    {"$SYS/#", "$SYS/broker/uptime", true},
    {"$SYS/monitor/+", "$SYS/monitor/Clients", true},
    // Invalid filters and topics match nothing.
    {"sport/tennis#", "sport/tennis", false},
    {"sport/tennis/#/ranking", "sport/tennis/x/ranking", false},
    {"sport+", "sport", false},
    {"", "", false},
    {"a", "", false},
    {"+", "+", false},
};

TEST(TopicMatches, SpecTable) {
    for (const auto& c : table) {
        EXPECT_EQ(topic_matches(c.filter, c.topic), c.matches)
            << "filter '" << c.filter << "' topic '" << c.topic << "'";
    }
}

TEST(ValidTopicFilter, FollowsSection471) {
    EXPECT_TRUE(valid_topic_filter("#"));
    EXPECT_TRUE(valid_topic_filter("+/tennis/#"));
    EXPECT_TRUE(valid_topic_filter("/"));
    EXPECT_FALSE(valid_topic_filter(""));
    EXPECT_FALSE(valid_topic_filter("a/#/b"));
    EXPECT_FALSE(valid_topic_filter("a#"));
    EXPECT_FALSE(valid_topic_filter("a/b+"));
}

} // namespace
