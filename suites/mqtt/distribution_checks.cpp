// MANUAL 3.1.3-3.1.4, distribution mode: `<n>,<payload>` frames to fixed slots, inbound
// `N,<payload>`, temporary publish / subscribe / unsubscribe from the serial data itself, and
// temporary topics lost at a restart.

#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

bool has_packet_where(const packet_list& ps, direction dir,
                      const std::function<bool(const wire::packet&)>& pred) {
    return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
        return p.dir == dir && pred(p.packet);
    });
}

// Waits until the module subscribed `topic` (SUBSCRIBE out, SUBACK back).
void wait_subscribed(mqtt_case& m, const std::string& topic, std::string_view what) {
    m.wait_packets(
        what, "SUBSCRIBE of " + topic + ", then SUBACK with the same packet id",
        [&](const packet_list& ps) {
            std::optional<std::uint16_t> id;
            for (const auto& p : ps) {
                const auto* s = std::get_if<wire::subscribe_packet>(&p.packet);
                if (s != nullptr && p.dir == direction::to_broker &&
                    std::any_of(
                        s->subscriptions.begin(), s->subscriptions.end(),
                        [&](const wire::subscription& x) { return x.topic_filter == topic; })) {
                    id = s->packet_id;
                }
                const auto* a = std::get_if<wire::suback_packet>(&p.packet);
                if (id && a != nullptr && a->packet_id == *id) {
                    return true;
                }
            }
            return false;
        },
        m.delivery_deadline());
}

// Fixed slots 1 (pub and sub) and distribution mode on top of the generic setup.
void setup_distribution(mqtt_case& m, std::vector<std::string> extra) {
    extra.insert(extra.begin(), "AT+MQTTMOD=1");
    m.start_generic(extra);
}

// The settings the checks of the sharing group save (add_distribution_checks): fixed publish
// slot 1 enabled and 2 disabled, subscription slot 3 at qos 1, slot 1 of the subscriptions at
// its factory /SubTopic1 (the marker of expect_temporary_gone), all on topics of the run.
// (3.1.4's InboundWithSlotPrefix is a suite of its own, which the runner runs apart.)
struct shared_slots {
    std::string pub1 = mqtt_rig::run_topic("distribution/p1");
    std::string pub2 = mqtt_rig::run_topic("distribution/p2");
    std::string sub3 = mqtt_rig::run_topic("distribution/s3");
    std::vector<std::string> setup() const {
        return {"AT+MQTTPUBTP=1,1," + pub1 + ",0,0", "AT+MQTTPUBTP=2,0," + pub2 + ",0,0",
                "AT+MQTTSUBTP=3,1," + sub3 + ",1"};
    }
};

void distribution_manual_example(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    m.observe("/PubTopic1", 0);
    m.observe("tmppub1", 0);
    setup_distribution(m, {"AT+MQTTVER=4"});
    m.send_frame("1,data send from module");
    m.expect_message({"/PubTopic1", "data send from module", std::nullopt, std::nullopt},
                     "serial 1,data send from module appears on /PubTopic1");
    m.observer_publish("/SubTopic1", "data from client", 0);
    m.expect_serial("1,data from client", "a publish to /SubTopic1 appears as 1,data from client");
    m.send_frame("0,0,tmppub1,0,0,hello");
    m.expect_message({"tmppub1", "hello", std::nullopt, std::nullopt},
                     "serial 0,0,tmppub1,0,0,hello publishes hello to tmppub1");
    m.send_frame("0,1,tmpsub1,0");
    wait_subscribed(m, "tmpsub1", "serial 0,1,tmpsub1,0 subscribes tmpsub1");
    m.observer_publish("tmpsub1", "x", 0);
    m.expect_serial("0,tmpsub1,x", "a publish of x to tmpsub1 appears as 0,tmpsub1,x");
}

// Commas after the first belong to the payload; frames to a disabled slot, to a slot that does
// not exist, or without a comma are discarded. The last frame marks the end: the discarded ones
// were packed and handled before it.
void frames_to_slots(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const shared_slots slots;
    const auto& t1 = slots.pub1;
    setup_distribution(m, slots.setup());
    for (const auto* frame :
         {"2,to the disabled slot", "no comma at all", "11,no such slot", "1,a,b,,c"}) {
        m.send_frame(frame);
    }
    const auto ps = m.wait_packets(
        "1,a,b,,c publishes a,b,,c to slot 1", "PUBLISH payload=a,b,,c topic=" + t1,
        [](const packet_list& all) {
            return has_packet_where(all, direction::to_broker, [](const wire::packet& p) {
                const auto* x = std::get_if<wire::publish_packet>(&p);
                return x != nullptr && x->payload == "a,b,,c";
            });
        },
        m.delivery_deadline());
    const auto pubs = packets_of<wire::publish_packet>(ps, direction::to_broker);
    if (pubs.size() != 1 || pubs.front().topic != t1) {
        m.fail("only the well-formed frame to an enabled slot is published",
               "one PUBLISH a,b,,c to " + t1, m.describe(ps));
    }
}

// A message on subscription slot N is written as N,<payload>.
void inbound_slot_prefix(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto t3 = m.rig().unique_topic("s3");
    setup_distribution(m, {"AT+MQTTSUBTP=3,1," + t3 + ",1"});
    m.observer_publish(t3, "for slot 3, with a comma", 1);
    m.expect_serial("3,for slot 3, with a comma", "a message on slot 3 is written as 3,<payload>");
}

void temporary_publish(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("tmp");
    setup_distribution(m, shared_slots().setup());
    m.send_frame("0,0," + topic + ",1,1,temporary,payload");
    const auto ps = m.wait_packets(
        "0,0,<topic>,1,1,<payload> publishes with qos 1 and retain",
        "PUBLISH qos=1 retain=1 topic=" + topic + " payload=temporary,payload",
        [&](const packet_list& all) {
            return has_packet_where(all, direction::to_broker, [&](const wire::packet& p) {
                const auto* x = std::get_if<wire::publish_packet>(&p);
                return x != nullptr && x->topic == topic;
            });
        },
        m.delivery_deadline());
    const auto pubs = packets_of<wire::publish_packet>(ps, direction::to_broker);
    const auto& p = pubs.front();
    if (p.payload != "temporary,payload" || p.qos != 1 || !p.retain) {
        m.fail("the temporary publish carries its payload, qos and retain",
               "PUBLISH " + topic + " q1 retained \"temporary,payload\"", m.describe(ps));
    }
    m.observe(topic, 1);
    m.expect_message({topic, "temporary,payload", std::nullopt, true},
                     "the broker kept the temporary publish as the retained message");
    m.observer_publish(topic, "", 0, true); // forget the retained message
}

void temporary_subscribe(mqtt_case& m, const std::string& topic) {
    m.send_frame("0,1," + topic + ",1");
    wait_subscribed(m, topic, "0,1,<topic>,1 subscribes the topic at once");
    m.observer_publish(topic, "x,y", 1);
    m.expect_serial("0," + topic + ",x,y",
                    "a message on a temporary subscription is written as 0,<topic>,<payload>");
}

void temp_subscribe_delivers_with_topic_prefix(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    setup_distribution(m, shared_slots().setup());
    temporary_subscribe(m, m.rig().unique_topic("tmpsub"));
}

// After the step under test, a message on the temporary topic and then one on fixed slot 1:
// the slot-1 line must be the next thing on the serial port.
void expect_temporary_gone(mqtt_case& m, const std::string& topic, std::string_view what) {
    m.observer_publish(topic, "must not arrive", 1);
    m.observer_publish("/SubTopic1", "marker", 1);
    m.expect_serial("1,marker", what);
}

void temp_unsubscribe(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("tmpsub");
    setup_distribution(m, shared_slots().setup());
    temporary_subscribe(m, topic);
    m.send_frame("0,2," + topic + ",1");
    m.wait_packets(
        "0,2,<topic>,<qos> unsubscribes the topic", "UNSUBSCRIBE of " + topic + ", then UNSUBACK",
        [&](const packet_list& all) {
            return has_packet_where(all, direction::to_broker,
                                    [&](const wire::packet& p) {
                                        const auto* x = std::get_if<wire::unsubscribe_packet>(&p);
                                        return x != nullptr &&
                                               std::find(x->topic_filters.begin(),
                                                         x->topic_filters.end(),
                                                         topic) != x->topic_filters.end();
                                    }) &&
                   has_packet_where(all, direction::to_module, [](const wire::packet& p) {
                       return std::holds_alternative<wire::unsuback_packet>(p);
                   });
        },
        m.delivery_deadline());
    expect_temporary_gone(m, topic, "after the unsubscribe the temporary topic delivers nothing");
}

// Temporary topics live until the next restart; fixed slots survive it (they were saved).
void temp_topics_gone_after_restart(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto topic = m.rig().unique_topic("tmpsub");
    setup_distribution(m, shared_slots().setup());
    temporary_subscribe(m, topic);
    const auto before = m.tap().connection_count();
    m.restart_without_saving();
    m.wait_packets(
        "after the restart the module connects again",
        "a new connection: CONNECT, CONNACK, then SUBSCRIBE and SUBACK",
        [before](const packet_list& all) {
            return std::any_of(all.begin(), all.end(), [&](const fixtures::tapped_packet& p) {
                return p.connection >= before &&
                       std::holds_alternative<wire::suback_packet>(p.packet);
            });
        },
        deadline_in(ctx.profile().times.reconnect_bound));
    for (const auto& p : m.packets()) {
        const auto* s = std::get_if<wire::subscribe_packet>(&p.packet);
        if (p.connection >= before && s != nullptr &&
            std::any_of(s->subscriptions.begin(), s->subscriptions.end(),
                        [&](const wire::subscription& x) { return x.topic_filter == topic; })) {
            m.fail("temporary subscriptions are lost at a restart",
                   "no SUBSCRIBE of " + topic + " after the restart", m.describe(m.packets()));
        }
    }
    expect_temporary_gone(m, topic, "after a restart the temporary topic delivers nothing");
}

// A fixed slot changed in command mode without AT+S does not take effect: the running
// connection still publishes to the saved topic (1.2, 3.1.3).
void fixed_topics_need_save(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto saved = m.rig().unique_topic("saved");
    const auto unsaved = m.rig().unique_topic("unsaved");
    setup_distribution(m, {"AT+MQTTPUBTP=1,1," + saved + ",0,0"});
    m.to_command_mode();
    m.configure({"AT+MQTTPUBTP=1,1," + unsaved + ",0,0"});
    m.to_data_mode();
    m.send_frame("1,after an unsaved change");
    const auto ps = m.wait_packets(
        "the frame is published", "a PUBLISH to " + saved,
        [](const packet_list& all) {
            return !packets_of<wire::publish_packet>(all, direction::to_broker).empty();
        },
        m.delivery_deadline());
    const auto pubs = packets_of<wire::publish_packet>(ps, direction::to_broker);
    if (pubs.front().topic != saved) {
        m.fail("fixed topics take effect only after AT+S", "PUBLISH to " + saved, m.describe(ps));
    }
}

} // namespace

void add_distribution_checks(check_registry& r) {
    r["DistributionManualExample"] = {distribution_manual_example};
    r["InboundWithSlotPrefix"] = {inbound_slot_prefix}; // 3.1.4: runs with its own suite
    // These checks save the same settings (distribution mode, shared_slots) and judge only
    // what happens on the connection after they start: frames to fixed slots, a temporary publish,
    // a temporary subscription on a topic of their own, its UNSUBSCRIBE, and what the restart they
    // make themselves drops. None reads CONNECT, keepalive, session or will, so they run one after
    // another on one connection (live_connection.hpp); the restart check comes last, its AT+Z ends
    // the connection.
    constexpr auto group = "distribution-slots";
    r["FramesToFixedSlots"] = {.body = frames_to_slots, .shares_connection = group};
    r["TempPublishWithQosRetain"] = {.body = temporary_publish, .shares_connection = group};
    r["TempSubscribeDeliversWithTopicPrefix"] = {.body = temp_subscribe_delivers_with_topic_prefix,
                                                 .shares_connection = group};
    r["TempUnsubscribe"] = {.body = temp_unsubscribe, .shares_connection = group};
    r["TempTopicsGoneAfterRestart"] = {.body = temp_topics_gone_after_restart,
                                       .shares_connection = group};
    r["FixedTopicsNeedSave"] = {fixed_topics_need_save};
}

} // namespace athil::suites::mqtt
