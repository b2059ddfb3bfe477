#pragma once
// The parent side of `athil run --jobs N` (N simulators) and `athil run --inventory rack.yaml`
// (one worker per rack module): start the workers, show their lines, merge their reports into
// the report folder, and exit with the worst of their codes.

#include "harness/runner/run_command.hpp"

namespace athil::runner::rack {

// --jobs N against the simulator: worker i runs `--shard i/N` with its own simulator, brokers,
// taps and ports, in <report dir>/workers/i.
int run_parallel(const run_options& options);

// --inventory: one worker per selected DUT (at most --jobs at once; default all), in
// <report dir>/duts/<id>; a per-DUT table at the end. Exit 2 if any DUT was offline or its rig
// failed, else 1 if any nonconformance, else 0.
int run_rack(const run_options& options, const std::string& only_dut);

} // namespace athil::runner::rack
