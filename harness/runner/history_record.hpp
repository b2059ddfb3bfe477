#pragma once
// `athil run --history STORE`: the store is opened (and its schema made) before the run, so a
// wrong path or an unreachable server stops the run at once with exit code 2; when the run ends
// (also interrupted or stopped by --maxfail) its results.json is recorded with its exit code.

#include "harness/runner/run_options.hpp"

#include <string>
#include <vector>

namespace athil::runner {

// run_suites, then the record; a run that could not be recorded exits 2 after saying why.
int run_with_history(const run_options& options);

// This process's arguments as reports record them (metadata.command_line): a --history
// PostgreSQL URL without its password.
std::vector<std::string> reported_arguments();

} // namespace athil::runner
