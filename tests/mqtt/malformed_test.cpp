// Malformed input: each case must throw athil_error(protocol_error) with a sentence that names
// what is wrong, and the decoder must stay usable (or, when framing is lost, stop cleanly).

#include "harness/mqtt/codec.hpp"
#include "hex.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using namespace athil::mqtt;
using athil::mqtt::test::from_hex;
using ::testing::HasSubstr;

struct malformed_case {
    const char* name;
    const char* hex;
    const char* message; // a substring the error must contain
};

const malformed_case cases[] = {
    {"ReservedType0", "00 00", "reserved packet type 0"},
    {"ReservedType15", "F0 00", "reserved packet type 15"},
    {"PubackFlags", "41 02 00 01", "PUBACK: fixed-header flags 0x1"},
    {"PubrelFlagsZero", "60 02 00 01", "PUBREL: fixed-header flags 0x0 (must be 0x2)"},
    {"SubscribeFlagsZero", "80 06 00 01 00 01 61 00",
     "SUBSCRIBE: fixed-header flags 0x0 (must be 0x2) [MQTT-3.8.1-1]"},
    {"UnsubscribeFlags", "A0 05 00 01 00 01 61", "UNSUBSCRIBE: fixed-header flags"},
    {"PingreqFlags", "C1 00", "PINGREQ: fixed-header flags 0x1 (must be 0x0) [MQTT-2.2.2-1]"},
    {"PingreqWithBody", "C0 01 00", "PINGREQ: 1 unexpected byte(s)"},
    {"DisconnectWithBody", "E0 02 00 00", "DISCONNECT: 2 unexpected byte(s)"},
    {"PublishQos3", "36 05 00 01 61 00 01", "PUBLISH: qos 3"},
    {"PublishIdZero", "32 05 00 01 61 00 00",
     "PUBLISH: packet identifier is 0 (MQTT 3.1.1 §2.3.1 requires a non-zero identifier) "
     "[MQTT-2.3.1-1]"},
    {"PublishTopicTruncated", "30 03 00 05 61", "topic name declares 5 bytes but only 1 remain"},
    {"PublishNoId", "32 03 00 01 61", "PUBLISH: ends before packet identifier"},
    {"PubackShort", "40 01 00", "PUBACK: ends before packet identifier"},
    {"PubackLong", "40 03 00 01 00", "PUBACK: 1 unexpected byte(s)"},
    {"ConnackLong", "20 03 00 00 00", "CONNACK: 1 unexpected byte(s)"},
    {"ConnackReservedBits", "20 02 02 00", "CONNACK: reserved acknowledge flag bits"},
    {"ConnackShort", "20 01 00", "CONNACK: ends before return code"},
    {"ConnectReservedFlag", "10 0E 00 04 4D 51 54 54 04 03 00 3C 00 02 63 31",
     "reserved connect flag (bit 0)"},
    {"ConnectPasswordWithoutUser", "10 10 00 04 4D 51 54 54 04 42 00 3C 00 01 71 00 01 70",
     "password flag set without the user name flag"},
    {"ConnectWillQos3", "10 13 00 04 4D 51 54 54 04 1E 00 3C 00 01 71 00 01 74 00 01 6D",
     "will qos 3"},
    {"ConnectWillQosWithoutWill", "10 0D 00 04 4D 51 54 54 04 0A 00 3C 00 01 71",
     "will qos/retain set without the will flag: will qos 1 [MQTT-3.1.2-13]"},
    {"ConnectWillRetainWithoutWill", "10 0D 00 04 4D 51 54 54 04 22 00 3C 00 01 71",
     "will qos/retain set without the will flag: will retain 1 [MQTT-3.1.2-15]"},
    {"ConnectTrailingBytes", "10 0E 00 04 4D 51 54 54 04 02 00 3C 00 01 71 FF",
     "CONNECT: unexpected byte(s) after the last flagged field [MQTT-3.1.2-11]"},
    {"ConnectUserMissing", "10 0D 00 04 4D 51 54 54 04 82 00 3C 00 01 71",
     "CONNECT: user name flag set but the field is missing [MQTT-3.1.2-19]"},
    {"ConnectMqtt5", "10 0E 00 04 4D 51 54 54 05 02 00 3C 00 00 00 00", "protocol level 5"},
    {"ConnectTruncatedHeader", "10 05 00 04 4D 51 54", "protocol name declares 4 bytes"},
    {"SubscribeNoFilter", "82 02 00 01", "SUBSCRIBE: no topic filter"},
    {"SubscribeQos3", "82 06 00 01 00 01 61 03", "SUBSCRIBE: requested qos 3"},
    {"SubscribeMissingQos", "82 05 00 01 00 01 61", "SUBSCRIBE: ends before requested qos"},
    {"SubscribeIdZero", "82 06 00 00 00 01 61 00", "SUBSCRIBE: packet identifier is 0"},
    {"SubackBadCode", "90 03 00 01 03", "SUBACK: return code 3"},
    {"SubackNoCode", "90 02 00 01", "SUBACK: no return code"},
    {"UnsubscribeNoFilter", "A2 02 00 01", "UNSUBSCRIBE: no topic filter"},
};

// Readable parameter names in test output.
void PrintTo(const malformed_case& c, std::ostream* os) {
    *os << c.name;
}

class Malformed : public ::testing::TestWithParam<malformed_case> {};

TEST_P(Malformed, ThrowsProtocolErrorNamingTheFault) {
    stream_decoder decoder;
    decoder.feed(from_hex(GetParam().hex));
    try {
        decoder.next();
        FAIL() << "no error for " << GetParam().hex;
    } catch (const athil::athil_error& e) {
        EXPECT_EQ(e.code(), athil::errc::protocol_error);
        EXPECT_THAT(e.what(), HasSubstr(GetParam().message));
    }
}

TEST_P(Malformed, SkipsTheBadPacketAndDecodesTheNext) {
    stream_decoder decoder;
    decoder.feed(from_hex(GetParam().hex));
    decoder.feed(encode(puback_packet{42}));
    EXPECT_THROW(decoder.next(), athil::athil_error);
    const auto after = decoder.next();
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(*after, packet(puback_packet{42}));
    EXPECT_FALSE(decoder.failed());
}

INSTANTIATE_TEST_SUITE_P(Mqtt311, Malformed, ::testing::ValuesIn(cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(MalformedFraming, RemainingLengthOverFourBytesStopsTheDecoder) {
    stream_decoder decoder;
    decoder.feed(from_hex("30 FF FF FF FF 7F"));
    try {
        decoder.next();
        FAIL() << "five-byte remaining length accepted";
    } catch (const athil::athil_error& e) {
        EXPECT_EQ(e.code(), athil::errc::protocol_error);
        EXPECT_THAT(e.what(), HasSubstr("past 4 bytes"));
    }
    EXPECT_TRUE(decoder.failed());
    decoder.feed(encode(pingreq_packet{}));
    EXPECT_FALSE(decoder.next().has_value()); // framing lost: nothing more is trusted
    EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(MalformedFraming, OversizedPacketIsRefusedFromItsHeaderAlone) {
    stream_decoder decoder(64);
    decoder.feed(from_hex("30 80 01")); // announces 128 body bytes, none sent yet
    try {
        decoder.next();
        FAIL() << "oversized packet accepted";
    } catch (const athil::athil_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("exceeds the decoder's maximum of 64"));
    }
    EXPECT_TRUE(decoder.failed());
}

TEST(MalformedFraming, IncompleteHeaderIsNotAnError) {
    stream_decoder decoder;
    decoder.feed(from_hex("30 FF FF FF"));
    EXPECT_FALSE(decoder.next().has_value());
    EXPECT_FALSE(decoder.failed());
    EXPECT_EQ(decoder.buffered(), 4u);
}

// MQTT 3.1 (MQIsdp/3) had a looser CONNECT and allowed DUP on resent qos-1 packets; a tap in
// front of a 3.1 client must report its packets rather than reject them.
TEST(Mqtt31Leniency, PasswordWithoutUserNameIsReported) {
    stream_decoder decoder;
    decoder.feed(from_hex("10 12 00 06 4D 51 49 73 64 70 03 42 00 3C 00 01 71 00 01 70"));
    const auto p = decoder.next();
    ASSERT_TRUE(p.has_value());
    const auto& c = std::get<connect_packet>(*p);
    EXPECT_EQ(c.protocol_name, "MQIsdp");
    EXPECT_EQ(c.protocol_level, 3);
    EXPECT_FALSE(c.username.has_value());
    EXPECT_EQ(c.password, "p");
}

TEST(Mqtt31Leniency, FlaggedButAbsentUserNameIsLeftOut) {
    stream_decoder decoder;
    decoder.feed(from_hex("10 0F 00 06 4D 51 49 73 64 70 03 C2 00 3C 00 01 71"));
    const auto p = decoder.next();
    ASSERT_TRUE(p.has_value());
    EXPECT_FALSE(std::get<connect_packet>(*p).username.has_value());
    EXPECT_FALSE(std::get<connect_packet>(*p).password.has_value());
}

TEST(Mqtt31Leniency, DupOnSubscribeAcceptedOnlyAfterA31Connect) {
    const std::string dup_subscribe = from_hex("8A 06 00 01 00 01 61 00");
    connect_packet v31;
    v31.protocol_name = "MQIsdp";
    v31.protocol_level = 3;
    stream_decoder old_client;
    old_client.feed(encode(v31) + dup_subscribe);
    ASSERT_TRUE(old_client.next().has_value());
    const auto sub = old_client.next();
    ASSERT_TRUE(sub.has_value());
    EXPECT_EQ(std::get<subscribe_packet>(*sub).subscriptions.at(0).topic_filter, "a");

    stream_decoder new_client;
    new_client.feed(encode(connect_packet{}) + dup_subscribe);
    ASSERT_TRUE(new_client.next().has_value());
    EXPECT_THROW(new_client.next(), athil::athil_error);
}

} // namespace
