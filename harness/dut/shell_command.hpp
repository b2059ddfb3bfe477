#pragma once
// The rack owner's power and reset commands (relay boards, PDUs, USB hub port switches): run
// with /bin/sh -c in a process group of their own and stopped at their timeout, so a hung
// PDU client cannot hold up the rack.

#include "harness/dut/inventory.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace athil::dut {

struct shell_outcome {
    bool timed_out = false;
    int exit_code = -1; // 128 + signal when killed; -1 when it could not start
    bool ok() const { return !timed_out && exit_code == 0; }
    std::string describe() const; // "exit 0", "exit 3", "timed out after 10000 ms"
};

// power.log's bound: a few hundred commands' worth of relay and PDU chatter.
inline constexpr std::uintmax_t max_command_log_bytes = 1024 * 1024;

// Runs the command; its stdout and stderr are appended to `log` (empty: inherited) while the
// log is below `log_limit` bytes, then dropped with a line that says how much was cut. `env`
// adds variables (ATHIL_DUT_ID, ATHIL_DUT_LINK) the command may use. Programs the command
// leaves running in its process group are stopped when it ends, and when athil ends.
shell_outcome run_shell_command(const shell_command& c, const std::filesystem::path& log,
                                const std::vector<std::pair<std::string, std::string>>& env,
                                std::uintmax_t log_limit = max_command_log_bytes);

} // namespace athil::dut
