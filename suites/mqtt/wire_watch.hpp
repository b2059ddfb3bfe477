#pragma once
// Every section-3 case runs the wire monitor (harness/mqtt/wire_monitor.hpp) over all the
// traffic of its connections, both directions, after its body: a packet of the module that
// breaks a client-side statement of MQTT 3.1.1 fails the case, whatever the case itself checked.
// A profile deviation that lists the statement id (`statements:`) makes it a known deviation.

#include "fixtures/tap/tap_record.hpp"
#include "harness/core/clock.hpp"
#include "suites/check_registry.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace athil::suites::mqtt {

class mqtt_rig;

// One packet that breaks a statement, as the case timeline shows it.
struct wire_violation {
    std::string statement; // "MQTT-3.3.1-2"
    std::size_t connection = 0;
    fixtures::direction dir = fixtures::direction::to_broker;
    steady_clock::time_point at;
    std::string packet; // the packet described (or the decoder's sentence for a rejected one)
    std::string text;   // what is wrong
};

// The monitor's verdict on one tap's packets and decode errors (both in the tap's order).
std::vector<wire_violation> monitor_traffic(const std::vector<fixtures::tapped_packet>& packets,
                                            const std::vector<fixtures::tap_event>& events);

// The traffic of every tap of the rig on connections opened since construction, and on
// `shared` (a live connection at `shared_target` the case may work on, live_connection.hpp):
// that one is monitored from its CONNECT, and what broke a statement before construction was
// the earlier cases' to report.
class wire_watch {
public:
    explicit wire_watch(mqtt_rig& rig, std::string_view shared_target = {}, std::size_t shared = 0);
    std::vector<wire_violation> violations() const;

private:
    mqtt_rig& rig_;
    std::vector<std::size_t> first_connection_; // per target
    steady_clock::time_point started_ = steady_clock::now();
    bool shares_ = false;
};

// `body` followed by the monitor's verdict (see the header comment).
check_body monitored(check_body body);

// Set ATHIL_WIRE_MONITOR=off to run the section-3 cases without the monitor: only for measuring
// its cost on a whole run (docs/MQTT-COVERAGE.md); a run without it checks less.
bool wire_monitor_enabled();

} // namespace athil::suites::mqtt
