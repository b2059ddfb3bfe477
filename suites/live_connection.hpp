#pragma once
// The MQTT connection a passing section-3 case left running, offered to the next case that
// would configure exactly the same settings and save them: that case skips its configuration
// and AT+S (a restart, seconds on a real module) and works on the live connection instead.
//
// What keeps this safe (MANUAL 1.2): set forms take effect only after AT+S, so the write-back
// of the running settings after each case leaves the connection as it was saved. Only checks
// registered with `shares_connection` (check_registry.hpp) take the offer: their verdict does
// not rest on anything a fresh connection shows (CONNECT fields, keepalive from connect, clean
// session, restart or will behaviour). A shared attempt that fails is run again in its own
// world, and that outcome is the verdict (harness/runner/gtest/gtest_cases.cpp).

#include <cstddef>
#include <string>
#include <vector>

namespace athil::suites {

struct live_connection {
    std::string target; // the rig's broker kind ("plain")
    // The AT lines saved with AT+S, client id left out: the match key, and what a case that
    // takes the connection over has in its saved settings (written back after it passes).
    std::vector<std::string> setup;
    std::string client_id;  // the one the connection logged in with
    std::size_t connection; // its index at the target's tap
    std::string opened_by;  // the case whose AT+S made it ("S3_1_3_Distribution.TempPublish...")
};

} // namespace athil::suites
