#include "harness/runner/simulator_options.hpp"

namespace athil::runner {

void add_simulator_options(CLI::App& command, std::vector<std::string>& sim_args) {
    command.add_option("--sim-arg", sim_args,
                       "argument passed to `athil sim` (repeatable; --sim-arg=--quirk=no-echo)");
    command.add_option_function<std::vector<std::string>>(
        "--quirk",
        [&sim_args](const std::vector<std::string>& names) {
            for (const auto& n : names) {
                sim_args.push_back("--quirk=" + n);
            }
        },
        "simulator quirk (repeatable): shorthand for --sim-arg=--quirk=NAME");
}

std::vector<std::string> quirks_in(const std::vector<std::string>& sim_args) {
    std::vector<std::string> out;
    constexpr std::string_view joined = "--quirk=";
    for (std::size_t i = 0; i < sim_args.size(); ++i) {
        if (sim_args[i].starts_with(joined)) {
            out.push_back(sim_args[i].substr(joined.size()));
        } else if (sim_args[i] == "--quirk" && i + 1 < sim_args.size()) {
            out.push_back(sim_args[++i]);
        }
    }
    return out;
}

} // namespace athil::runner
