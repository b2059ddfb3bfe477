#include "harness/mqtt/decode_body.hpp"

#include "harness/mqtt/wire_format.hpp"

#include <string>

namespace athil::mqtt::detail {
namespace {

constexpr std::uint8_t level_3_1 = 3;
constexpr std::uint8_t level_5 = 5;

// Rules that MQTT 3.1.1 makes mandatory; a 3.1 client is judged by its own, looser spec.
bool strict(const decode_context& context) {
    return context.protocol_level >= 4;
}

std::uint16_t nonzero_id(wire::reader& r) {
    const std::uint16_t id = r.u16("packet identifier");
    if (id == 0) {
        r.fail("packet identifier is 0 (MQTT 3.1.1 §2.3.1 requires a non-zero identifier) "
               "[MQTT-2.3.1-1]");
    }
    return id;
}

std::optional<std::string> optional_field(wire::reader& r, bool flagged, const char* what,
                                          const char* statement, const decode_context& context) {
    if (!flagged) {
        return std::nullopt;
    }
    // MQTT 3.1 let a client set the flag and leave the field out; mosquitto accepts that too.
    if (r.empty()) {
        if (!strict(context)) {
            return std::nullopt;
        }
        r.fail(std::string(what) + " flag set but the field is missing " + statement);
    }
    return r.str(what);
}

// Bytes after the last present field stand where the next field of the order (will, user name,
// password) would be, had its flag been set.
void expect_connect_end(wire::reader& r, bool will, bool has_username, bool has_password) {
    if (r.empty()) {
        return;
    }
    const char* statement = has_password   ? "[§2]"
                            : has_username ? "[MQTT-3.1.2-20]"
                            : will         ? "[MQTT-3.1.2-18]"
                                           : "[MQTT-3.1.2-11]";
    r.fail("unexpected byte(s) after the last flagged field " + std::string(statement));
}

connect_packet decode_connect(wire::reader& r, decode_context& context) {
    connect_packet p;
    p.protocol_name = r.str("protocol name");
    p.protocol_level = r.u8("protocol level");
    if (p.protocol_level == level_5) {
        r.fail("protocol level 5 (MQTT 5.0) is not an MQTT 3.1/3.1.1 CONNECT");
    }
    context.protocol_level = p.protocol_level;
    const std::uint8_t flags = r.u8("connect flags");
    p.keepalive = r.u16("keepalive");
    p.client_id = r.str("client identifier");

    const bool will = (flags & 0x04u) != 0;
    const auto will_qos = static_cast<std::uint8_t>((flags >> 3) & 0x03u);
    const bool will_retain = (flags & 0x20u) != 0;
    const bool has_password = (flags & 0x40u) != 0;
    const bool has_username = (flags & 0x80u) != 0;
    p.clean_session = (flags & 0x02u) != 0;

    if (strict(context)) {
        if ((flags & 0x01u) != 0) {
            r.fail("reserved connect flag (bit 0) is set [MQTT-3.1.2-3]");
        }
        if (!will && will_qos != 0) {
            r.fail("will qos/retain set without the will flag: will qos " +
                   std::to_string(will_qos) + " [MQTT-3.1.2-13]");
        }
        if (!will && will_retain) {
            r.fail("will qos/retain set without the will flag: will retain 1 [MQTT-3.1.2-15]");
        }
        if (has_password && !has_username) {
            r.fail("password flag set without the user name flag (MQTT 3.1.1 §3.1.2.9) "
                   "[MQTT-3.1.2-22]");
        }
    }
    if (will_qos == 3) {
        r.fail("will qos 3 is reserved [MQTT-3.1.2-14]");
    }
    if (will) {
        if (r.empty()) {
            r.fail("will flag set but the will topic and message are missing [MQTT-3.1.2-9]");
        }
        will_message w;
        w.topic = r.str("will topic");
        w.payload = r.str("will message");
        w.qos = will_qos;
        w.retain = will_retain;
        p.will = std::move(w);
    }
    p.username = optional_field(r, has_username, "user name", "[MQTT-3.1.2-19]", context);
    p.password = optional_field(r, has_password, "password", "[MQTT-3.1.2-21]", context);
    expect_connect_end(r, will, has_username, has_password);
    return p;
}

connack_packet decode_connack(wire::reader& r) {
    connack_packet p;
    const std::uint8_t ack_flags = r.u8("acknowledge flags");
    if ((ack_flags & 0xFEu) != 0) {
        r.fail("reserved acknowledge flag bits are set");
    }
    p.session_present = (ack_flags & 0x01u) != 0;
    p.return_code = r.u8("return code");
    r.expect_end();
    return p;
}

publish_packet decode_publish(wire::reader& r, std::uint8_t flags) {
    publish_packet p;
    p.dup = (flags & 0x08u) != 0;
    p.qos = static_cast<std::uint8_t>((flags >> 1) & 0x03u);
    p.retain = (flags & 0x01u) != 0;
    if (p.qos == 3) {
        r.fail("qos 3 (both qos bits set) is reserved [MQTT-3.3.1-4]");
    }
    p.topic = r.str("topic name");
    if (p.qos > 0) {
        p.packet_id = nonzero_id(r);
    }
    p.payload = r.rest();
    return p;
}

template <typename Ack>
Ack decode_id_only(wire::reader& r) {
    Ack p;
    p.packet_id = nonzero_id(r);
    r.expect_end();
    return p;
}

std::uint8_t requested_qos(wire::reader& r) {
    const std::uint8_t qos = r.u8("requested qos");
    if (qos > 2) {
        r.fail("requested qos " + std::to_string(qos) + " is not 0, 1 or 2 [MQTT-3.8.3-4]");
    }
    return qos;
}

subscribe_packet decode_subscribe(wire::reader& r) {
    subscribe_packet p;
    p.packet_id = nonzero_id(r);
    while (!r.empty()) {
        subscription s;
        s.topic_filter = r.str("topic filter");
        s.qos = requested_qos(r);
        p.subscriptions.push_back(std::move(s));
    }
    if (p.subscriptions.empty()) {
        r.fail("no topic filter (MQTT 3.1.1 §3.8.3 requires at least one) [MQTT-3.8.3-3]");
    }
    return p;
}

suback_packet decode_suback(wire::reader& r) {
    suback_packet p;
    p.packet_id = nonzero_id(r);
    while (!r.empty()) {
        const std::uint8_t code = r.u8("return code");
        if (code > 2 && code != 0x80) {
            r.fail("return code " + std::to_string(code) + " is not 0, 1, 2 or 128");
        }
        p.return_codes.push_back(code);
    }
    if (p.return_codes.empty()) {
        r.fail("no return code");
    }
    return p;
}

unsubscribe_packet decode_unsubscribe(wire::reader& r) {
    unsubscribe_packet p;
    p.packet_id = nonzero_id(r);
    while (!r.empty()) {
        p.topic_filters.push_back(r.str("topic filter"));
    }
    if (p.topic_filters.empty()) {
        r.fail("no topic filter (MQTT 3.1.1 §3.10.3 requires at least one) [MQTT-3.10.3-2]");
    }
    return p;
}

template <typename Empty>
Empty decode_empty(wire::reader& r) {
    r.expect_end();
    return Empty{};
}

// The statement a wrong fixed-header flag nibble breaks: the packet's own where it has one.
const char* flags_statement(packet_type type) {
    switch (type) {
    case packet_type::pubrel:
        return "[MQTT-3.6.1-1]";
    case packet_type::subscribe:
        return "[MQTT-3.8.1-1]";
    case packet_type::unsubscribe:
        return "[MQTT-3.10.1-1]";
    case packet_type::disconnect:
        return "[MQTT-3.14.1-1]";
    default:
        return "[MQTT-2.2.2-1]";
    }
}

// MQTT 3.1.1 §2.2.2: PUBREL, SUBSCRIBE and UNSUBSCRIBE carry 0b0010, PUBLISH its own flags,
// every other packet 0. MQTT 3.1 also allowed the DUP bit on the three qos-1 packets.
void check_flags(packet_type type, std::uint8_t flags, const decode_context& context) {
    const bool qos1_packet = type == packet_type::pubrel || type == packet_type::subscribe ||
                             type == packet_type::unsubscribe;
    if (type == packet_type::publish) {
        return; // dup/qos/retain: decoded and judged as fields
    }
    const bool ok =
        qos1_packet ? (flags == 0b0010 || (!strict(context) && flags == 0b1010)) : flags == 0;
    if (!ok) {
        throw athil_error(errc::protocol_error,
                          std::string("malformed MQTT ") + name_of(type) +
                              ": fixed-header flags 0x" + "0123456789ABCDEF"[flags & 0x0Fu] +
                              (qos1_packet ? " (must be 0x2) " : " (must be 0x0) ") +
                              flags_statement(type));
    }
}

} // namespace

packet decode_body(std::uint8_t first_byte, std::string_view body, decode_context& context) {
    const auto type_value = static_cast<std::uint8_t>(first_byte >> 4);
    const auto flags = static_cast<std::uint8_t>(first_byte & 0x0Fu);
    if (type_value == 0 || type_value == 15) {
        throw athil_error(errc::protocol_error, "malformed MQTT packet: reserved packet type " +
                                                    std::to_string(type_value));
    }
    const auto type = static_cast<packet_type>(type_value);
    check_flags(type, flags, context);
    wire::reader r(body, name_of(type));
    switch (type) {
    case packet_type::connect:
        return decode_connect(r, context);
    case packet_type::connack:
        return decode_connack(r);
    case packet_type::publish:
        return decode_publish(r, flags);
    case packet_type::puback:
        return decode_id_only<puback_packet>(r);
    case packet_type::pubrec:
        return decode_id_only<pubrec_packet>(r);
    case packet_type::pubrel:
        return decode_id_only<pubrel_packet>(r);
    case packet_type::pubcomp:
        return decode_id_only<pubcomp_packet>(r);
    case packet_type::subscribe:
        return decode_subscribe(r);
    case packet_type::suback:
        return decode_suback(r);
    case packet_type::unsubscribe:
        return decode_unsubscribe(r);
    case packet_type::unsuback:
        return decode_id_only<unsuback_packet>(r);
    case packet_type::pingreq:
        return decode_empty<pingreq_packet>(r);
    case packet_type::pingresp:
        return decode_empty<pingresp_packet>(r);
    case packet_type::disconnect:
        return decode_empty<disconnect_packet>(r);
    }
    throw athil_error(errc::protocol_error, "malformed MQTT packet: unknown type");
}

} // namespace athil::mqtt::detail
