#pragma once
// The last lines of a run on the terminal: the counts, then every case that did not pass
// (failed, rig error, not run, flaky), one line each with its clause and reason and, for a
// case that ran, the command that reruns exactly it, so the reader of a CI log knows what to
// open and how to reproduce it without scrolling back.

#include "harness/report/run_model.hpp"

#include <ostream>

namespace athil::report {

// "athil run: 5 passed, 0 flaky, 1 failed, 0 errors, 0 known deviations, 2 not run (profile
// reference)", then the list.
void print_closing_summary(const run_result& run, std::ostream& out);

} // namespace athil::report
