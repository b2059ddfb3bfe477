#pragma once
// Reruns of a failing case (athil run --retries N), inside the one GoogleTest test that is the
// case. An answer that is wrong once and right on the next try is a finding of its own (a
// flaky module or rig): the earlier attempts are recorded with their own evidence under
// keys::attempt_prefix, and the report shows the case as flaky, never as a plain pass.
//
//     void TestBody() override {
//         athil::report::run_with_retries(retries, [&](unsigned attempt, std::string& log) {
//             ... the case body: EXPECT_/ASSERT_/FAIL/GTEST_SKIP as usual ...
//             log = this attempt's transcript;
//         });
//     }

#include <functional>
#include <string>

namespace athil::report {

// One run of the case body. `attempt` counts from 1; the body leaves this attempt's own
// transcript in `transcript` (also when it fails).
using case_attempt = std::function<void(unsigned attempt, std::string& transcript)>;

// Runs `body` up to 1 + retries times, until an attempt passes. Every attempt but the last runs
// under a testing::ScopedFakeTestPartResultReporter, so its failed assertions are captured
// instead of failing the test: a failed attempt is recorded (message, every assertion,
// transcript, duration) and the body runs again. The last attempt reports as usual.
//
// An attempt that skipped (a known deviation) or that lost the rig (keys::infrastructure was
// recorded) is final: another try would judge nothing new. Its captured results are reported
// as if it had run unwatched. Must be called from a test body.
void run_with_retries(unsigned retries, const case_attempt& body);

} // namespace athil::report
