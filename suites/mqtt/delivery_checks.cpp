// MANUAL 3.1 with MQTT 3.1.1 section 4.3: the QoS 1 and 2 handshakes in both directions as
// seen on the tap, exactly-once delivery to the serial line, and retained messages both ways.

#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

// One expected step of a handshake: the packet type, its direction and its packet id.
struct step {
    wire::packet_type type;
    direction dir;
};

std::optional<std::uint16_t> id_of(const wire::packet& p) {
    return std::visit(
        [](const auto& x) -> std::optional<std::uint16_t> {
            if constexpr (requires { x.packet_id; }) {
                return x.packet_id;
            } else {
                return std::nullopt;
            }
        },
        p);
}

// The steps of the handshake for the publish of `payload`, in order, same packet id.
bool handshake_seen(const packet_list& ps, const std::string& payload, direction publish_dir,
                    const std::vector<step>& steps) {
    std::optional<std::uint16_t> id;
    std::size_t next = 0;
    for (const auto& p : ps) {
        if (!id) {
            const auto* pub = as_publish(p);
            if (pub != nullptr && p.dir == publish_dir && pub->payload == payload) {
                id = pub->packet_id;
            }
            continue;
        }
        if (next < steps.size() && wire::type_of(p.packet) == steps[next].type &&
            p.dir == steps[next].dir && id_of(p.packet) == id) {
            ++next;
        }
    }
    return id.has_value() && next == steps.size();
}

// "PUBLISH qos=1 topic=athil/45/q to the broker, then PUBACK to the module with the same
// packet id [MQTT-4.3.2-1]": the sequence a failure names, with the statement of the side the
// module plays (sender when it publishes, receiver when the broker delivers to it).
std::string handshake_expectation(int qos, bool outbound, const std::string& topic,
                                  const std::vector<step>& steps) {
    const auto towards = [](direction d) {
        return d == direction::to_broker ? "to the broker" : "to the module";
    };
    std::string out = "PUBLISH qos=" + std::to_string(qos) + " topic=" + topic + " " +
                      towards(outbound ? direction::to_broker : direction::to_module);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        out += std::string(i == 0 ? ", then " : ", ") + wire::name_of(steps[i].type) + " " +
               towards(steps[i].dir);
    }
    if (steps.empty()) {
        return out;
    }
    out += " with the same packet id";
    if (qos == 1) {
        return out + (outbound ? " [MQTT-4.3.2-1]" : " [MQTT-4.3.2-2]");
    }
    return out + (outbound ? " [MQTT-4.3.3-1]" : " [MQTT-4.3.3-2]");
}

// QoS 1: PUBLISH, PUBACK; QoS 2: PUBLISH, PUBREC, PUBREL, PUBCOMP (MQTT 3.1.1 4.3), where the
// publisher sends PUBLISH and PUBREL and the receiver the other two.
std::vector<step> handshake_steps(int qos, direction publish_dir) {
    const auto back =
        publish_dir == direction::to_broker ? direction::to_module : direction::to_broker;
    if (qos == 1) {
        return {{wire::packet_type::puback, back}};
    }
    return {{wire::packet_type::pubrec, back},
            {wire::packet_type::pubrel, publish_dir},
            {wire::packet_type::pubcomp, back}};
}

// Outbound: a serial packet on a slot with that qos; inbound: an observer publish to a
// subscription slot with that qos, which must reach the serial line exactly once.
void qos_handshake(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    const int qos = std::stoi(c.input("qos"));
    const bool outbound = c.input("direction") == "out";
    const auto topic = m.rig().unique_topic("q");
    const auto payload =
        std::string(outbound ? "outbound" : "inbound") + " qos " + std::to_string(qos);
    const auto publish_dir = outbound ? direction::to_broker : direction::to_module;
    if (outbound) {
        m.start_generic({"AT+MQTTPUBTP=1,1," + topic + "," + std::to_string(qos) + ",0"});
        m.send_frame(payload);
    } else {
        m.start_generic({"AT+MQTTSUBTP=1,1," + topic + "," + std::to_string(qos)});
        m.observer_publish(topic, payload, qos);
    }
    const auto steps = handshake_steps(qos, publish_dir);
    m.wait_packets(
        "the QoS " + std::to_string(qos) + " handshake completes",
        handshake_expectation(qos, outbound, topic, steps),
        [&](const packet_list& ps) { return handshake_seen(ps, payload, publish_dir, steps); },
        m.delivery_deadline());
    if (!outbound) {
        m.expect_serial(payload, "the message appears on the serial port");
        m.expect_serial_quiet("the message appears exactly once");
        return;
    }
    const auto pubs = packets_of<wire::publish_packet>(m.packets(), direction::to_broker);
    const auto n = std::count_if(pubs.begin(), pubs.end(), [&](const wire::publish_packet& p) {
        return p.payload == payload;
    });
    if (n != 1 || pubs.front().qos != qos) {
        m.fail("the packet is published once with the slot's qos",
               "one PUBLISH q" + std::to_string(qos), m.describe(m.packets()));
    }
}

// Published with retain -> a client subscribing later gets it with the retain flag.
void retained_publish_kept(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("retained");
    m.start_generic({"AT+MQTTPUBTP=1,1," + topic + ",1,1"});
    m.send_frame("kept by the broker");
    m.wait_packets(
        "the PUBLISH carries the retain flag",
        "PUBLISH qos=1 retain=1 topic=" + topic + " to the broker",
        [&](const packet_list& ps) {
            return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
                const auto* x = as_publish(p);
                return x != nullptr && x->topic == topic && x->retain;
            });
        },
        m.delivery_deadline());
    m.observe(topic, 1);
    m.expect_message({topic, "kept by the broker", std::nullopt, true},
                     "a later subscriber receives the message with the retain flag");
    m.observer_publish(topic, "", 0, true);
}

// A retained message on the broker reaches the serial port when the module subscribes.
void retained_reaches_module(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("retained");
    m.observer_publish(topic, "retained before the module came", 1, true);
    m.start_generic({"AT+MQTTSUBTP=1,1," + topic + ",1"});
    m.expect_serial("retained before the module came",
                    "the retained message reaches the serial port after the subscription");
    m.observer_publish(topic, "", 0, true);
}

} // namespace

void add_delivery_checks(check_registry& r) {
    // One implementation for every QoS and direction: the YAML gives qos and direction.
    r["QosHandshake"] = {qos_handshake, {"qos", "direction"}};
    r["RetainedPublishKeptByBroker"] = {retained_publish_kept};
    r["RetainedReachesModuleOnSubscribe"] = {retained_reaches_module};
}

} // namespace athil::suites::mqtt
