#include "harness/runner/rerun_command.hpp"

#include "harness/core/command_line.hpp"
#include "harness/runner/timing_args.hpp"

#include <filesystem>
#include <sstream>

namespace athil::runner {
namespace {

// The program as the user can start it again: its name when it was found in PATH, else the
// absolute path of this executable (a relative path would only work from the same folder).
std::string program() {
    const auto args = core::own_arguments();
    if (!args.empty() && args.front().find('/') == std::string::npos) {
        return args.front();
    }
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? (args.empty() ? std::string("athil") : args.front()) : self.string();
}

std::string number_text(double x) {
    std::ostringstream out;
    out << x;
    return out.str();
}

} // namespace

std::vector<std::string> rerun_arguments(const run_options& o) {
    std::vector<std::string> args{program(), "run", "--dut", o.dut, "--profile", o.profile};
    if (!o.broker_host.empty()) {
        args.insert(args.end(), {"--broker-host", o.broker_host});
    }
    if (!o.suites_dir.empty()) {
        args.insert(args.end(), {"--suites-dir", std::filesystem::absolute(o.suites_dir).string()});
    }
    if (o.timeout_scale != 1.0) {
        args.insert(args.end(), {"--timeout-scale", number_text(o.timeout_scale)});
    }
    if (!o.timing.empty()) {
        args.insert(args.end(), {"--timing", timing_argument(o.timing)});
    }
    if (o.dut == "sim") {
        if (o.timing.empty() || o.boot_ms_given) {
            args.insert(args.end(), {"--boot-ms", std::to_string(o.boot_ms)});
        }
        for (const auto& a : o.sim_args) {
            args.push_back("--sim-arg=" + a);
        }
    }
    return args;
}

} // namespace athil::runner
