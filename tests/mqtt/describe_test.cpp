#include "harness/mqtt/describe.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using namespace athil::mqtt;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Describe, PublishLineHasEveryField) {
    EXPECT_EQ(describe(publish_packet{false, 1, false, "/PubTopic1", 7, "hello"}),
              "PUBLISH qos=1 retain=0 dup=0 id=7 topic=/PubTopic1 payload(5)=hello");
    EXPECT_EQ(describe(publish_packet{true, 0, true, "t", 0, ""}),
              "PUBLISH qos=0 retain=1 dup=1 topic=t payload(0)=");
}

TEST(Describe, ConnectRedactsThePassword) {
    connect_packet c;
    c.protocol_name = "MQIsdp";
    c.protocol_level = 3;
    c.client_id = "cid";
    c.username = "user";
    c.password = "s3cret";
    c.will = will_message{"/will", "bye", 1, true};
    const std::string line = describe(c);
    EXPECT_EQ(line, "CONNECT proto=MQIsdp level=3 clean=1 keepalive=60 client_id=cid user=user "
                    "password=****** will(topic=/will qos=1 retain=1 payload(3)=bye)");
    EXPECT_THAT(line, Not(HasSubstr("s3cret")));
}

TEST(Describe, ListsAndAcks) {
    EXPECT_EQ(describe(subscribe_packet{3, {{"a/+", 1}, {"#", 0}}}), "SUBSCRIBE id=3 a/+@1 #@0");
    EXPECT_EQ(describe(suback_packet{3, {1, 0x80}}), "SUBACK id=3 codes=1,128");
    EXPECT_EQ(describe(unsubscribe_packet{4, {"a", "b"}}), "UNSUBSCRIBE id=4 a b");
    EXPECT_EQ(describe(pubrel_packet{9}), "PUBREL id=9");
    EXPECT_EQ(describe(connack_packet{true, 5}), "CONNACK session_present=1 rc=5");
    EXPECT_EQ(describe(pingreq_packet{}), "PINGREQ");
    EXPECT_EQ(describe(disconnect_packet{}), "DISCONNECT");
}

TEST(Printable, EscapesAndTruncates) {
    EXPECT_EQ(printable(std::string("a\0\r\n\\\xFF", 6)), "a\\x00\\x0D\\x0A\\\\\\xFF");
    EXPECT_EQ(printable(std::string(70, 'x'), 4), "xxxx...");
}

} // namespace
