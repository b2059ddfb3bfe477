#include "harness/mqtt/packet_fields.hpp"

#include "harness/mqtt/describe.hpp"

#include <string_view>
#include <type_traits>

namespace athil::mqtt {
namespace {

std::string flag(bool on) {
    return on ? "1" : "0";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : ",") + printable(i);
    }
    return out;
}

void add_fields(field_list& out, const connect_packet& c) {
    out.emplace_back("protocol", printable(c.protocol_name));
    out.emplace_back("level", std::to_string(c.protocol_level));
    out.emplace_back("clean_session", flag(c.clean_session));
    out.emplace_back("keepalive", std::to_string(c.keepalive));
    out.emplace_back("client_id", printable(c.client_id));
    if (c.username) {
        out.emplace_back("username", printable(*c.username));
    }
    out.emplace_back("password", c.password ? "(sent, not shown)" : "(none)");
    if (c.will) {
        out.emplace_back("will_topic", printable(c.will->topic));
        out.emplace_back("will_qos", std::to_string(c.will->qos));
        out.emplace_back("will_retain", flag(c.will->retain));
        out.emplace_back("will_payload", printable(c.will->payload));
    }
}

void add_fields(field_list& out, const connack_packet& c) {
    out.emplace_back("session_present", flag(c.session_present));
    out.emplace_back("return_code", std::to_string(c.return_code));
}

void add_fields(field_list& out, const publish_packet& p) {
    out.emplace_back("qos", std::to_string(p.qos));
    out.emplace_back("retain", flag(p.retain));
    out.emplace_back("dup", flag(p.dup));
    if (p.qos > 0) {
        out.emplace_back("id", std::to_string(p.packet_id));
    }
    out.emplace_back("topic", printable(p.topic));
    out.emplace_back("payload_bytes", std::to_string(p.payload.size()));
    out.emplace_back("payload", printable(p.payload));
}

void add_fields(field_list& out, const subscribe_packet& s) {
    out.emplace_back("id", std::to_string(s.packet_id));
    std::vector<std::string> filters;
    for (const auto& sub : s.subscriptions) {
        filters.push_back(sub.topic_filter + " q" + std::to_string(sub.qos));
    }
    out.emplace_back("filters", joined(filters));
}

void add_fields(field_list& out, const suback_packet& s) {
    out.emplace_back("id", std::to_string(s.packet_id));
    std::string codes;
    for (const auto c : s.return_codes) {
        codes += (codes.empty() ? "" : ",") + std::to_string(c);
    }
    out.emplace_back("return_codes", codes);
}

void add_fields(field_list& out, const unsubscribe_packet& u) {
    out.emplace_back("id", std::to_string(u.packet_id));
    out.emplace_back("filters", joined(u.topic_filters));
}

// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: an identifier only.
template <class P>
requires requires(const P& p) {
    p.packet_id;
}
void add_fields(field_list& out, const P& p) {
    out.emplace_back("id", std::to_string(p.packet_id));
}

// PINGREQ, PINGRESP, DISCONNECT: nothing but the type.
template <class P>
void add_fields(field_list& /*out*/, const P& /*p*/) {}

} // namespace

field_list packet_fields(const packet& p) {
    field_list out;
    out.emplace_back("type", name_of(type_of(p)));
    std::visit([&out](const auto& x) { add_fields(out, x); }, p);
    return out;
}

} // namespace athil::mqtt
