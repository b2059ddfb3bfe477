#pragma once
// Every window a check waits in, derived in one place from what the module and its network
// take: the firmware profile's bounds (suites/profiles, `timing:`), the timing profile (boot,
// registration, uplink latency and jitter, baud, AT latency; suites/timing) and
// --timeout-scale. A constant that holds at a 50 ms boot and zero latency fails a slow module
// falsely on a positive window, and, worse, lets a "nothing arrives" window pass vacuously
// while the thing it waits for is still on its way: those windows add the worst-case latency.
// With the instant timing profile and scale 1 every window is the constant it replaced.

#include "harness/spec/profile.hpp"
#include "harness/spec/timing_profile.hpp"

#include <chrono>
#include <cstddef>

namespace athil::suites {

using std::chrono::milliseconds;

// Time `bytes` take on an 8N1 serial line (10 bits a byte) at `baud`, rounded up; 0 unpaced.
milliseconds serial_time(std::size_t bytes, unsigned baud);

// The slowest one-way trip across the module's uplink: latency plus the whole jitter.
milliseconds worst_one_way(const spec::timing_profile& t);

struct timing_windows {
    // --- positive windows: they end as soon as the awaited thing is seen ---
    milliseconds command{3000};          // an AT command's final result
    milliseconds handshake{2000};        // each of "a" and "+ok" of the +++ escape
    milliseconds restart{15000};         // AT+S / AT+Z / AT+CLEAR until the boot banner
    milliseconds reconnect{30000};       // after a boot or a loss, MQTT back (CONNACK, SUBACK)
    milliseconds delivery{5000};         // one message across broker, tap, uplink and serial line
    milliseconds first_attempt{10000};   // after a boot, the module's first connection attempt
                                         // ends (a refused TLS handshake)
    milliseconds broker_loss{10000};     // the broker gone until AT+MQTTSTA says DISCONNECTION
    milliseconds keepalive_margin{1000}; // beyond 1.5 x keepalive for a PINGREQ at the tap

    // --- negative windows: a pass waits them out, so they must cover the latency ---
    milliseconds serial_quiet{400}; // no answer to what was just written on the serial line
    milliseconds data_quiet{400};   // no (further) message from the broker on the serial line
    milliseconds wire_quiet{400};   // no (further) packet from the module at the tap
    milliseconds wire_latency{0};   // added to an idle window a check takes from its inputs

    // Silence after a data-mode frame so the module packs it alone (3.1.1, AT+UARTFT
    // `packing`): the frame is still reaching the module at the baud when the write returns.
    milliseconds packing_gap(std::size_t frame_bytes, milliseconds packing) const;

    unsigned baud = 0; // for packing_gap
};

// The windows for a run: `firmware` as the profile gives it (not yet scaled), `link` the timing
// profile, `scale` --timeout-scale.
timing_windows derive_windows(const spec::timing& firmware, const spec::timing_profile& link,
                              double scale);

// The profile's bounds replaced by the derived ones, for the code that reads them from there
// (command, restart, reconnect bound, the serial quiet time).
void apply_windows(spec::timing& firmware, const timing_windows& w);

} // namespace athil::suites
