#include "harness/runner/rack/health_check.hpp"

#include "harness/core/error.hpp"
#include "harness/dut/shell_command.hpp"

#include <thread>

namespace athil::runner::rack {
namespace {

// +++ first: it is harmless in command mode (an error answer counts as success) and the only
// way out of data mode, where AT would be taken as payload.
bool answers_at(session::module_session& s, std::chrono::milliseconds timeout) {
    try {
        s.enter_command_mode();
    } catch (const athil_error&) {
        // Not fatal: a module with an unusual escape may still answer AT.
    }
    try {
        return s.command("AT", timeout).ok();
    } catch (const athil_error&) {
        return false; // the link died under us
    }
}

struct attempt {
    dut::dut_connection connection;
    std::unique_ptr<session::module_session> session;
    std::string failure; // empty when AT was answered
    bool busy = false;   // another run or program holds the port: not the module's trouble
};

// Opens the link (retrying while the port is away, up to `reopen`) and asks for AT.
attempt try_once(const health_plan& plan, std::chrono::milliseconds reopen) {
    attempt a;
    const auto until = deadline_in(reopen);
    for (;;) {
        try {
            a.connection = plan.connect(deadline_in(plan.answer_timeout));
            break;
        } catch (const athil_error& e) {
            a.busy = e.code() == errc::link_busy;
            if (a.busy || steady_clock::now() >= until) {
                a.failure = std::string("port not usable: ") + e.what();
                return a;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
    a.session =
        std::make_unique<session::module_session>(std::move(a.connection.link), plan.session);
    if (!answers_at(*a.session, plan.answer_timeout)) {
        a.failure = "no answer to AT within " + std::to_string(plan.answer_timeout.count()) + " ms";
    }
    return a;
}

} // namespace

std::string health_result::summary() const {
    std::string out;
    for (const auto& s : steps) {
        out += (out.empty() ? "" : "; ") + s;
    }
    return out;
}

health_result check_health(const health_plan& plan) {
    health_result r;
    const auto run = [&](const char* name, const std::optional<dut::shell_command>& c) {
        const auto outcome = dut::run_shell_command(*c, plan.command_log, plan.command_env);
        r.steps.push_back(std::string(name) + ": " + outcome.describe());
    };
    // The first attempt only waits for the port as long as one answer would take.
    auto a = try_once(plan, std::chrono::milliseconds(0));
    // One escalation step: note why, close the port (the module is about to restart), run the
    // commands, and try again with time for the port to come back.
    const auto escalate =
        [&](const char* name,
            std::initializer_list<std::pair<const char*, const std::optional<dut::shell_command>*>>
                commands) {
            r.steps.push_back(a.failure);
            a.session.reset(); // before the simulator or port it talks to
            a = {};
            for (const auto& [label, c] : commands) {
                run(label, *c);
            }
            a = try_once(plan, plan.reopen_timeout);
            if (a.failure.empty()) {
                r.steps.push_back(std::string("AT answered after ") + name);
            }
        };
    if (a.failure.empty()) {
        r.steps.push_back("AT answered");
    }
    // A busy port says nothing of the module: resetting or power cycling it would pull the
    // module away from whoever holds the port.
    if (!a.failure.empty() && !a.busy && plan.reset) {
        escalate("reset", {{"reset", &plan.reset}});
    }
    if (!a.failure.empty() && !a.busy && plan.power_off && plan.power_on) {
        escalate("power cycle", {{"power_off", &plan.power_off}, {"power_on", &plan.power_on}});
    }
    if (!a.failure.empty()) {
        r.steps.push_back(a.failure);
        r.steps.push_back("offline");
    }
    r.online = a.failure.empty();
    r.port_busy = a.busy;
    r.connection = std::move(a.connection);
    r.session = std::move(a.session);
    return r;
}

} // namespace athil::runner::rack
