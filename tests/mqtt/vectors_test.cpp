// Known byte vectors, written by hand from the OASIS MQTT 3.1.1 figures (and the 3.1 CONNECT
// layout), checked in both directions: encode gives exactly these bytes, decode gives back
// exactly these fields.

#include "harness/mqtt/codec.hpp"
#include "harness/mqtt/wire_format.hpp"
#include "hex.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::mqtt;
using athil::mqtt::test::from_hex;
using athil::mqtt::test::to_hex;

struct vector_case {
    const char* name;
    packet value;
    const char* hex;
};

packet decode_one(const std::string& bytes) {
    stream_decoder decoder;
    decoder.feed(bytes);
    auto p = decoder.next();
    if (!p) {
        throw std::runtime_error("decoder returned no packet for a complete vector");
    }
    EXPECT_EQ(decoder.buffered(), 0u);
    return *p;
}

connect_packet full_connect() {
    connect_packet c;
    c.clean_session = true;
    c.keepalive = 10;
    c.client_id = "cid";
    c.will = will_message{"t", "bye", 1, false};
    c.username = "u";
    c.password = "pw";
    return c;
}

connect_packet connect_3_1() {
    connect_packet c;
    c.protocol_name = "MQIsdp";
    c.protocol_level = 3;
    c.clean_session = true;
    c.keepalive = 60;
    c.client_id = "c1";
    return c;
}

const vector_case cases[] = {
    // §3.1.2: flags 0xCE = user name, password, will qos 1, will flag, clean session.
    {"Connect311Full", full_connect(),
     "10 1E 00 04 4D 51 54 54 04 CE 00 0A 00 03 63 69 64 00 01 74 00 03 62 79 65 00 01 75 "
     "00 02 70 77"},
    {"Connect31", connect_3_1(), "10 10 00 06 4D 51 49 73 64 70 03 02 00 3C 00 02 63 31"},
    {"Connack", connack_packet{}, "20 02 00 00"},
    {"ConnackSessionPresent", connack_packet{true, 0}, "20 02 01 00"},
    {"ConnackNotAuthorized", connack_packet{false, 5}, "20 02 00 05"},
    {"PublishQos0Retain", publish_packet{false, 0, true, "x", 0, "yz"}, "31 05 00 01 78 79 7A"},
    {"PublishQos1", publish_packet{false, 1, false, "a/b", 10, "hi"},
     "32 09 00 03 61 2F 62 00 0A 68 69"},
    {"PublishQos2Dup", publish_packet{true, 2, false, "a", 0x1234, ""}, "3C 05 00 01 61 12 34"},
    {"Puback", puback_packet{7}, "40 02 00 07"},
    {"Pubrec", pubrec_packet{0x0102}, "50 02 01 02"},
    {"Pubrel", pubrel_packet{7}, "62 02 00 07"},
    {"Pubcomp", pubcomp_packet{0xFFFF}, "70 02 FF FF"},
    // §3.8.3 figure 3.22: id 10, "a/b" qos 1, "c/d" qos 2.
    {"Subscribe", subscribe_packet{10, {{"a/b", 1}, {"c/d", 2}}},
     "82 0E 00 0A 00 03 61 2F 62 01 00 03 63 2F 64 02"},
    // §3.9.3 figure 3.26: granted 0, granted 2, failure.
    {"Suback", suback_packet{10, {0, 2, 0x80}}, "90 05 00 0A 00 02 80"},
    {"Unsubscribe", unsubscribe_packet{10, {"a/b", "c/d"}},
     "A2 0C 00 0A 00 03 61 2F 62 00 03 63 2F 64"},
    {"Unsuback", unsuback_packet{10}, "B0 02 00 0A"},
    {"Pingreq", pingreq_packet{}, "C0 00"},
    {"Pingresp", pingresp_packet{}, "D0 00"},
    {"Disconnect", disconnect_packet{}, "E0 00"},
};

// Readable parameter names in test output.
void PrintTo(const vector_case& c, std::ostream* os) {
    *os << c.name;
}

class KnownVector : public ::testing::TestWithParam<vector_case> {};

TEST_P(KnownVector, EncodesToSpecBytes) {
    EXPECT_EQ(to_hex(encode(GetParam().value)), to_hex(from_hex(GetParam().hex)));
}

TEST_P(KnownVector, DecodesToSpecFields) {
    const packet decoded = decode_one(from_hex(GetParam().hex));
    EXPECT_EQ(decoded, GetParam().value) << describe(decoded);
}

INSTANTIATE_TEST_SUITE_P(Mqtt311, KnownVector, ::testing::ValuesIn(cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(TypeOf, NamesEveryAlternative) {
    EXPECT_EQ(type_of(connect_packet{}), packet_type::connect);
    EXPECT_EQ(type_of(publish_packet{}), packet_type::publish);
    EXPECT_EQ(type_of(pubrel_packet{}), packet_type::pubrel);
    EXPECT_EQ(type_of(unsuback_packet{}), packet_type::unsuback);
    EXPECT_EQ(type_of(disconnect_packet{}), packet_type::disconnect);
    EXPECT_STREQ(name_of(packet_type::pubcomp), "PUBCOMP");
    EXPECT_STREQ(name_of(type_of(suback_packet{})), "SUBACK");
}

// §2.2.3 table 2.4: the boundaries of each remaining-length size.
TEST(RemainingLength, MatchesSpecTable) {
    const std::pair<std::size_t, const char*> table[] = {
        {0, "00"},
        {127, "7F"},
        {128, "80 01"},
        {16'383, "FF 7F"},
        {16'384, "80 80 01"},
        {2'097'151, "FF FF 7F"},
        {2'097'152, "80 80 80 01"},
        {268'435'455, "FF FF FF 7F"},
    };
    for (const auto& [value, hex] : table) {
        std::string out;
        wire::put_remaining_length(out, value);
        EXPECT_EQ(to_hex(out), hex) << value;
        const auto back = wire::get_remaining_length(out);
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(back->value, value);
        EXPECT_EQ(back->encoded_size, out.size());
    }
}

TEST(RemainingLength, EncoderRefusesWhatFourBytesCannotHold) {
    std::string out;
    EXPECT_THROW(wire::put_remaining_length(out, 268'435'456), athil::athil_error);
}

TEST(Encode, LongPayloadUsesMultiByteLength) {
    const publish_packet p{false, 0, false, "t", 0, std::string(200, 'x')};
    const std::string bytes = encode(p);
    // 2 + 1 (topic) + 200 = 203 = 0xCB 0x01
    EXPECT_EQ(to_hex(bytes.substr(0, 3)), "30 CB 01");
    EXPECT_EQ(bytes.size(), 3u + 203u);
}

TEST(Encode, RefusesUnrepresentableFields) {
    connect_packet c;
    c.client_id = std::string(65'536, 'c');
    EXPECT_THROW(encode(c), athil::athil_error);
    EXPECT_THROW(encode(publish_packet{false, 4, false, "t", 1, ""}), athil::athil_error);
}

TEST(Encode, WritesDeliberatelyNonconformingConnect) {
    // A quirky firmware may send a password without a user name: the encoder must produce it.
    connect_packet c;
    c.client_id = "q";
    c.password = "p";
    EXPECT_EQ(to_hex(encode(c)), "10 10 00 04 4D 51 54 54 04 42 00 3C 00 01 71 00 01 70");
}

} // namespace
