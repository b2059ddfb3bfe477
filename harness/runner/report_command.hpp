#pragma once
// `athil report ...`: work on finished reports. Today: `athil report merge A.xml B.xml -o
// merged.xml` joins the JUnit files of shards into one.

#include <CLI/CLI.hpp>

namespace athil::report {

// Registers the `report` subcommand; matches athil::runner::command_registrar.
void add_report_command(CLI::App& app);

} // namespace athil::report
