#include "harness/dut/shell_command.hpp"

#include "harness/core/error.hpp"
#include "harness/process/child_process.hpp"

namespace athil::dut {

std::string shell_outcome::describe() const {
    if (timed_out) {
        return "timed out";
    }
    if (exit_code < 0) {
        return "could not start";
    }
    return "exit " + std::to_string(exit_code);
}

shell_outcome run_shell_command(const shell_command& c, const std::filesystem::path& log,
                                const std::vector<std::pair<std::string, std::string>>& env) {
    process::spawn_options options;
    // The log is opened by the shell in append mode, so several commands share one file.
    options.argv = {"/bin/sh", "-c",
                    log.empty() ? c.command : "exec >>'" + log.string() + "' 2>&1; " + c.command};
    options.env = env;
    shell_outcome out;
    try {
        auto child = process::child::spawn(options);
        const auto code = child.wait(deadline_in(c.timeout));
        if (!code) {
            out.timed_out = true;
            child.terminate(std::chrono::milliseconds(1000));
            return out;
        }
        out.exit_code = *code;
    } catch (const athil_error&) {
        out.exit_code = -1;
    }
    return out;
}

} // namespace athil::dut
