// `athil version`: for scripts that call subcommands only; `athil --version` prints the same.
#include "harness/core/version.hpp"
#include "harness/runner/commands.hpp"

#include <iostream>

namespace athil::runner {

void add_version_command(CLI::App& app) {
    auto* version = app.add_subcommand("version", "Print athil's version (as in every report).");
    version->callback([] { std::cout << core::version() << "\n"; });
}

} // namespace athil::runner
