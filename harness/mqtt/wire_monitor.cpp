#include "harness/mqtt/wire_monitor.hpp"

#include "harness/mqtt/describe.hpp"
#include "harness/mqtt/topic.hpp"

#include <algorithm>
#include <deque>
#include <regex>
#include <set>

namespace athil::mqtt {
namespace {

// A quirk that breaks a rule on every packet must not grow a long case without bound.
constexpr std::size_t max_violations = 200;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool well_formed_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + n >= s.size()) {
            return false; // truncated sequence
        }
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0u) != 0x80u) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        constexpr std::uint32_t smallest[] = {0, 0x80, 0x800, 0x10000}; // by continuation bytes
        if (cp < smallest[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

bool has_nul(std::string_view s) {
    return s.find('\0') != std::string_view::npos;
}

struct outbound {
    std::uint8_t qos = 1;
    std::string topic; // with the payload: tells a re-sent PUBLISH from a new one
    std::string payload;
    bool pubrec_seen = false; // QoS 2: the server's PUBREC arrived
    bool released = false;    // QoS 2: the client sent PUBREL
};

// What a client keeps across connections of one session (MQTT 3.1.1 §4.1).
struct session {
    std::map<std::uint16_t, outbound> in_flight; // the client's QoS > 0 PUBLISHes
    // False when the first CONNECT seen for the client id had CleanSession 0: the client may
    // hold state from before the monitor started, so unknown ids are not judged.
    bool known = true;
};

struct connection {
    bool any_from_client = false;
    bool connect_seen = false;
    bool disconnected = false;
    session* s = nullptr;
    session anonymous;                      // until the CONNECT names the client id
    std::set<std::uint16_t> sub_in_flight;  // SUBSCRIBE/UNSUBSCRIBE awaiting SUBACK/UNSUBACK
    std::deque<std::uint16_t> inbound_qos1; // the server's QoS 1 PUBLISHes awaiting PUBACK
    std::deque<std::uint16_t> inbound_qos2; // the server's QoS 2 PUBLISHes awaiting PUBREC
    std::set<std::uint16_t> inbound_recd;   // PUBREC sent, PUBREL not yet received
    std::deque<std::uint16_t> pubrecs;      // the server's PUBRECs awaiting the client's PUBREL

    session& sess() { return s ? *s : anonymous; }
};

template <typename T>
bool erase_value(std::deque<T>& q, const T& v) {
    const auto it = std::find(q.begin(), q.end(), v);
    if (it == q.end()) {
        return false;
    }
    q.erase(it);
    return true;
}

} // namespace

struct wire_monitor::state {
    std::map<std::size_t, connection> connections;
    std::map<std::string, session> sessions; // by client id

    // The checks of one client packet; `flag` records a violation.
    template <typename Flag>
    void client_packet(connection& c, const packet& p, Flag&& flag);
    // The server's packets only move the state the client's packets are judged against.
    void server_packet(connection& c, const packet& p);
};

namespace {

// Topic name of a PUBLISH or a will: present, UTF-8, no NUL, no wildcard.
template <typename Flag>
void check_topic_name(std::string_view topic, const char* utf8_statement, Flag&& flag) {
    if (topic.empty()) {
        flag("MQTT-4.7.3-1", "the topic name is empty");
    } else if (has_nul(topic)) {
        flag("MQTT-4.7.3-2", "the topic name contains U+0000");
    } else if (!well_formed_utf8(topic)) {
        flag(utf8_statement, "the topic name is not well-formed UTF-8");
    } else if (topic.find_first_of("+#") != std::string_view::npos) {
        flag("MQTT-3.3.2-2", "the topic name contains a wildcard");
    }
}

template <typename Flag>
void check_topic_filter(std::string_view filter, const char* utf8_statement, Flag&& flag) {
    if (filter.empty()) {
        flag("MQTT-4.7.3-1", "a topic filter is empty");
    } else if (has_nul(filter)) {
        flag("MQTT-4.7.3-2", "a topic filter contains U+0000");
    } else if (!well_formed_utf8(filter)) {
        flag(utf8_statement, "a topic filter is not well-formed UTF-8");
    } else if (!valid_topic_filter(filter)) {
        const auto hash = filter.find('#');
        const bool hash_ok = hash == std::string_view::npos ||
                             (hash == filter.size() - 1 && (hash == 0 || filter[hash - 1] == '/'));
        flag(hash_ok ? "MQTT-4.7.1-3" : "MQTT-4.7.1-2",
             hash_ok ? "a '+' does not occupy a whole level of the filter"
                     : "a '#' is not alone in the last level of the filter");
    }
}

// An acknowledgement must answer the oldest unanswered packet first (MQTT 3.1.1 §4.6).
template <typename Flag>
void check_order(const std::deque<std::uint16_t>& unanswered, std::uint16_t id,
                 const char* statement, const char* ack, const char* answered, Flag&& flag) {
    if (!unanswered.empty() && unanswered.front() != id &&
        std::find(unanswered.begin(), unanswered.end(), id) != unanswered.end()) {
        flag(statement, std::string(ack) + " " + std::to_string(id) + " before " + ack + " " +
                            std::to_string(unanswered.front()) + " of an earlier " + answered);
    }
}

template <typename Flag>
void check_string(std::string_view s, const char* statement, const char* what, Flag&& flag) {
    if (has_nul(s)) {
        flag("MQTT-1.5.3-2", std::string(what) + " contains U+0000");
    } else if (!well_formed_utf8(s)) {
        flag(statement, std::string(what) + " is not well-formed UTF-8");
    }
}

} // namespace

template <typename Flag>
void wire_monitor::state::client_packet(connection& c, const packet& p, Flag&& flag) {
    const bool first = !c.any_from_client;
    c.any_from_client = true;
    if (c.disconnected) {
        flag("MQTT-3.14.4-2", "a packet after the client's DISCONNECT");
    }
    if (const auto* x = std::get_if<connect_packet>(&p)) {
        if (c.connect_seen) {
            flag("MQTT-3.1.0-2", "a second CONNECT on the same connection");
            return;
        }
        c.connect_seen = true;
        check_string(x->client_id, "MQTT-3.1.3-4", "the client id", flag);
        if (x->client_id.empty() && !x->clean_session && x->protocol_level >= 4) {
            flag("MQTT-3.1.3-7", "a zero-length client id with CleanSession 0");
        }
        if (x->will) {
            check_topic_name(x->will->topic, "MQTT-3.1.3-10", flag);
        }
        if (x->username) {
            check_string(*x->username, "MQTT-3.1.3-11", "the user name", flag);
        }
        const bool is_new = !sessions.contains(x->client_id);
        auto& s = sessions[x->client_id];
        if (x->clean_session) {
            s = session{};
        } else if (is_new) {
            s.known = false;
        }
        c.s = &s;
        return;
    }
    if (first) {
        flag("MQTT-3.1.0-1", "the first packet on the connection is not CONNECT");
    }
    auto& s = c.sess();
    const auto id_unused = [&](std::uint16_t id) {
        return !s.in_flight.contains(id) && !c.sub_in_flight.contains(id);
    };
    if (const auto* x = std::get_if<publish_packet>(&p)) {
        if (x->qos == 0 && x->dup) {
            flag("MQTT-3.3.1-2", "DUP is 1 on a QoS 0 PUBLISH");
        }
        check_topic_name(x->topic, "MQTT-3.3.2-1", flag);
        if (x->qos == 0) {
            return;
        }
        const auto it = s.in_flight.find(x->packet_id);
        if (it != s.in_flight.end()) {
            if (it->second.released) {
                flag("MQTT-4.3.3-1", "a PUBLISH of id " + std::to_string(x->packet_id) +
                                         " after the client's PUBREL for it");
            } else if (!x->dup && it->second.topic == x->topic &&
                       it->second.payload == x->payload && it->second.qos == x->qos) {
                flag("MQTT-3.3.1-1",
                     "PUBLISH " + std::to_string(x->packet_id) + " re-sent with DUP 0");
            } else if (!x->dup) {
                flag("MQTT-2.3.1-2",
                     "a new PUBLISH uses id " + std::to_string(x->packet_id) + ", still in flight");
            }
            return;
        }
        if (c.sub_in_flight.contains(x->packet_id)) {
            flag("MQTT-2.3.1-2", "a new PUBLISH uses id " + std::to_string(x->packet_id) +
                                     ", still in flight for a SUBSCRIBE/UNSUBSCRIBE");
        } else if (x->dup && s.known) {
            flag(x->qos == 1 ? "MQTT-4.3.2-1" : "MQTT-4.3.3-1",
                 "DUP is 1 on the first PUBLISH of id " + std::to_string(x->packet_id));
        }
        s.in_flight[x->packet_id] = outbound{x->qos, x->topic, x->payload};
        return;
    }
    if (const auto* x = std::get_if<subscribe_packet>(&p)) {
        if (!id_unused(x->packet_id)) {
            flag("MQTT-2.3.1-2",
                 "a SUBSCRIBE uses id " + std::to_string(x->packet_id) + ", still in flight");
        }
        c.sub_in_flight.insert(x->packet_id);
        for (const auto& sub : x->subscriptions) {
            check_topic_filter(sub.topic_filter, "MQTT-3.8.3-1", flag);
        }
        return;
    }
    if (const auto* x = std::get_if<unsubscribe_packet>(&p)) {
        if (!id_unused(x->packet_id)) {
            flag("MQTT-2.3.1-2",
                 "an UNSUBSCRIBE uses id " + std::to_string(x->packet_id) + ", still in flight");
        }
        c.sub_in_flight.insert(x->packet_id);
        for (const auto& f : x->topic_filters) {
            check_topic_filter(f, "MQTT-3.10.3-1", flag);
        }
        return;
    }
    if (const auto* x = std::get_if<puback_packet>(&p)) {
        check_order(c.inbound_qos1, x->packet_id, "MQTT-4.6.0-2", "PUBACK", "PUBLISH", flag);
        if (!erase_value(c.inbound_qos1, x->packet_id)) {
            flag("MQTT-2.3.1-6", "PUBACK " + std::to_string(x->packet_id) +
                                     " answers no QoS 1 PUBLISH awaiting it");
        }
        return;
    }
    if (const auto* x = std::get_if<pubrec_packet>(&p)) {
        check_order(c.inbound_qos2, x->packet_id, "MQTT-4.6.0-3", "PUBREC", "PUBLISH", flag);
        if (erase_value(c.inbound_qos2, x->packet_id)) {
            c.inbound_recd.insert(x->packet_id);
        } else if (!c.inbound_recd.contains(x->packet_id)) {
            flag("MQTT-2.3.1-6", "PUBREC " + std::to_string(x->packet_id) +
                                     " answers no QoS 2 PUBLISH awaiting it");
        }
        return;
    }
    if (const auto* x = std::get_if<pubrel_packet>(&p)) {
        check_order(c.pubrecs, x->packet_id, "MQTT-4.6.0-4", "PUBREL", "PUBREC", flag);
        erase_value(c.pubrecs, x->packet_id);
        const auto it = s.in_flight.find(x->packet_id);
        if (it != s.in_flight.end() && (it->second.pubrec_seen || it->second.released)) {
            it->second.released = true;
        } else if (s.known) {
            flag("MQTT-2.3.1-6", "PUBREL " + std::to_string(x->packet_id) +
                                     " answers no PUBREC of a QoS 2 PUBLISH");
        }
        return;
    }
    if (std::holds_alternative<disconnect_packet>(p)) {
        c.disconnected = true;
    }
}

void wire_monitor::state::server_packet(connection& c, const packet& p) {
    auto& s = c.sess();
    if (const auto* pub = std::get_if<publish_packet>(&p)) {
        const auto id = pub->packet_id;
        const auto pending = [id](const std::deque<std::uint16_t>& q) {
            return std::find(q.begin(), q.end(), id) != q.end();
        };
        if (pub->qos == 1 && !pending(c.inbound_qos1)) {
            c.inbound_qos1.push_back(id);
        } else if (pub->qos == 2 && !c.inbound_recd.contains(id) && !pending(c.inbound_qos2)) {
            c.inbound_qos2.push_back(id);
        }
        return;
    }
    // The acknowledgements: every remaining packet of the server carries at most an id.
    const auto id = std::visit(
        [](const auto& x) -> std::uint16_t {
            if constexpr (requires { x.packet_id; }) {
                return x.packet_id;
            } else {
                return 0;
            }
        },
        p);
    switch (type_of(p)) {
    case packet_type::puback:
    case packet_type::pubcomp:
        s.in_flight.erase(id);
        break;
    case packet_type::pubrec:
        if (auto it = s.in_flight.find(id); it != s.in_flight.end()) {
            it->second.pubrec_seen = true;
            c.pubrecs.push_back(id);
        }
        break;
    case packet_type::suback:
    case packet_type::unsuback:
        c.sub_in_flight.erase(id);
        break;
    case packet_type::pubrel:
        c.inbound_recd.erase(id);
        break;
    default:
        break;
    }
}

wire_monitor::wire_monitor()
    : state_(std::make_unique<state>()) {}
wire_monitor::~wire_monitor() = default;
wire_monitor::wire_monitor(wire_monitor&&) noexcept = default;
wire_monitor& wire_monitor::operator=(wire_monitor&&) noexcept = default;

void wire_monitor::on_packet(std::size_t connection, sender from, steady_clock::time_point at,
                             const packet& p) {
    auto& c = state_->connections[connection];
    std::string described; // only built when a rule is broken
    const auto flag = [&](std::string_view statement, std::string text) {
        if (violations_.size() >= max_violations) {
            return;
        }
        if (described.empty()) {
            described = describe(p);
        }
        violations_.push_back(
            {std::string(statement), connection, from, at, described, std::move(text)});
    };
    if (from == sender::client) {
        state_->client_packet(c, p, flag);
    } else {
        state_->server_packet(c, p);
    }
}

void wire_monitor::on_malformed(std::size_t connection, sender from, steady_clock::time_point at,
                                std::string_view sentence) {
    if (from != sender::client || violations_.size() >= max_violations) {
        return; // the broker is the reference; only the module's traffic is judged
    }
    state_->connections[connection].any_from_client = true;
    violations_.push_back({statement_of_decode_error(sentence), connection, from, at,
                           std::string(sentence), "the broker cannot accept this packet"});
}

std::string statement_of_decode_error(std::string_view sentence) {
    static const std::regex tag(R"(\[(MQTT-[0-9]+\.[0-9]+\.[0-9]+-[0-9]+|§2)\])");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(sentence.begin(), sentence.end(), m, tag)) {
        return m[1].str();
    }
    return "§2";
}

} // namespace athil::mqtt
