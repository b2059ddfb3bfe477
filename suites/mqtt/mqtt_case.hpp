#pragma once
// The toolbox of one section-3 check: configure the module through AT commands, AT+S, then
// watch what it does through three independent windows, each wait bounded and ending as soon
// as the awaited thing is seen:
// - the wire tap (every MQTT packet between module and broker, in both directions),
// - an observer client on the broker (messages with the qos and retain flag delivered),
// - the serial line (the bytes the module writes in data mode).
// Every case gets a client id and a tap window of its own, and leaves the module at factory
// defaults when it passes (a failing case is recovered by the runner).

#include "fixtures/observer/observer.hpp"
#include "fixtures/tap/wire_tap.hpp"
#include "suites/case_context.hpp"
#include "suites/live_connection.hpp"
#include "suites/mqtt/rig.hpp"
#include "suites/mqtt/wire_watch.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::suites::mqtt {

using packet_list = std::vector<fixtures::tapped_packet>;

class mqtt_case {
public:
    mqtt_case(case_context& ctx, target where);
    ~mqtt_case();
    mqtt_case(const mqtt_case&) = delete;
    mqtt_case& operator=(const mqtt_case&) = delete;

    case_context& ctx() { return ctx_; }
    mqtt_rig& rig() { return rig_; }
    fixtures::wire_tap& tap() { return rig_.tap(where_); }
    const std::string& client_id() const { return client_id_; }
    std::string server_command() const; // AT+MQTTSVR=<the target's tap>
    // `times` delivery windows from now (timing_windows::delivery: one message across broker,
    // tap, uplink and serial line; ends as soon as it is seen, reached only on a misbehaviour).
    deadline delivery_deadline(int times = 1) const;

    // --- configuration (command mode) ---
    // Work mode, server and client id for a generic MQTT server (3.1).
    std::vector<std::string> generic_setup() const;
    void configure(const std::vector<std::string>& commands); // each must answer OK
    void save_and_restart();       // AT+S: the module restarts into data mode and connects
    void restart_without_saving(); // AT+Z from data mode: unsaved and temporary state is lost
    // Settings the write-back after a pass leaves as they are: ones without a factory value a
    // set form can give (certificates, the empty Alibaba Cloud fields) whose effect is gated by
    // a setting the write-back does restore, and which every case opening that gate sets itself
    // (the reason is the caller's to state). Spares the AT+CLEAR and restart they would cost.
    void leave_after_pass(const std::vector<std::string>& commands);
    // configure(generic_setup() + extra), then AT+S.
    void save_generic(const std::vector<std::string>& extra);
    // save_generic(extra), then wait_ready(): the index of the connection. A check registered
    // with `shares_connection` works instead on the live connection of the previous case when
    // that one saved the same settings (live_connection.hpp): no configuration, no AT+S, and
    // the module back in data mode as after a restart.
    std::size_t start_generic(const std::vector<std::string>& extra);

    // --- the tap (connections opened since the case began) ---
    packet_list packets() const;
    std::vector<fixtures::connection_info> connections() const;
    // Waits until pred holds for packets(); at the deadline fails with `what`, the packet
    // sequence `expected` (citing the MQTT statement it rests on, where one applies) and the
    // packets seen instead.
    packet_list wait_packets(std::string_view what, std::string_view expected,
                             const std::function<bool(const packet_list&)>& pred, deadline until);
    // The CONNECT of the newest connection (waits for one up to the reconnect bound).
    athil::mqtt::connect_packet wait_connect(std::string_view what);
    // Waits for CONNACK accepted and the SUBACK of the newest connection, newer than `after`
    // when given (a reconnect); returns its index.
    std::size_t wait_ready(std::optional<std::size_t> after = std::nullopt);
    // Waits for a CONNACK with a refusal code; AT+MQTTSTA must then say DISCONNECTION.
    void expect_refused_login(std::string_view what);
    std::string describe(const packet_list& ps) const;
    // What the wire monitor finds in the case's traffic so far (the runner's check after the
    // body covers every tap; this is the same verdict for this case's target, for timelines).
    std::vector<wire_violation> wire_violations() const;

    // --- AT+MQTTSTA (enters command mode; leaves it there) ---
    void to_command_mode();
    std::string state();
    // Polls until the state is `expected` (CONNECTION / DISCONNECTION); fails at the bound.
    void wait_state(std::string_view expected, std::chrono::milliseconds bound,
                    std::string_view what);
    void expect_state(std::string_view expected, std::string_view what); // no waiting
    void to_data_mode();                                                 // AT+ENTM

    // --- the serial line (data mode) ---
    // Writes one frame and lets the line go idle so the module packs it alone (3.1.1).
    void send_frame(std::string_view bytes);
    // Reads exactly expected.size() bytes and compares them.
    void expect_serial(std::string_view expected, std::string_view what);
    // Nothing arrives within the quiet time after a message could still be on its way
    // (timing_windows::data_quiet).
    void expect_serial_quiet(std::string_view what);

    // --- the observer on the target's broker ---
    fixtures::observer& observer();
    void observe(const std::string& filter, int qos);
    fixtures::received_message expect_message(const fixtures::message_matcher& m,
                                              std::string_view what);
    void observer_publish(const std::string& topic, const std::string& payload, int qos,
                          bool retain = false);

    [[noreturn]] void fail(std::string_view what, std::string_view expected,
                           std::string_view received);

    // What the cleanup after a pass needs to know once this object is gone.
    struct case_end {
        bool command_mode = true;
        std::optional<live_connection> offer; // for the next case of the group
        std::vector<std::string> left;        // leave_after_pass()
        std::vector<std::string> adopted;     // set forms of a live connection's saved settings
    };

private:
    std::vector<std::string> setup_key(const std::vector<std::string>& extra) const;
    std::optional<std::size_t> take_live(const std::vector<std::string>& extra);
    // The time a frame needs to be packed alone (AT+UARTFT as configured, else its default).
    std::chrono::milliseconds packing_gap(std::size_t bytes) const;
    int default_packing_ms() const;

    case_context& ctx_;
    mqtt_rig& rig_;
    target where_;
    std::size_t first_connection_ = 0;
    std::string client_id_;
    std::string configured_;   // the AT lines sent, for failure messages
    bool command_mode_ = true; // where the module's serial line is (cases start in command mode)
    bool saved_ = false;       // AT+S sent: the saved settings are this case's own
    std::optional<int> packing_ms_; // AT+UARTFT this case configured
    std::size_t skip_packets_ = 0;  // on a live connection: the earlier cases' packets
    std::optional<live_connection> offer_;
    std::shared_ptr<case_end> end_ = std::make_shared<case_end>();
    std::unique_ptr<fixtures::observer> observer_;
};

// A message as evidence: "athil/45/q q1 retained \"hello\"".
std::string message_line(std::string_view topic, std::string_view payload, int qos, bool retain);

// The PUBLISH inside a tapped packet, or null: for predicates over packet lists.
const athil::mqtt::publish_packet* as_publish(const fixtures::tapped_packet& p);

// Packets of one type and direction.
template <class P>
std::vector<P> packets_of(const packet_list& ps, fixtures::direction dir) {
    std::vector<P> out;
    for (const auto& p : ps) {
        if (p.dir == dir) {
            if (const auto* x = std::get_if<P>(&p.packet)) {
                out.push_back(*x);
            }
        }
    }
    return out;
}

} // namespace athil::suites::mqtt
