#pragma once
// A timing profile: how fast the module and its network are, as data (suites/timing/*.yaml).
// The simulator plays it (boot, registration, uplink latency, serial pacing, AT latency) and
// the harness derives its waiting windows from it, so both agree on one set of numbers.

#include <chrono>
#include <cstdint>
#include <string>

namespace athil::spec {

struct timing_profile {
    std::string name = "instant";
    std::string description;
    std::string file;                   // where it was loaded from; empty for the built-in default
    std::uint32_t seed = 1;             // jitter repeats under the same seed
    std::chrono::milliseconds boot{50}; // restart or power-on until the banner
    std::chrono::milliseconds registration{0};   // after boot, before the first MQTT connect
    std::chrono::milliseconds uplink_latency{0}; // added one way, both directions
    std::chrono::milliseconds uplink_jitter{0};  // +/- uniform around the latency
    unsigned baud = 0;                           // 8N1 pacing both ways; 0 = unpaced
    std::chrono::milliseconds at_latency{0};     // a command's CR until its answer starts
};

} // namespace athil::spec
