#include "suites/run_environment.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/profile_loader.hpp"
#include "suites/factory_settings.hpp"
#include "suites/mqtt/rig.hpp"
#include "suites/value_model.hpp"

#include <algorithm>

namespace athil::suites {
namespace {

spec::command* find(spec::manual& m, std::string_view name) {
    for (auto& s : m.sections) {
        for (auto& c : s.commands) {
            if (c.name == name) {
                return &c;
            }
        }
    }
    return nullptr;
}

std::string strip_quotes(std::string v) {
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        return v.substr(1, v.size() - 2);
    }
    return v;
}

} // namespace

spec::manual apply_profile(spec::manual manual, const spec::profile& profile) {
    spec::check_deviation_clauses(profile, manual);
    // 2.3: a five-field firmware has no sixth PUBTP field to set or show.
    if (auto* pubtp = find(manual, "MQTTPUBTP"); pubtp && profile.pubtp_fields == 5) {
        if (!pubtp->parameters.empty() && pubtp->parameters.back().optional) {
            pubtp->parameters.pop_back();
        }
        for (auto& line : pubtp->defaults) {
            line = line.substr(0, line.rfind(','));
        }
    }
    if (auto* sta = find(manual, "MQTTSTA"); sta && !profile.mqttsta_quoted) {
        for (auto& d : sta->defaults) {
            d = strip_quotes(d);
        }
    }
    if (auto* echo = find(manual, "E"); echo && !profile.echo_default) {
        echo->defaults = {"OFF"};
    }
    return manual;
}

std::vector<std::string> run_environment::default_lines(const spec::command& cmd) const {
    const auto prefix = "+" + cmd.name + ":";
    if (cmd.query.layout == spec::query_layout::slots) {
        std::vector<std::string> lines{prefix};
        lines.insert(lines.end(), cmd.defaults.begin(), cmd.defaults.end());
        return lines;
    }
    if (!cmd.default_from.empty()) {
        // Only the serial number is a run-time default today (2.9).
        return {prefix + serial_number};
    }
    return {prefix + (cmd.defaults.empty() ? std::string{} : cmd.defaults.front())};
}

std::string run_environment::rig_failure() const {
    if (!rig) {
        return {};
    }
    for (std::size_t i = 0; i < mqtt::target_count; ++i) {
        const auto t = static_cast<mqtt::target>(i);
        if (rig->broker(t).crashed()) {
            return std::string("the rig's ") + mqtt::to_string(t) +
                   " broker (mosquitto) died during the case";
        }
    }
    return {};
}

std::chrono::microseconds run_environment::on_clock(steady_clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::microseconds>(t - clock_origin);
}

void run_environment::note(report::timeline_source source, std::string kind, std::string text,
                           steady_clock::time_point at,
                           std::vector<std::pair<std::string, std::string>> details) {
    notes.push_back({on_clock(at), source, std::move(kind), std::move(text), std::move(details)});
}

void run_environment::to_command_mode() {
    session->enter_command_mode();
}

void run_environment::recover() {
    to_command_mode();
    const auto r = session->factory_reset();
    if (!r.ok()) {
        throw athil_error(errc::protocol_error, "AT+CLEAR was not answered with OK");
    }
    to_command_mode();
    state = module_state::clean_boot;
    saved_changes.clear();
    running_changes.clear();
    live.reset();
}

void run_environment::defer_restore(const std::string& command) {
    if (state == module_state::clean_boot) {
        state = module_state::saved_differ; // nothing saved differs, a running value does
    }
    running_changes.insert(command);
}

bool run_environment::restore_running(const case_def& c) {
    if (running_changes.empty()) {
        return false;
    }
    if (!(c.reads_default && running_changes.contains(c.command))) {
        if (c.keeps_running_changes) {
            return false;
        }
        // A case that starts from running factory settings configures what it uses: a value
        // read only behind a gate it would have to open itself can wait for a later case.
        if (c.needs != start_need::clean_boot &&
            std::ranges::all_of(running_changes,
                                [](const std::string& n) { return read_only_behind_a_gate(n); })) {
            return false;
        }
    }
    const bool saved_factory = state == module_state::saved_differ &&
                               std::ranges::none_of(running_changes, [this](const std::string& n) {
                                   return saved_changes.contains(n);
                               });
    // AT+Z boots the saved settings: a clean boot when they are all factory, else AT+CLEAR.
    if (!saved_factory || (c.needs == start_need::clean_boot && !saved_changes.empty())) {
        recover();
        return true;
    }
    restart_without_saving();
    return true;
}

void run_environment::restart_without_saving() {
    to_command_mode();
    if (!session->restart_without_saving().ok()) {
        throw athil_error(errc::protocol_error, "AT+Z was not answered with OK");
    }
    to_command_mode();
    running_changes.clear();
    live.reset();
    if (saved_changes.empty()) {
        state = module_state::clean_boot; // booted from factory saved settings
        return;
    }
    after_case(true); // the saved changes came back into the running settings
}

bool run_environment::may_share(const case_def& c, std::string_view target) const {
    return c.may_share && !isolated && !refuse_sharing && live && live->target == target;
}

bool run_environment::ready_for(const case_def& c) {
    if (!c.may_share || isolated) {
        live.reset(); // whatever this case does, the next one must not inherit it
    }
    const bool restored = restore_running(c);
    bool ready = state == module_state::clean_boot;
    if (!ready && !isolated) {
        switch (c.needs) {
        case start_need::clean_boot:
            break;
        case start_need::factory_settings:
            ready = state == module_state::factory_settings || state == module_state::saved_differ;
            break;
        case start_need::running_settings:
            ready = state == module_state::saved_differ && !saved_changes.contains(c.reads_saved);
            break;
        }
    }
    if (ready) {
        return restored;
    }
    recover();
    return true;
}

bool run_environment::ready_for_batch(const std::vector<std::string>& commands, bool reads_saved) {
    const bool restored = restore_running({}); // a batch keeps no running change
    bool ready = state == module_state::clean_boot;
    if (!ready && state == module_state::saved_differ) {
        ready = !reads_saved || std::ranges::none_of(commands, [this](const std::string& c) {
            return saved_changes.contains(c);
        });
    }
    if (ready) {
        return restored;
    }
    recover();
    return true;
}

void run_environment::tidy_after_save(const std::vector<std::string>& changed_commands) {
    if (isolated) {
        recover();
        return;
    }
    // A value the set form cannot write back (an empty Alibaba field) stays running too, until
    // a case needs it back (restore_running: AT+CLEAR, since it is saved as well).
    std::vector<std::string> writable;
    std::set<std::string> kept;
    for (const auto& name : changed_commands) {
        const auto* cmd = find(manual, name);
        if (cmd != nullptr && cmd->saved && !restorable_by_set_form(*cmd)) {
            kept.insert(name);
        } else {
            writable.push_back(name);
        }
    }
    state = module_state::unknown; // until the write-back is read back
    // The case ended on its query of the saved value: command mode.
    if (write_back_factory_settings(*this, writable, true)) {
        state = module_state::saved_differ;
        saved_changes = {changed_commands.begin(), changed_commands.end()};
        running_changes.insert(kept.begin(), kept.end());
    }
}

void run_environment::after_case(bool discarded) {
    if (state != module_state::saved_differ || !discarded) {
        return;
    }
    state = module_state::unknown;
    if (write_back_factory_settings(*this, {saved_changes.begin(), saved_changes.end()})) {
        state = module_state::saved_differ;
    }
}

void run_environment::tidy_after_case(const std::vector<std::string>& changed_commands,
                                      bool in_command_mode) {
    if (isolated) {
        recover();
        return;
    }
    state = module_state::unknown; // until the write-back is read back
    state = write_back_factory_settings(*this, changed_commands, in_command_mode)
                ? module_state::factory_settings
                : module_state::unknown;
}

void run_environment::prepare() {
    to_command_mode();
    const auto sn = session->command("AT+SN?", profile.times.command_timeout);
    if (sn.final == session::final_kind::timeout) {
        throw athil_error(errc::link_open_failed,
                          "the module did not answer AT+SN? within the command timeout");
    }
    serial_number = sn.info("SN").value_or("");
    // Identity for the report only: a module without these answers is still testable.
    firmware = session->command("AT+VER?", profile.times.command_timeout).info("VER").value_or("");
    imei = session->command("AT+IMEI?", profile.times.command_timeout).info("IMEI").value_or("");
    recover();
}

} // namespace athil::suites
