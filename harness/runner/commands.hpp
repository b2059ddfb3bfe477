#pragma once
// The subcommands of the athil executable. Each one registers itself on the top-level app
// with one function; main.cpp lists them in a table, so adding `run`, `at` or `list` is one
// declaration here and one row there. A subcommand's callback reports failure by throwing
// CLI::RuntimeError(exit_code).

#include <CLI/CLI.hpp>

namespace athil::runner {

using command_registrar = void (*)(CLI::App&);

void add_sim_command(CLI::App& app);     // athil sim: the reference module simulator
void add_run_command(CLI::App& app);     // athil run: the conformance suites (suites/)
void add_list_command(CLI::App& app);    // athil list: sections, clauses, case counts (suites/)
void add_at_command(CLI::App& app);      // athil at: AT commands with parsed answers (suites/)
void add_version_command(CLI::App& app); // athil version: the same as athil --version
void add_rack_command(CLI::App& app);    // athil rack status: who holds which DUT of a rack
void add_power_command(CLI::App& app);   // athil power: a rack DUT's power/reset commands
void add_history_command(CLI::App& app); // athil history: recorded runs, trend page

} // namespace athil::runner
