#pragma once
// The simulator's options on the subcommands that may start it (`athil run`, `athil at`), and
// what a report records of them.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace athil::runner {

// --sim-arg ARG and --quirk NAME (shorthand for --sim-arg=--quirk=NAME) on a subcommand that
// may start the simulator; both append to `sim_args`, which must outlive the parse.
void add_simulator_options(CLI::App& command, std::vector<std::string>& sim_args);

// The simulator quirks named in `athil sim` arguments ("--quirk=NAME" or "--quirk NAME").
std::vector<std::string> quirks_in(const std::vector<std::string>& sim_args);

} // namespace athil::runner
