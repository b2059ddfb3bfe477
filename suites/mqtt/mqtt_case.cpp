#include "suites/mqtt/mqtt_case.hpp"

#include "fixtures/aliyun_plugin/aliyun_sign.hpp"
#include "harness/core/error.hpp"
#include "harness/mqtt/describe.hpp"
#include "suites/factory_settings.hpp"

#include <algorithm>
#include <thread>

namespace athil::suites::mqtt {
namespace {

constexpr std::string_view uartft_prefix = "AT+UARTFT=";
constexpr int fallback_packing_ms = 50; // 3.1.1 [R], when the spec data has no UARTFT entry

mqtt_rig& rig_of(case_context& ctx) {
    if (!ctx.env().rig) {
        throw athil_error(errc::process_failed,
                          "the section-3 rig (brokers and taps) was not started for this run");
    }
    return *ctx.env().rig;
}

std::string strip_quotes(std::string v) {
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        return v.substr(1, v.size() - 2);
    }
    return v;
}

// The newest connection that sent a CONNECT, if any.
std::optional<std::size_t> newest_connect(const packet_list& ps) {
    std::optional<std::size_t> out;
    for (const auto& p : ps) {
        if (p.dir == fixtures::direction::to_broker &&
            std::holds_alternative<athil::mqtt::connect_packet>(p.packet)) {
            out = p.connection;
        }
    }
    return out;
}

} // namespace

std::string message_line(std::string_view topic, std::string_view payload, int qos, bool retain) {
    return std::string(topic) + " q" + std::to_string(qos) + (retain ? " retained" : "") + " \"" +
           athil::mqtt::printable(payload) + "\"";
}

const athil::mqtt::publish_packet* as_publish(const fixtures::tapped_packet& p) {
    return std::get_if<athil::mqtt::publish_packet>(&p.packet);
}

mqtt_case::mqtt_case(case_context& ctx, target where)
    : ctx_(ctx)
    , rig_(rig_of(ctx))
    , where_(where) {
    auto& t = tap();
    t.restore();
    if (ctx.env().may_share(ctx.def(), to_string(where))) {
        // The live connection may become this case's: its traffic stays for the wire monitor
        // (from its CONNECT), and this case's own packets start here.
        skip_packets_ = t.packets().size();
    } else {
        t.clear();
    }
    first_connection_ = t.connection_count();
    client_id_ = rig_.unique_client_id();
    // Factory settings for the next case, written back without a restart (or AT+CLEAR with
    // --isolated), from where the case left the serial line; then the connection offered to
    // the next case of the group, which still runs with the saved settings (MANUAL 1.2).
    ctx_.on_success([&c = ctx_, end = end_] {
        auto changed = c.changed_commands();
        changed.insert(changed.end(), end->adopted.begin(), end->adopted.end());
        std::erase_if(changed, [&end](const std::string& name) {
            return std::find(end->left.begin(), end->left.end(), name) != end->left.end();
        });
        c.env().tidy_after_case(changed, end->command_mode);
        if (end->offer && c.env().state == module_state::factory_settings) {
            c.env().live = end->offer;
        }
    });
}

mqtt_case::~mqtt_case() {
    end_->command_mode = command_mode_;
    end_->offer = offer_;
    // Faults never outlive their case, pass or fail.
    tap().restore();
    // What the observer received goes on the case's timeline, at the time it arrived.
    if (observer_) {
        for (const auto& m : observer_->messages()) {
            ctx_.env().note(report::timeline_source::observer, "received",
                            message_line(m.topic, m.payload, m.qos, m.retain), m.received_at);
        }
    }
}

deadline mqtt_case::delivery_deadline(int times) const {
    return deadline_in(ctx_.env().windows.delivery * times);
}

std::string mqtt_case::server_command() const {
    const auto s = rig_.server(where_);
    return "AT+MQTTSVR=" + s.host + "," + std::to_string(s.port);
}

std::vector<std::string> mqtt_case::generic_setup() const {
    return {"AT+WKMOD=MQTT,NOR", server_command(), "AT+MQTTCID=" + client_id_};
}

void mqtt_case::configure(const std::vector<std::string>& commands) {
    for (const auto& c : commands) {
        if (c.starts_with(uartft_prefix)) {
            packing_ms_ = std::stoi(c.substr(uartft_prefix.size()));
        }
        configured_ += c + "\r";
        ctx_.expect_ok(ctx_.send(c), "configuration command answers OK");
    }
}

void mqtt_case::save_and_restart() {
    saved_ = true;
    configured_ += "AT+S\r";
    ctx_.expect_ok(ctx_.session().save_and_restart(), "AT+S answers OK and the module restarts");
    command_mode_ = false; // an MQTT work mode boots into data mode (1.2)
}

void mqtt_case::save_generic(const std::vector<std::string>& extra) {
    auto setup = generic_setup();
    setup.insert(setup.end(), extra.begin(), extra.end());
    configure(setup);
    save_and_restart();
}

std::size_t mqtt_case::start_generic(const std::vector<std::string>& extra) {
    if (const auto shared = take_live(extra)) {
        return *shared;
    }
    save_generic(extra);
    const auto connection = wait_ready();
    if (ctx_.def().may_share) {
        offer_ = live_connection{to_string(where_), setup_key(extra), client_id_, connection,
                                 ctx_.def().full_name()};
    }
    return connection;
}

std::vector<std::string> mqtt_case::setup_key(const std::vector<std::string>& extra) const {
    // The client id differs per case by design (rig.hpp); a shared connection keeps its own.
    std::vector<std::string> key;
    for (const auto& line : generic_setup()) {
        if (!line.starts_with("AT+MQTTCID=")) {
            key.push_back(line);
        }
    }
    key.insert(key.end(), extra.begin(), extra.end());
    return key;
}

std::optional<std::size_t> mqtt_case::take_live(const std::vector<std::string>& extra) {
    auto& env = ctx_.env();
    if (!env.may_share(ctx_.def(), to_string(where_)) || env.live->setup != setup_key(extra)) {
        return std::nullopt;
    }
    auto live = *env.live;
    env.live.reset(); // offered again only if this case passes
    client_id_ = live.client_id;
    first_connection_ = live.connection;
    saved_ = true; // the saved settings are the ones this case would have saved
    for (const auto& line : live.setup) {
        if (line.starts_with(uartft_prefix)) {
            packing_ms_ = std::stoi(line.substr(uartft_prefix.size())); // saved, so in force
        }
        configured_ += line + "\r";
        // Running settings are factory now, but an AT+Z of this case would load the saved ones:
        // the write-back after a pass covers them (and the client id) as if this case set them.
        end_->adopted.push_back(set_form_command(line));
    }
    end_->adopted.emplace_back("MQTTCID");
    configured_ += "(saved and connected by " + live.opened_by + ")\r";
    env.shared_from = live.opened_by;
    const auto text = "works on connection #" + std::to_string(live.connection) + " of " +
                      live.opened_by + ": the same saved settings, no AT+S";
    env.note(report::timeline_source::harness, "shared connection", text);
    ctx_.session().log().note("--- shared connection: " + text + " ---");
    // The write-back after the previous case left command mode; AT+S would have left data mode.
    to_data_mode();
    offer_ = std::move(live);
    return offer_->connection;
}

void mqtt_case::leave_after_pass(const std::vector<std::string>& commands) {
    end_->left.insert(end_->left.end(), commands.begin(), commands.end());
}

void mqtt_case::restart_without_saving() {
    if (!saved_) {
        // A section-3 case may start on a module whose saved settings are a previous case's
        // (start_need::factory_settings): AT+Z would bring them back.
        throw athil_error(errc::bad_input,
                          "a section-3 check restarts without saving before its first AT+S; "
                          "it must save its configuration first");
    }
    to_command_mode();
    offer_.reset(); // a new connection after the restart: the next case opens its own
    configured_ += "AT+Z\r";
    ctx_.expect_ok(ctx_.session().restart_without_saving(),
                   "AT+Z answers OK and the module restarts");
    command_mode_ = false;
}

void mqtt_case::to_command_mode() {
    if (!command_mode_) {
        ctx_.env().to_command_mode();
        command_mode_ = true;
    }
}

packet_list mqtt_case::packets() const {
    auto ps = rig_.tap(where_).packets();
    ps.erase(ps.begin(),
             ps.begin() + static_cast<std::ptrdiff_t>(std::min(skip_packets_, ps.size())));
    std::erase_if(
        ps, [&](const fixtures::tapped_packet& p) { return p.connection < first_connection_; });
    return ps;
}

std::vector<wire_violation> mqtt_case::wire_violations() const {
    auto events = rig_.tap(where_).events();
    std::erase_if(events,
                  [&](const fixtures::tap_event& e) { return e.connection < first_connection_; });
    // A shared connection from its CONNECT: the monitor follows each connection from its start.
    auto ps = rig_.tap(where_).packets();
    std::erase_if(
        ps, [&](const fixtures::tapped_packet& p) { return p.connection < first_connection_; });
    return monitor_traffic(ps, events);
}

std::vector<fixtures::connection_info> mqtt_case::connections() const {
    auto cs = rig_.tap(where_).connections();
    std::erase_if(cs,
                  [&](const fixtures::connection_info& c) { return c.index < first_connection_; });
    return cs;
}

packet_list mqtt_case::wait_packets(std::string_view what, std::string_view expected,
                                    const std::function<bool(const packet_list&)>& pred,
                                    deadline until) {
    const auto first = first_connection_;
    const auto skip = skip_packets_;
    const auto mine = [&pred, first, skip](const packet_list& all) {
        packet_list ps;
        for (std::size_t i = skip; i < all.size(); ++i) {
            if (all[i].connection >= first) {
                ps.push_back(all[i]);
            }
        }
        return pred(ps);
    };
    if (!tap().wait_for(mine, until)) {
        fail(what, expected, describe(packets()));
    }
    return packets();
}

athil::mqtt::connect_packet mqtt_case::wait_connect(std::string_view what) {
    const auto ps = wait_packets(
        what, "a connection whose first packet is CONNECT [MQTT-3.1.0-1]",
        [](const packet_list& all) { return newest_connect(all).has_value(); },
        deadline_in(ctx_.profile().times.reconnect_bound));
    const auto newest = *newest_connect(ps);
    for (const auto& p : ps) {
        if (p.connection == newest) {
            if (const auto* c = std::get_if<athil::mqtt::connect_packet>(&p.packet)) {
                return *c;
            }
        }
    }
    fail(what, "a CONNECT", describe(ps));
}

std::size_t mqtt_case::wait_ready(std::optional<std::size_t> after) {
    // The newest connection's outcome so far: ready (CONNACK 0 and a SUBACK), refused (a
    // CONNACK with a return code: fail now, the broker's answer will not change), or neither.
    enum class outcome { pending, ready, refused };
    const auto judge = [after](const packet_list& all) {
        const auto newest = newest_connect(all);
        if (!newest || (after && *newest <= *after)) {
            return outcome::pending;
        }
        bool accepted = false;
        for (const auto& p : all) {
            if (p.connection != *newest || p.dir != fixtures::direction::to_module) {
                continue;
            }
            if (const auto* a = std::get_if<athil::mqtt::connack_packet>(&p.packet)) {
                if (a->return_code != 0) {
                    return outcome::refused;
                }
                accepted = true;
            }
            if (accepted && std::holds_alternative<athil::mqtt::suback_packet>(p.packet)) {
                return outcome::ready;
            }
        }
        return outcome::pending;
    };
    const std::string what = "after AT+S the module connects (CONNACK 0) and subscribes its "
                             "enabled slots (SUBACK)";
    const auto ps = wait_packets(
        what, "CONNECT, CONNACK return code 0, then SUBSCRIBE of the enabled slots and its SUBACK",
        [&](const packet_list& all) { return judge(all) != outcome::pending; },
        deadline_in(ctx_.profile().times.reconnect_bound));
    if (judge(ps) == outcome::refused) {
        fail(what, "CONNACK return code 0", describe(ps));
    }
    return *newest_connect(ps);
}

void mqtt_case::expect_refused_login(std::string_view what) {
    wait_packets(
        what, "CONNECT, then a CONNACK with a refusal return code (1 to 5)",
        [](const packet_list& ps) {
            return std::any_of(ps.begin(), ps.end(), [](const fixtures::tapped_packet& p) {
                const auto* a = std::get_if<athil::mqtt::connack_packet>(&p.packet);
                return a != nullptr && a->return_code != 0;
            });
        },
        deadline_in(ctx_.profile().times.reconnect_bound));
    expect_state("DISCONNECTION", "a refused login leaves AT+MQTTSTA at DISCONNECTION");
}

std::string mqtt_case::describe(const packet_list& ps) const {
    std::string out;
    for (const auto& p : ps) {
        out += "#" + std::to_string(p.connection) + " " + fixtures::to_string(p.dir) + " " +
               athil::mqtt::describe(p.packet) + "\n";
    }
    return out.empty() ? "no packets" : out;
}

std::string mqtt_case::state() {
    to_command_mode();
    const auto r = ctx_.send("AT+MQTTSTA");
    ctx_.expect_ok(r, "AT+MQTTSTA answers OK");
    return strip_quotes(r.info("MQTTSTA").value_or(""));
}

void mqtt_case::wait_state(std::string_view expected, std::chrono::milliseconds bound,
                           std::string_view what) {
    const auto until = deadline_in(bound);
    std::string last;
    while (true) {
        last = state();
        if (last == expected || steady_clock::now() >= until) {
            break;
        }
        // A poll interval, not a window: `bound` is the window (each poll is a command).
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (last != expected) {
        fail(what, "+MQTTSTA:\"" + std::string(expected) + "\"", "+MQTTSTA:" + last);
    }
}

void mqtt_case::expect_state(std::string_view expected, std::string_view what) {
    const auto now = state();
    if (now != expected) {
        fail(what, "+MQTTSTA:\"" + std::string(expected) + "\"", "+MQTTSTA:" + now);
    }
}

void mqtt_case::to_data_mode() {
    ctx_.expect_ok(ctx_.session().enter_data_mode(), "AT+ENTM answers OK");
    command_mode_ = false;
}

void mqtt_case::send_frame(std::string_view bytes) {
    ctx_.session().write_data(bytes);
    const auto gap = packing_gap(bytes.size());
    std::this_thread::sleep_for(gap);
    ctx_.session().add_forced_wait(gap);
}

std::chrono::milliseconds mqtt_case::packing_gap(std::size_t bytes) const {
    // The module packs what arrived once the line was idle for the packing time (3.1.1,
    // AT+UARTFT: the value this case saved, else the manual's default).
    const auto packing = std::chrono::milliseconds(packing_ms_.value_or(default_packing_ms()));
    return ctx_.env().windows.packing_gap(bytes, packing);
}

int mqtt_case::default_packing_ms() const {
    for (const auto& section : ctx_.manual().sections) {
        for (const auto& cmd : section.commands) {
            if (cmd.name == "UARTFT" && !cmd.defaults.empty()) {
                return std::stoi(cmd.defaults.front());
            }
        }
    }
    return fallback_packing_ms;
}

void mqtt_case::expect_serial(std::string_view expected, std::string_view what) {
    const auto got = ctx_.session().read_data_count(expected.size(), delivery_deadline());
    if (got != expected) {
        ctx_.fail(what, configured_, "\"" + std::string(expected) + "\" on the serial line", got);
    }
}

void mqtt_case::expect_serial_quiet(std::string_view what) {
    const auto& w = ctx_.env().windows;
    const auto got =
        ctx_.session().read_data_until_idle(w.data_quiet, deadline_in(w.data_quiet + w.command));
    if (!got.empty()) {
        ctx_.fail(what, configured_, "nothing more on the serial line", got);
    }
}

fixtures::observer& mqtt_case::observer() {
    if (!observer_) {
        auto& b = rig_.broker(where_);
        fixtures::observer_options o;
        if (where_ == target::auth) {
            o.username = rig_.account().user;
            o.password = rig_.account().password;
        } else if (where_ == target::aliyun) {
            // The plugin admits only signed logins of its device: the observer signs its own.
            const auto& a = rig_.aliyun();
            const auto id = rig_.unique_client_id();
            o.client_id = id + "|securemode=3,signmethod=hmacsha1|";
            o.username = a.device.device_name + "&" + a.device.product_key;
            o.password = aliyun::sign(aliyun::sign_method::hmacsha1, a.device.device_secret,
                                      {id, a.device.device_name, a.device.product_key, {}});
        }
        auto obs = std::make_unique<fixtures::observer>();
        const auto outcome = obs->connect(b.host(), b.port(), o, delivery_deadline());
        if (!outcome.accepted()) {
            throw athil_error(errc::process_failed,
                              std::string("the observer could not connect to the ") +
                                  to_string(where_) + " broker");
        }
        observer_ = std::move(obs);
        ctx_.env().note(report::timeline_source::observer, "connected",
                        std::string("to the ") + to_string(where_) + " broker");
    }
    return *observer_;
}

void mqtt_case::observe(const std::string& filter, int qos) {
    observer().subscribe(filter, qos, delivery_deadline());
    ctx_.env().note(report::timeline_source::observer, "subscribed",
                    filter + " q" + std::to_string(qos));
}

fixtures::received_message mqtt_case::expect_message(const fixtures::message_matcher& m,
                                                     std::string_view what) {
    auto got = observer().wait_for_message(m, delivery_deadline());
    if (!got) {
        std::string seen;
        for (const auto& msg : observer().messages()) {
            seen += message_line(msg.topic, msg.payload, msg.qos, msg.retain) + "\n";
        }
        std::string expected = "a message on " + m.topic;
        if (m.payload) {
            expected += " with payload \"" + athil::mqtt::printable(*m.payload) + "\"";
        }
        if (m.qos) {
            expected += " qos " + std::to_string(*m.qos);
        }
        if (m.retain) {
            expected += *m.retain ? " retained" : " not retained";
        }
        fail(what, expected, seen.empty() ? "no message at the observer" : seen);
    }
    return *got;
}

void mqtt_case::observer_publish(const std::string& topic, const std::string& payload, int qos,
                                 bool retain) {
    ctx_.env().note(report::timeline_source::observer, "published",
                    message_line(topic, payload, qos, retain));
    observer().publish(topic, payload, qos, retain, delivery_deadline());
}

void mqtt_case::fail(std::string_view what, std::string_view expected, std::string_view received) {
    ctx_.fail(what, configured_, expected, received);
}

} // namespace athil::suites::mqtt
