#pragma once
// A worker is `athil run` again, with the parent's own arguments: whatever the user gave (a
// filter, a profile, quirks, retries, timeouts) reaches every worker unchanged, including
// options added to `athil run` later. Only the options that are the parent's business
// (--jobs, --tags, --report-dir) are taken out before each worker's own are added.

#include <set>
#include <string>
#include <vector>

namespace athil::runner::rack {

// The arguments after the `run` subcommand of this process (from /proc/self/cmdline).
std::vector<std::string> own_run_arguments();

// `args` without the options named in `drop` (long names: "--jobs"), in both the "--jobs 4"
// and the "--jobs=4" form; every dropped option takes one value.
std::vector<std::string> without_options(const std::vector<std::string>& args,
                                         const std::set<std::string>& drop);

// The command line of a worker: this executable, `run`, the given arguments, with stderr
// joined to stdout so that every line it prints reaches the parent's prefixed output.
std::vector<std::string> worker_command(const std::vector<std::string>& run_args);

} // namespace athil::runner::rack
