// The windows the checks wait in, derived from the firmware profile, the timing profile and
// --timeout-scale: the old constants for the instant profile, and every window stretched by
// what a realistic module and its network take.

#include "harness/spec/timing_profile_loader.hpp"
#include "suites/timing_windows.hpp"

#include <gtest/gtest.h>

namespace athil::suites {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

spec::timing_profile shipped(const std::string& name) {
    return spec::load_timing_profile(name, ATHIL_SUITES_DIR);
}

TEST(SerialTime, TenBitsAByteRoundedUpAndZeroWhenUnpaced) {
    EXPECT_EQ(serial_time(1000, 9600), milliseconds(1042)); // 10000 bits / 9600 baud
    EXPECT_EQ(serial_time(1152, 115200), milliseconds(100));
    EXPECT_EQ(serial_time(1, 115200), milliseconds(1));
    EXPECT_EQ(serial_time(4096, 0), milliseconds(0));
}

TEST(TimingWindows, InstantProfileKeepsTheConstantsTheChecksUsedBefore) {
    const auto w = derive_windows(spec::timing{}, shipped("instant"), 1.0);
    EXPECT_EQ(w.command, milliseconds(3000));
    EXPECT_EQ(w.handshake, milliseconds(2000));
    EXPECT_EQ(w.restart, milliseconds(15000));
    EXPECT_EQ(w.reconnect, seconds(30));
    EXPECT_EQ(w.delivery, milliseconds(5000));
    EXPECT_EQ(w.first_attempt, milliseconds(10000)); // was two delivery bounds
    EXPECT_EQ(w.broker_loss, milliseconds(10000));
    EXPECT_EQ(w.keepalive_margin, milliseconds(1000));
    EXPECT_EQ(w.serial_quiet, milliseconds(400));
    EXPECT_EQ(w.data_quiet, milliseconds(400));
    EXPECT_EQ(w.wire_quiet, milliseconds(400));
    EXPECT_EQ(w.wire_latency, milliseconds(0));
    EXPECT_EQ(w.packing_gap(1000, milliseconds(50)),
              milliseconds(87 + 100)); // the usual 115200 baud
}

TEST(TimingWindows, TimeoutScaleStretchesWaitsForAnAnswerButNotQuietTimes) {
    const auto one = derive_windows(spec::timing{}, shipped("instant"), 1.0);
    const auto two = derive_windows(spec::timing{}, shipped("instant"), 2.0);
    for (const auto wait :
         {&timing_windows::command, &timing_windows::handshake, &timing_windows::restart,
          &timing_windows::reconnect, &timing_windows::delivery, &timing_windows::broker_loss}) {
        EXPECT_EQ(two.*wait, 2 * (one.*wait));
    }
    // A quiet time is how long silence must last to count, not a wait for something slow.
    for (const auto quiet : {&timing_windows::serial_quiet, &timing_windows::data_quiet,
                             &timing_windows::wire_quiet}) {
        EXPECT_EQ(two.*quiet, one.*quiet);
    }
}

TEST(TimingWindows, RealisticProfileAddsBootRegistrationLatencyAndSerialTime) {
    const auto link = shipped("realistic"); // 10 s boot, 3 s registration, 150 +/- 50 ms, 115200
    ASSERT_EQ(worst_one_way(link), milliseconds(200));
    const auto w = derive_windows(spec::timing{}, link, 1.0);
    // 3 s, the AT latency, 8 KiB (a certificate line and its echo) at 115200 baud.
    EXPECT_EQ(w.command, milliseconds(3000 + 20 + 712));
    EXPECT_EQ(w.handshake, milliseconds(2000 + 20 + 23));
    // Boot plus the 5 s margin, no shorter than the profile's 15 s, and the banner's line time.
    EXPECT_EQ(w.restart, milliseconds(15000 + 23));
    // Registration before the first connect, five round trips of the connection setup.
    EXPECT_EQ(w.reconnect, milliseconds(30000 + 3000 + 10 * 200));
    // A QoS 2 exchange crosses the uplink four times; 4 KiB of message at the baud.
    EXPECT_EQ(w.delivery, milliseconds(5000 + 4 * 200 + 356));
    EXPECT_EQ(w.first_attempt, milliseconds(3000) + 2 * w.delivery);
    EXPECT_EQ(w.broker_loss, milliseconds(10000 + 200 + 20 + 23));
    EXPECT_EQ(w.keepalive_margin, milliseconds(1000 + 200));
    EXPECT_EQ(w.packing_gap(1000, milliseconds(50)), milliseconds(87 + 100));
}

TEST(TimingWindows, NegativeWindowsOutlastTheWorstCaseLatency) {
    // A "nothing arrives" window shorter than the way the thing would come passes vacuously.
    const spec::timing firmware{};
    const auto link = shipped("realistic");
    const auto w = derive_windows(firmware, link, 1.0);
    EXPECT_GE(w.serial_quiet, firmware.quiet_time + link.at_latency);
    EXPECT_GE(w.data_quiet, firmware.quiet_time + worst_one_way(link));
    EXPECT_GE(w.wire_quiet, firmware.quiet_time + worst_one_way(link));
    EXPECT_EQ(w.wire_latency, worst_one_way(link));
}

TEST(TimingWindows, ASlowBootStretchesTheRestartWindowBeyondTheProfilesBound) {
    spec::timing_profile link;
    link.boot = milliseconds(20000);
    const auto w = derive_windows(spec::timing{}, link, 1.0);
    EXPECT_EQ(w.restart, milliseconds(25000));
}

TEST(TimingWindows, ApplyWritesTheDerivedBoundsIntoTheFirmwareTiming) {
    spec::timing t;
    const auto w = derive_windows(t, shipped("realistic"), 1.5);
    apply_windows(t, w);
    EXPECT_EQ(t.command_timeout, w.command);
    EXPECT_EQ(t.restart_timeout, w.restart);
    EXPECT_EQ(t.reconnect_bound, seconds(50)); // 45 s scaled + 3 s + 2 s, whole seconds up
    EXPECT_EQ(t.quiet_time, w.serial_quiet);
    EXPECT_EQ(t.guard_time, milliseconds(250)); // the manual's escape timing, never derived
}

} // namespace
} // namespace athil::suites
