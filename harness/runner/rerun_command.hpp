#pragma once
// The command line that reruns one case of this run exactly as it ran: the same program, DUT,
// profile, broker host, suites, timeouts and simulator arguments, nothing of the selection
// (filter, shard, jobs, repeat) or of where reports go. Printed under every case that did not
// pass, with `--filter <Suite.Case>` appended.

#include "harness/runner/run_options.hpp"

#include <string>
#include <vector>

namespace athil::runner {

// argv of that command, without the --filter.
std::vector<std::string> rerun_arguments(const run_options& o);

} // namespace athil::runner
