#pragma once
// MQTT 3.1 / 3.1.1 control packets as plain values. The structs hold exactly what travels on
// the wire (no derived state), so a decoded packet can be compared field by field with what a
// test expected, and a test can build a deliberately odd packet and encode it.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace athil::mqtt {

enum class packet_type : std::uint8_t {
    connect = 1,
    connack,
    publish,
    puback,
    pubrec,
    pubrel,
    pubcomp,
    subscribe,
    suback,
    unsubscribe,
    unsuback,
    pingreq,
    pingresp,
    disconnect
};

struct will_message {
    std::string topic;
    std::string payload;
    std::uint8_t qos = 0;
    bool retain = false;
    bool operator==(const will_message&) const = default;
};

// protocol_name/protocol_level are kept as seen on the wire: a 3.1 client sends "MQIsdp"/3.
struct connect_packet {
    std::string protocol_name = "MQTT";
    std::uint8_t protocol_level = 4;
    bool clean_session = true;
    std::uint16_t keepalive = 60;
    std::string client_id;
    std::optional<std::string> username;
    std::optional<std::string> password;
    std::optional<will_message> will;
    bool operator==(const connect_packet&) const = default;
};

struct connack_packet {
    bool session_present = false;
    std::uint8_t return_code = 0;
    bool operator==(const connack_packet&) const = default;
};

// packet_id travels only when qos > 0; with qos 0 it is neither encoded nor decoded (stays 0).
struct publish_packet {
    bool dup = false;
    std::uint8_t qos = 0;
    bool retain = false;
    std::string topic;
    std::uint16_t packet_id = 0;
    std::string payload;
    bool operator==(const publish_packet&) const = default;
};

// The four acknowledgements and UNSUBACK carry nothing but a packet identifier; they stay
// distinct types so that a variant alternative names the packet unambiguously.
struct puback_packet {
    std::uint16_t packet_id = 0;
    bool operator==(const puback_packet&) const = default;
};
struct pubrec_packet {
    std::uint16_t packet_id = 0;
    bool operator==(const pubrec_packet&) const = default;
};
struct pubrel_packet {
    std::uint16_t packet_id = 0;
    bool operator==(const pubrel_packet&) const = default;
};
struct pubcomp_packet {
    std::uint16_t packet_id = 0;
    bool operator==(const pubcomp_packet&) const = default;
};
struct unsuback_packet {
    std::uint16_t packet_id = 0;
    bool operator==(const unsuback_packet&) const = default;
};

struct subscription {
    std::string topic_filter;
    std::uint8_t qos = 0;
    bool operator==(const subscription&) const = default;
};

struct subscribe_packet {
    std::uint16_t packet_id = 0;
    std::vector<subscription> subscriptions;
    bool operator==(const subscribe_packet&) const = default;
};

// return codes: 0, 1, 2 (granted qos) or 0x80 (failure).
struct suback_packet {
    std::uint16_t packet_id = 0;
    std::vector<std::uint8_t> return_codes;
    bool operator==(const suback_packet&) const = default;
};

struct unsubscribe_packet {
    std::uint16_t packet_id = 0;
    std::vector<std::string> topic_filters;
    bool operator==(const unsubscribe_packet&) const = default;
};

struct pingreq_packet {
    bool operator==(const pingreq_packet&) const = default;
};
struct pingresp_packet {
    bool operator==(const pingresp_packet&) const = default;
};
struct disconnect_packet {
    bool operator==(const disconnect_packet&) const = default;
};

// Alternatives are in packet_type order, so type_of is the index plus one.
using packet =
    std::variant<connect_packet, connack_packet, publish_packet, puback_packet, pubrec_packet,
                 pubrel_packet, pubcomp_packet, subscribe_packet, suback_packet, unsubscribe_packet,
                 unsuback_packet, pingreq_packet, pingresp_packet, disconnect_packet>;

packet_type type_of(const packet& p) noexcept;

// "CONNECT", "PUBLISH", ... as the OASIS specification names them.
const char* name_of(packet_type t) noexcept;

} // namespace athil::mqtt
