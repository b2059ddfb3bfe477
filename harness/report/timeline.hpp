#pragma once
// One case's evidence in time order, on one clock: what crossed the serial line, every MQTT
// packet the wire tap saw, the brokers' log lines, what the observer client published and
// received, and the harness's own steps (faults injected, restarts, the failed check). Times
// are microseconds since the run started, so events of different sources (and the cases of a
// run, in trace.json) line up.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace athil::report {

enum class timeline_source {
    harness,  // the runner's steps: case start, fault injections, the failed check
    serial,   // bytes between harness and module (kind tx, rx, note)
    wire,     // the wire tap: MQTT packets (kind packet), connections, TLS ClientHello, faults
    broker,   // a Mosquitto log line (kind log)
    observer, // the observer client on a broker: published, received
};
inline constexpr std::size_t timeline_source_count = 5;

// "harness", "serial", "wire", "broker", "observer"
std::string_view to_string(timeline_source s) noexcept;
std::optional<timeline_source> timeline_source_from_string(std::string_view text) noexcept;

struct timeline_event {
    std::chrono::microseconds at{0}; // since the run started
    timeline_source source = timeline_source::harness;
    std::string kind; // per source: "tx", "packet", "log", "received", "check", ...
    std::string text; // one line, redacted, control bytes escaped
    // Decoded details, in order: for a packet dir, conn, type, id, qos, retain, dup, topic,
    // payload (a preview), and the CONNECT fields; for a broker line the broker's name.
    std::vector<std::pair<std::string, std::string>> fields;

    const std::string* field(std::string_view key) const;
};

// The timeline as text, one event per line, times relative to `origin` (the case's start):
//   +0.012s serial  tx       AT+MQTTSVR=plain.broker.test,1883<CR>
//   +0.204s wire    packet   c0 to_broker CONNECT proto=MQTT level=4 ...
std::string render_timeline(const std::vector<timeline_event>& events,
                            std::chrono::microseconds origin);

// What results.json keeps as `packets` and `broker_log` beside the timeline: the wire packet
// lines and the broker log lines, each with its time relative to `origin`.
std::vector<std::string> packet_lines(const std::vector<timeline_event>& events,
                                      std::chrono::microseconds origin);
std::string broker_log_text(const std::vector<timeline_event>& events,
                            std::chrono::microseconds origin);

// "+1.234s": a time relative to a case's start.
std::string relative_time(std::chrono::microseconds at, std::chrono::microseconds origin);

} // namespace athil::report
