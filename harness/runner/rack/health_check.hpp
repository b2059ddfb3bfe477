#pragma once
// Before the suites touch a rack module: does it answer AT? If not, escalate as a rack
// technician would — the reset command, then a power cycle — re-opening the port after each
// (a restarted module's USB by-id path disappears and comes back), and give up with the
// module marked offline. Every step is bounded.

#include "harness/dut/dut_connection.hpp"
#include "harness/dut/inventory.hpp"
#include "harness/session/module_session.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace athil::runner::rack {

struct health_plan {
    std::function<dut::dut_connection(deadline)> connect; // opens (again) the module's link
    std::optional<dut::shell_command> reset;
    std::optional<dut::shell_command> power_off;
    std::optional<dut::shell_command> power_on;
    std::chrono::milliseconds answer_timeout{5000};  // per attempt: +++ and AT
    std::chrono::milliseconds reopen_timeout{20000}; // for the port to come back after a step
    session::session_options session;
    std::filesystem::path command_log; // output of the shell commands
    std::vector<std::pair<std::string, std::string>> command_env;
};

struct health_result {
    bool online = false;
    bool port_busy = false;         // another program holds the port: says nothing of the module
    dut::dut_connection connection; // its link moved into `session` when online
    std::unique_ptr<session::module_session> session;
    std::vector<std::string> steps; // what was tried, in order, for the report and the log
    std::string summary() const;    // the steps joined with "; "
};

health_result check_health(const health_plan& plan);

} // namespace athil::runner::rack
