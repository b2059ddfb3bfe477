#pragma once
// Gathers one case's timeline when it ends: the serial transcript since the case's mark, every
// packet, connection event and fault of the wire taps, the brokers' log lines and the harness's
// own notes since the case started — merged in time order on the run's clock, redacted, and
// bounded (a babbling module or broker cannot blow up a report).

#include "harness/core/clock.hpp"
#include "harness/report/timeline.hpp"
#include "harness/session/transcript.hpp"
#include "suites/run_environment.hpp"

#include <cstddef>
#include <vector>

namespace athil::runner {

// At most this many events per case: the first and the last half are kept, with a note of
// how many were left out between them.
inline constexpr std::size_t max_timeline_events = 4000;
// Longer event texts are cut (the transcript keeps the serial bytes in full).
inline constexpr std::size_t max_event_text = 400;

// Takes env.notes (leaves them empty for the next case).
std::vector<report::timeline_event> collect_timeline(suites::run_environment& env,
                                                     const session::transcript_mark& mark,
                                                     steady_clock::time_point case_start);

} // namespace athil::runner
