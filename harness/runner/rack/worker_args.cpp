#include "harness/runner/rack/worker_args.hpp"

#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"

#include <filesystem>

namespace athil::runner::rack {

std::vector<std::string> own_run_arguments() {
    const auto args = core::own_arguments();
    // argv[0], then the subcommand: athil has no options before it.
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "run") {
            return {args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end()};
        }
    }
    throw athil_error(errc::bad_input, "this process was not started as `athil run`");
}

std::vector<std::string> without_options(const std::vector<std::string>& args,
                                         const std::set<std::string>& drop) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (drop.count(a) != 0) {
            ++i; // and its value
            continue;
        }
        const auto eq = a.find('=');
        if (eq != std::string::npos && drop.count(a.substr(0, eq)) != 0) {
            continue;
        }
        out.push_back(a);
    }
    return out;
}

std::vector<std::string> worker_command(const std::vector<std::string>& run_args) {
    const auto self = std::filesystem::read_symlink("/proc/self/exe").string();
    std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$@\" 2>&1", "athil-worker", self, "run"};
    argv.insert(argv.end(), run_args.begin(), run_args.end());
    return argv;
}

} // namespace athil::runner::rack
