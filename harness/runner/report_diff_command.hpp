#pragma once
// `athil report diff OLD NEW`: two runs compared (harness/history/run_diff.hpp), each given as a
// results.json or as a run number of the history store. Exit 1 when NEW regressed, 0 otherwise,
// 2 when an input cannot be read.

#include <CLI/CLI.hpp>

namespace athil::report {

void add_diff_subcommand(CLI::App& report);

} // namespace athil::report
