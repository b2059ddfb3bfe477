#include "harness/mqtt/encode.hpp"

#include "harness/mqtt/wire_format.hpp"

namespace athil::mqtt {
namespace {

// Fixed-header flag nibble that MQTT 3.1.1 §2.2.2 prescribes for PUBREL, SUBSCRIBE and
// UNSUBSCRIBE (in 3.1 terms: qos 1).
constexpr std::uint8_t qos1_flags = 0b0010;

std::uint8_t checked_qos(std::uint8_t qos, const char* what) {
    if (qos > 3) {
        throw athil_error(errc::bad_input, std::string("MQTT ") + what + " qos " +
                                               std::to_string(qos) + " does not fit in 2 bits");
    }
    return qos;
}

struct body {
    std::uint8_t flags = 0;
    std::string bytes;
};

body encode_body(const connect_packet& p) {
    body b;
    wire::writer w(b.bytes);
    w.str(p.protocol_name, "protocol name");
    w.u8(p.protocol_level);
    std::uint8_t flags = 0;
    if (p.clean_session) {
        flags |= 0x02u;
    }
    if (p.will) {
        flags |= 0x04u;
        flags = static_cast<std::uint8_t>(flags | (checked_qos(p.will->qos, "will") << 3));
        if (p.will->retain) {
            flags |= 0x20u;
        }
    }
    if (p.password) {
        flags |= 0x40u;
    }
    if (p.username) {
        flags |= 0x80u;
    }
    w.u8(flags);
    w.u16(p.keepalive);
    w.str(p.client_id, "client id");
    if (p.will) {
        w.str(p.will->topic, "will topic");
        w.str(p.will->payload, "will message");
    }
    if (p.username) {
        w.str(*p.username, "user name");
    }
    if (p.password) {
        w.str(*p.password, "password");
    }
    return b;
}

body encode_body(const connack_packet& p) {
    body b;
    wire::writer w(b.bytes);
    w.u8(p.session_present ? 1 : 0);
    w.u8(p.return_code);
    return b;
}

body encode_body(const publish_packet& p) {
    body b;
    const std::uint8_t qos = checked_qos(p.qos, "PUBLISH");
    b.flags = static_cast<std::uint8_t>((p.dup ? 0x08u : 0u) | (qos << 1) | (p.retain ? 1u : 0u));
    wire::writer w(b.bytes);
    w.str(p.topic, "topic name");
    if (qos > 0) {
        w.u16(p.packet_id);
    }
    w.raw(p.payload);
    return b;
}

body id_only(std::uint16_t packet_id, std::uint8_t flags = 0) {
    body b;
    b.flags = flags;
    wire::writer(b.bytes).u16(packet_id);
    return b;
}

body encode_body(const puback_packet& p) {
    return id_only(p.packet_id);
}
body encode_body(const pubrec_packet& p) {
    return id_only(p.packet_id);
}
body encode_body(const pubrel_packet& p) {
    return id_only(p.packet_id, qos1_flags);
}
body encode_body(const pubcomp_packet& p) {
    return id_only(p.packet_id);
}
body encode_body(const unsuback_packet& p) {
    return id_only(p.packet_id);
}

body encode_body(const subscribe_packet& p) {
    body b = id_only(p.packet_id, qos1_flags);
    wire::writer w(b.bytes);
    for (const auto& s : p.subscriptions) {
        w.str(s.topic_filter, "topic filter");
        w.u8(s.qos);
    }
    return b;
}

body encode_body(const suback_packet& p) {
    body b = id_only(p.packet_id);
    wire::writer w(b.bytes);
    for (const auto code : p.return_codes) {
        w.u8(code);
    }
    return b;
}

body encode_body(const unsubscribe_packet& p) {
    body b = id_only(p.packet_id, qos1_flags);
    wire::writer w(b.bytes);
    for (const auto& f : p.topic_filters) {
        w.str(f, "topic filter");
    }
    return b;
}

body encode_body(const pingreq_packet&) {
    return {};
}
body encode_body(const pingresp_packet&) {
    return {};
}
body encode_body(const disconnect_packet&) {
    return {};
}

} // namespace

std::string encode(const packet& p) {
    const body b = std::visit([](const auto& alternative) { return encode_body(alternative); }, p);
    std::string out;
    out.reserve(b.bytes.size() + 5);
    const auto type = static_cast<std::uint8_t>(type_of(p));
    out.push_back(static_cast<char>((type << 4) | b.flags));
    wire::put_remaining_length(out, b.bytes.size());
    out.append(b.bytes);
    return out;
}

} // namespace athil::mqtt
