#include "harness/mqtt/describe.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace athil::mqtt {
namespace {

std::string shown(std::string_view label, std::string_view bytes) {
    return fmt::format("{}({})={}", label, bytes.size(), printable(bytes));
}

std::string describe_one(const connect_packet& p) {
    std::string s = fmt::format("CONNECT proto={} level={} clean={} keepalive={} client_id={}",
                                printable(p.protocol_name), p.protocol_level,
                                p.clean_session ? 1 : 0, p.keepalive, printable(p.client_id));
    if (p.username) {
        s += " user=" + printable(*p.username);
    }
    if (p.password) {
        s += " password=******";
    }
    if (p.will) {
        s += fmt::format(" will(topic={} qos={} retain={} {})", printable(p.will->topic),
                         p.will->qos, p.will->retain ? 1 : 0, shown("payload", p.will->payload));
    }
    return s;
}

std::string describe_one(const connack_packet& p) {
    return fmt::format("CONNACK session_present={} rc={}", p.session_present ? 1 : 0,
                       p.return_code);
}

std::string describe_one(const publish_packet& p) {
    std::string s =
        fmt::format("PUBLISH qos={} retain={} dup={}", p.qos, p.retain ? 1 : 0, p.dup ? 1 : 0);
    if (p.qos > 0) {
        s += fmt::format(" id={}", p.packet_id);
    }
    return s + fmt::format(" topic={} {}", printable(p.topic), shown("payload", p.payload));
}

std::string id_line(const char* name, std::uint16_t id) {
    return fmt::format("{} id={}", name, id);
}

std::string describe_one(const puback_packet& p) {
    return id_line("PUBACK", p.packet_id);
}
std::string describe_one(const pubrec_packet& p) {
    return id_line("PUBREC", p.packet_id);
}
std::string describe_one(const pubrel_packet& p) {
    return id_line("PUBREL", p.packet_id);
}
std::string describe_one(const pubcomp_packet& p) {
    return id_line("PUBCOMP", p.packet_id);
}
std::string describe_one(const unsuback_packet& p) {
    return id_line("UNSUBACK", p.packet_id);
}

std::string describe_one(const subscribe_packet& p) {
    std::string s = id_line("SUBSCRIBE", p.packet_id);
    for (const auto& sub : p.subscriptions) {
        s += fmt::format(" {}@{}", printable(sub.topic_filter), sub.qos);
    }
    return s;
}

std::string describe_one(const suback_packet& p) {
    std::string s = id_line("SUBACK", p.packet_id) + " codes=";
    for (std::size_t i = 0; i < p.return_codes.size(); ++i) {
        s += fmt::format("{}{}", i == 0 ? "" : ",", p.return_codes[i]);
    }
    return s;
}

std::string describe_one(const unsubscribe_packet& p) {
    std::string s = id_line("UNSUBSCRIBE", p.packet_id);
    for (const auto& f : p.topic_filters) {
        s += " " + printable(f);
    }
    return s;
}

std::string describe_one(const pingreq_packet&) {
    return "PINGREQ";
}
std::string describe_one(const pingresp_packet&) {
    return "PINGRESP";
}
std::string describe_one(const disconnect_packet&) {
    return "DISCONNECT";
}

} // namespace

std::string printable(std::string_view bytes, std::size_t max_bytes) {
    std::string out;
    const std::size_t n = std::min(bytes.size(), max_bytes);
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out.push_back(static_cast<char>(c));
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out += fmt::format("\\x{:02X}", c);
        }
    }
    if (bytes.size() > n) {
        out += "...";
    }
    return out;
}

std::string describe(const packet& p) {
    return std::visit([](const auto& alternative) { return describe_one(alternative); }, p);
}

} // namespace athil::mqtt
