#include "suites/timing_windows.hpp"

#include "harness/link/link_spec.hpp"

#include <algorithm>
#include <cmath>

namespace athil::suites {
namespace {

// The longest serial exchange of one command: an AT+SSLCRT line carries a PEM of a few KiB,
// and the module echoes it before answering. Paced both ways at the baud.
constexpr std::size_t longest_exchange_bytes = 8192;
// The largest message a check sends or expects through the module (1000 bytes today, 3.1.1's
// packing case), with room: its serial time is part of a delivery.
constexpr std::size_t largest_message_bytes = 4096;
// A short line and its answer (a "no answer" probe, +++, a data-mode command line).
constexpr std::size_t short_exchange_bytes = 256;
// Round trips over the uplink before a connection is ready: TCP handshake, TLS handshake (two),
// CONNECT/CONNACK, SUBSCRIBE/SUBACK.
constexpr int connect_round_trips = 5;
// One-way crossings of the uplink in the longest delivery: a QoS 2 exchange (PUBLISH, PUBREC,
// PUBREL, PUBCOMP) before the module lets the message go or the harness sees it complete.
constexpr int delivery_crossings = 4;
// How much longer than its boot a module may take to show the banner before a restart is
// called lost, before scaling: the profile's restart_timeout is the floor.
constexpr milliseconds boot_margin{5000};

milliseconds scaled(milliseconds t, double scale) {
    return milliseconds(
        static_cast<milliseconds::rep>(std::ceil(static_cast<double>(t.count()) * scale)));
}

} // namespace

milliseconds serial_time(std::size_t bytes, unsigned baud) {
    if (baud == 0) {
        return milliseconds(0);
    }
    const auto bits = static_cast<std::uint64_t>(bytes) * 10; // start, 8 data, stop
    return milliseconds((bits * 1000 + baud - 1) / baud);
}

milliseconds worst_one_way(const spec::timing_profile& t) {
    return t.uplink_latency + t.uplink_jitter;
}

milliseconds timing_windows::packing_gap(std::size_t frame_bytes, milliseconds packing) const {
    // The write returns once the bytes are in the line's buffer; the module's packing timer
    // starts at the last byte it receives, the frame's serial time later (at the usual rate when
    // the profile leaves the line unpaced: a real module's UART is not). Twice the packing time
    // then, because the module's idle timer runs on its clock, not ours.
    return serial_time(frame_bytes, baud != 0 ? baud : link::default_baud) + 2 * packing;
}

timing_windows derive_windows(const spec::timing& firmware, const spec::timing_profile& link,
                              double scale) {
    timing_windows w;
    w.baud = link.baud;
    const auto one_way = worst_one_way(link);
    const auto answer_start = link.at_latency;

    // A command's answer: the firmware's bound for the work, plus the AT latency before the
    // answer starts and the line and answer crossing the serial line at the baud.
    w.command = scaled(firmware.command_timeout, scale) + answer_start +
                serial_time(longest_exchange_bytes, link.baud);
    // The "a" and "+ok" of the escape are answers like any other.
    w.handshake = scaled(milliseconds(2000), scale) + answer_start +
                  serial_time(short_exchange_bytes, link.baud);
    // A restart: the profile's bound, or the module's boot time with a margin when it boots
    // slower than that bound allows for.
    w.restart =
        std::max(scaled(firmware.restart_timeout, scale), link.boot + scaled(boot_margin, scale)) +
        serial_time(short_exchange_bytes, link.baud);
    // MQTT back: the network registration after a boot comes first, then every round trip of
    // the connection setup pays the uplink twice.
    const auto connect_setup = 2 * connect_round_trips * one_way;
    w.reconnect = scaled(firmware.reconnect_bound, scale) + link.registration + connect_setup;
    // One message: the harness's bound, each uplink crossing of the slowest QoS exchange, and the
    // message's own bytes on the serial line.
    w.delivery = scaled(milliseconds(5000), scale) + delivery_crossings * one_way +
                 serial_time(largest_message_bytes, link.baud);
    // A refused TLS attempt ends after registration and the handshake's round trips.
    w.first_attempt = link.registration + 2 * w.delivery;
    // The broker's FIN reaches the module one uplink crossing after it died; each AT+MQTTSTA
    // poll's answer starts after the AT latency and crosses the serial line.
    w.broker_loss = scaled(milliseconds(10000), scale) + one_way + answer_start +
                    serial_time(short_exchange_bytes, link.baud);
    // A PINGREQ leaves the module at the keepalive and reaches the tap one crossing later.
    w.keepalive_margin = scaled(milliseconds(1000), scale) + one_way;

    // "No answer": the line just written reaches the module at the baud, its answer would start
    // after the AT latency; the quiet time counts from there.
    w.serial_quiet =
        firmware.quiet_time + answer_start + serial_time(short_exchange_bytes, link.baud);
    // A message the broker still sends (a redelivery, a queued message, a duplicate) crosses the
    // uplink and the serial line before the serial line would show it.
    w.data_quiet = firmware.quiet_time + one_way + serial_time(largest_message_bytes, link.baud);
    // A packet the module sent with the ones already seen at the tap is at most one crossing
    // behind them (the uplink delays in order, never reorders).
    w.wire_quiet = firmware.quiet_time + one_way;
    w.wire_latency = one_way;
    return w;
}

void apply_windows(spec::timing& firmware, const timing_windows& w) {
    firmware.command_timeout = w.command;
    firmware.restart_timeout = w.restart;
    firmware.reconnect_bound = std::chrono::ceil<std::chrono::seconds>(w.reconnect);
    firmware.quiet_time = w.serial_quiet;
}

} // namespace athil::suites
