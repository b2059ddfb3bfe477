#pragma once
// How `athil run --timing` reaches the simulator and the rerun command line.

#include "harness/runner/run_options.hpp"
#include "harness/spec/timing_profile.hpp"

#include <string>
#include <vector>

namespace athil::runner {

// The `athil sim` arguments for the run's timing: --timing=<the loaded file> when --timing was
// given (a file, so a --suites-dir elsewhere is honoured), and --boot-ms when it was given or no
// timing was (today's 50 ms default); an explicit --boot-ms wins over the profile's boot.
void append_timing_args(const run_options& o, const spec::timing_profile& timing,
                        std::vector<std::string>& sim_args);

// --timing as a rerun repeats it: a name as it is, a file as an absolute path.
std::string timing_argument(const std::string& given);

} // namespace athil::runner
