// MANUAL 3.1: the CONNECT the module builds from its settings, the subscription list, the
// AT+MQTTSTA state around CONNACK, a refused login, keepalive and reconnection.

#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>
#include <set>
#include <thread>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

std::string yes_no(bool b) {
    return b ? "yes" : "no";
}

// The CONNECT as "field=value" lines, so a mismatch shows every field side by side.
std::string render(const wire::connect_packet& c) {
    std::string out = "protocol=" + c.protocol_name + "/" + std::to_string(c.protocol_level) +
                      " client_id=" + c.client_id + " keepalive=" + std::to_string(c.keepalive) +
                      " clean_session=" + yes_no(c.clean_session) +
                      " user=" + (c.username ? *c.username : "(absent)") +
                      " password=" + (c.password ? *c.password : "(absent)");
    if (c.will) {
        out += " will=" + c.will->topic + " q" + std::to_string(c.will->qos) +
               " retain=" + yes_no(c.will->retain) + " msg=" + c.will->payload;
    } else {
        out += " will=(absent)";
    }
    return out;
}

// Every filter the module subscribed on the newest connection, with its qos.
std::set<std::pair<std::string, int>> subscriptions(const packet_list& ps) {
    std::set<std::pair<std::string, int>> out;
    std::size_t newest = 0;
    for (const auto& p : ps) {
        if (std::holds_alternative<wire::connect_packet>(p.packet)) {
            newest = p.connection;
        }
    }
    for (const auto& p : ps) {
        if (p.connection != newest || p.dir != direction::to_broker) {
            continue;
        }
        if (const auto* s = std::get_if<wire::subscribe_packet>(&p.packet)) {
            for (const auto& sub : s->subscriptions) {
                out.emplace(sub.topic_filter, sub.qos);
            }
        }
    }
    return out;
}

std::string render(const std::set<std::pair<std::string, int>>& subs) {
    std::string out;
    for (const auto& [topic, qos] : subs) {
        out += (out.empty() ? "" : ", ") + topic + " q" + std::to_string(qos);
    }
    return out.empty() ? "(none)" : out;
}

void expect_connect(mqtt_case& m, const wire::connect_packet& expected, std::string_view what) {
    const auto got = m.wait_connect(what);
    if (got != expected) {
        m.fail(what, render(expected), render(got));
    }
}

void expect_subscriptions(mqtt_case& m, const std::set<std::pair<std::string, int>>& expected) {
    const auto ps = m.packets();
    const auto got = subscriptions(ps);
    if (got != expected) {
        m.fail("after CONNACK the module subscribes exactly the enabled AT+MQTTSUBTP slots "
               "with their qos",
               render(expected), render(got));
    }
}

// Version 3 (MQIsdp/3) with every optional field present: user, password, will with a comma
// in its message, clean session 1, two enabled subscription slots with different qos.
void connect_fields_version3(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::auth);
    const auto& account = m.rig().account();
    ctx.add_secret(account.password);
    const auto sub1 = m.rig().unique_topic("s1");
    const auto sub3 = m.rig().unique_topic("s3");
    const auto will = m.rig().unique_topic("will");
    m.save_generic({"AT+MQTTVER=3", "AT+MQTTUSER=" + account.user, "AT+MQTTPSW=" + account.password,
                    "AT+MQTTCFG=30,1", "AT+MQTTWILL=1," + will + ",1,1,gone,offline",
                    "AT+MQTTSUBTP=1,1," + sub1 + ",1", "AT+MQTTSUBTP=3,1," + sub3 + ",2"});
    expect_connect(m,
                   {.protocol_name = "MQIsdp",
                    .protocol_level = 3,
                    .clean_session = true,
                    .keepalive = 30,
                    .client_id = m.client_id(),
                    .username = account.user,
                    .password = account.password,
                    .will = wire::will_message{will, "gone,offline", 1, true}},
                   "CONNECT carries the AT+MQTTVER=3 / CID / USER / PSW / CFG / WILL settings");
    m.wait_ready();
    expect_subscriptions(m, {{sub1, 1}, {sub3, 2}});
    m.wait_state("CONNECTION", ctx.profile().times.reconnect_bound,
                 "AT+MQTTSTA is CONNECTION once the broker accepted the login");
}

// Version 4 (MQTT/4) with the optional fields absent: empty user and password clear their
// flags [R], no will, clean session 0, the factory subscription slot.
void connect_fields_version4(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    m.save_generic({"AT+MQTTVER=4", "AT+MQTTUSER=", "AT+MQTTPSW=", "AT+MQTTCFG=45,0"});
    expect_connect(m,
                   {.protocol_name = "MQTT",
                    .protocol_level = 4,
                    .clean_session = false,
                    .keepalive = 45,
                    .client_id = m.client_id()},
                   "CONNECT carries MQTT/4, no user name or password, no will");
    m.wait_ready();
    expect_subscriptions(m, {{"/SubTopic1", 0}});
}

// The tap holds the broker's answer: the module has sent CONNECT but has no CONNACK, so it
// must still say DISCONNECTION; once the CONNACK is let through it says CONNECTION.
void connection_only_after_connack(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    m.tap().blackhole();
    m.save_generic({});
    m.wait_connect("after AT+S the module sends CONNECT");
    m.expect_state("DISCONNECTION",
                   "AT+MQTTSTA stays DISCONNECTION while the CONNACK has not arrived");
    m.tap().restore();
    m.wait_state("CONNECTION", ctx.profile().times.reconnect_bound,
                 "AT+MQTTSTA turns CONNECTION after the CONNACK");
}

void wrong_password_refused(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::auth);
    const auto wrong = m.rig().account().password + "-wrong";
    ctx.add_secret(wrong);
    m.save_generic(
        {"AT+MQTTVER=4", "AT+MQTTUSER=" + m.rig().account().user, "AT+MQTTPSW=" + wrong});
    m.expect_refused_login("the broker refuses the wrong password with a CONNACK return code");
    // A SUBSCRIBE answering the refusal leaves the module after the CONNACK crossed the uplink
    // to it and needs one more crossing to the tap: wait that out before calling it absent.
    const auto& w = ctx.env().windows;
    const auto refused = m.packets().front().connection; // the case's first: CONNECT, CONNACK
    const auto subscribed = [refused](const packet_list& ps) {
        return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
            return p.connection >= refused && p.dir == direction::to_broker &&
                   std::holds_alternative<wire::subscribe_packet>(p.packet);
        });
    };
    if (m.tap().wait_for(subscribed, deadline_in(w.wire_quiet + w.wire_latency))) {
        m.fail("a refused module does not subscribe", "no SUBSCRIBE", m.describe(m.packets()));
    }
}

// Keepalive 2 s: with nothing else to send the module pings (MQTT 3.1.1 3.1.2.10).
void keepalive_pingreq(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    const auto keepalive = std::stoi(c.input("keepalive", "2"));
    const auto connection = m.start_generic({"AT+MQTTCFG=" + std::to_string(keepalive) + ",1"});
    // 1.5 x keepalive is when the broker gives up on a silent client (MQTT 3.1.1 3.1.2.10).
    m.wait_packets(
        "with no traffic the module sends PINGREQ within the keepalive",
        "PINGREQ within " + std::to_string(keepalive) + " s of the last packet [MQTT-3.1.2-23]",
        [connection](const packet_list& ps) {
            return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
                return p.connection == connection && p.dir == direction::to_broker &&
                       std::holds_alternative<wire::pingreq_packet>(p.packet);
            });
        },
        deadline_in(std::chrono::milliseconds(keepalive * 1500) +
                    ctx.env().windows.keepalive_margin));
}

// Keepalive 0 switches the mechanism off (MQTT 3.1.1 3.1.2.10): CONNECT says 0 and an idle
// module sends no PINGREQ over a window of several seconds.
void keepalive_zero_no_pingreq(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::plain);
    const auto connection = m.start_generic({"AT+MQTTCFG=0,1"});
    const auto connect = m.wait_connect("the module connects with keepalive 0");
    if (connect.keepalive != 0) {
        m.fail("CONNECT carries the keepalive of AT+MQTTCFG", "keepalive=0",
               "keepalive=" + std::to_string(connect.keepalive));
    }
    const auto pinged = [connection](const packet_list& ps) {
        return std::any_of(ps.begin(), ps.end(), [&](const fixtures::tapped_packet& p) {
            return p.connection == connection && p.dir == direction::to_broker &&
                   std::holds_alternative<wire::pingreq_packet>(p.packet);
        });
    };
    const std::chrono::milliseconds window(std::stoi(c.input("idle_ms", "3000")));
    // A PINGREQ sent at the end of the idle window reaches the tap one uplink crossing later.
    if (m.tap().wait_for(pinged, deadline_in(window + ctx.env().windows.wire_latency))) {
        m.fail("with keepalive 0 an idle module sends no PINGREQ",
               "no PINGREQ within " + std::to_string(window.count()) + " ms of idle",
               m.describe(m.packets()));
    }
}

// The tap swallows everything: the module must notice the dead link through its keepalive
// and open a new connection by itself.
void keepalive_dead_link_reconnects(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto first = m.start_generic({"AT+MQTTCFG=2,1"});
    m.tap().blackhole();
    if (!m.tap().wait_for_connections(first + 2,
                                      deadline_in(ctx.profile().times.reconnect_bound))) {
        m.fail("with the link dead (no answer to PINGREQ) the module reconnects",
               "a new connection to the tap", m.describe(m.packets()));
    }
    m.tap().restore();
    m.wait_ready(first);
}

// The broker dies and comes back: DISCONNECTION, then CONNECTION within the profile's bound,
// with the subscriptions restored and data flowing again.
void reconnect_after_broker_restart(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::plain);
    const auto sub = m.rig().unique_topic("sub");
    const auto first = m.start_generic({"AT+MQTTSUBTP=1,1," + sub + ",0", "AT+MQTTCFG=60,1"});
    auto& broker = m.rig().broker(target::plain);
    broker.kill();
    m.wait_state("DISCONNECTION", ctx.env().windows.broker_loss,
                 "AT+MQTTSTA turns DISCONNECTION when the broker is gone");
    broker.restart();
    m.wait_state("CONNECTION", ctx.profile().times.reconnect_bound,
                 "the module is connected again within the reconnect bound");
    m.to_data_mode();
    m.wait_ready(first);
    expect_subscriptions(m, {{sub, 0}});
    m.observer_publish(sub, "after the restart", 0);
    m.expect_serial("after the restart", "data flows again after the reconnect");
}

} // namespace

void add_connect_checks(check_registry& r) {
    r["ConnectFieldsVersion3"] = {connect_fields_version3};
    r["ConnectFieldsVersion4"] = {connect_fields_version4};
    r["ConnectionOnlyAfterConnack"] = {connection_only_after_connack};
    r["WrongPasswordRefused"] = {wrong_password_refused};
    r["KeepalivePingreq"] = {keepalive_pingreq, {}, {"keepalive"}};
    r["KeepaliveZeroNoPingreq"] = {keepalive_zero_no_pingreq, {}, {"idle_ms"}};
    r["KeepaliveDeadLinkReconnects"] = {keepalive_dead_link_reconnects};
    r["ReconnectAfterBrokerRestart"] = {reconnect_after_broker_restart};
}

} // namespace athil::suites::mqtt
