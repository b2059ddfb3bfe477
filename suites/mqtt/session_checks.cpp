// MANUAL 3.1 (and 2.2, 2.5) across a lost connection: the will published when the link is cut,
// the session kept or cleaned per AT+MQTTCFG, and unacknowledged QoS 1 publishes resent with
// DUP after the reconnect.

#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

void will_on_cut(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("will");
    m.observe(topic, 2);
    m.start_generic({"AT+MQTTWILL=1," + topic + ",1,1,module lost, says the will"});
    m.tap().cut();
    m.expect_message({topic, "module lost, says the will", 1, std::nullopt},
                     "the broker publishes the will (topic, message, qos 1) when the link is cut");
    // The live subscriber gets it without the flag (MQTT 3.1.1 3.3.1.3); a new one sees
    // whether the broker kept it, which it does only when the will said retain.
    fixtures::observer late;
    const auto& b = m.rig().broker(target::plain);
    late.connect(b.host(), b.port(), {}, m.delivery_deadline());
    late.subscribe(topic, 1, m.delivery_deadline());
    if (!late.wait_for_message({topic, "module lost, says the will", std::nullopt, true},
                               m.delivery_deadline())) {
        m.fail("the will is retained when AT+MQTTWILL says retain 1", "a retained will on " + topic,
               "no retained message for a new subscriber");
    }
    m.observer_publish(topic, "", 0, true);
}

// QoS 1 messages published while the module is away: delivered after the reconnect with clean
// session 0, dropped with clean session 1.
void session_across_loss(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    const bool clean = c.input("clean") == "1";
    const auto topic = m.rig().unique_topic("session");
    const auto first = m.start_generic(
        {std::string("AT+MQTTCFG=60,") + (clean ? "1" : "0"), "AT+MQTTSUBTP=1,1," + topic + ",1"});
    m.tap().refuse(true);
    m.tap().cut();
    m.observer().publish(topic, "sent while away", 1, false, m.delivery_deadline());
    m.tap().refuse(false);
    m.wait_packets(
        "the module reconnects once the network is back",
        "a new connection: CONNECT, CONNACK, then SUBSCRIBE and SUBACK",
        [first](const packet_list& ps) {
            return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
                return p.connection > first &&
                       std::holds_alternative<wire::suback_packet>(p.packet);
            });
        },
        deadline_in(ctx.profile().times.reconnect_bound));
    if (clean) {
        m.expect_serial_quiet("with clean session 1 the message sent while away is not delivered");
    } else {
        m.expect_serial("sent while away",
                        "with clean session 0 the message sent while away is delivered");
    }
}

// A QoS 1 publish that never got its PUBACK is sent again after the reconnect, DUP set, same
// packet id (MQTT 3.1.1 4.4), because the session is kept.
void qos1_resent_with_dup(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("dup");
    const auto first = m.start_generic({"AT+MQTTCFG=60,0", "AT+MQTTPUBTP=1,1," + topic + ",1,0"});
    m.tap().blackhole();
    m.send_frame("never acknowledged");
    const auto held = m.wait_packets(
        "the QoS 1 PUBLISH leaves the module", "PUBLISH qos=1 topic=" + topic,
        [](const packet_list& ps) {
            return !packets_of<wire::publish_packet>(ps, direction::to_broker).empty();
        },
        m.delivery_deadline());
    const auto original = packets_of<wire::publish_packet>(held, direction::to_broker).front();
    m.tap().cut();
    m.tap().restore();
    const auto ps = m.wait_packets(
        "after the reconnect the unacknowledged PUBLISH is resent",
        "on the new connection (clean session 0) the PUBLISH again with its original packet id " +
            std::to_string(original.packet_id) + " [MQTT-4.4.0-1]",
        [first](const packet_list& all) {
            return std::any_of(all.begin(), all.end(), [&](const fixtures::tapped_packet& p) {
                const auto* x = as_publish(p);
                return p.connection > first && x != nullptr && x->payload == "never acknowledged";
            });
        },
        deadline_in(ctx.profile().times.reconnect_bound));
    for (const auto& p : ps) {
        const auto* x = as_publish(p);
        if (p.connection > first && x != nullptr && x->payload == "never acknowledged") {
            if (!x->dup || x->packet_id != original.packet_id || x->qos != 1) {
                m.fail("the resent PUBLISH has DUP set and the same packet id",
                       "PUBLISH q1 dup id " + std::to_string(original.packet_id), m.describe(ps));
            }
            return;
        }
    }
}

// Exactly once when the broker redelivers (MQTT 3.1.1 4.3.3): the tap delays every byte by
// 2 s and is cut right after the module's PUBREC left it, so the broker never sees the PUBREC
// and sends the PUBLISH again, DUP set, on the next connection (clean session 0). The module
// already wrote the message and holds its packet id until PUBREL: it must acknowledge the
// redelivery without writing the message a second time.
void qos2_redelivered_once(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("q2dup");
    const auto first = m.start_generic({"AT+MQTTCFG=60,0", "AT+MQTTSUBTP=1,1," + topic + ",2"});
    const std::string payload = "exactly once despite the redelivery";
    // Not a window on the module: the delay only has to outlast the harness between seeing the
    // PUBREC at the tap and cutting, whatever the uplink's latency (the delivery window covers
    // the 2 s the PUBLISH is held on its way in).
    m.tap().delay(std::chrono::seconds(2));
    m.observer_publish(topic, payload, 2);
    const auto pubrec_sent = [first](const packet_list& ps) {
        return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
            return p.connection == first && p.dir == direction::to_broker &&
                   std::holds_alternative<wire::pubrec_packet>(p.packet);
        });
    };
    m.wait_packets("the module answers the QoS 2 PUBLISH with PUBREC",
                   "PUBREC with the PUBLISH's packet id [MQTT-4.3.3-2]", pubrec_sent,
                   m.delivery_deadline());
    m.tap().cut(); // the PUBREC is still held by the delay: the broker never gets it
    m.tap().restore();
    m.expect_serial(payload, "the message appears on the serial port");
    m.wait_packets(
        "after the reconnect the broker redelivers the PUBLISH and the module completes it",
        "PUBLISH dup=1 to the module, then PUBREC, PUBREL from the broker and PUBCOMP "
        "[MQTT-4.3.3-2]",
        [first](const packet_list& ps) {
            bool redelivered = false;
            for (const auto& p : ps) {
                const auto* x = as_publish(p);
                if (p.connection > first && x != nullptr && x->dup &&
                    p.dir == direction::to_module) {
                    redelivered = true;
                }
                if (redelivered && p.connection > first && p.dir == direction::to_broker &&
                    std::holds_alternative<wire::pubcomp_packet>(p.packet)) {
                    return true;
                }
            }
            return false;
        },
        deadline_in(ctx.profile().times.reconnect_bound));
    m.expect_serial_quiet("the redelivered message is not written a second time");
}

} // namespace

void add_session_checks(check_registry& r) {
    r["WillPublishedOnCut"] = {will_on_cut};
    r["SessionAcrossLoss"] = {session_across_loss, {"clean"}};
    r["Qos1ResentWithDupAfterReconnect"] = {qos1_resent_with_dup};
    r["Qos2InboundRedeliveredOnce"] = {qos2_redelivered_once};
}

} // namespace athil::suites::mqtt
