#include "suites/factory_settings.hpp"

#include "suites/value_model.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace athil::suites {
namespace {

const spec::command* find_command(const spec::manual& m, std::string_view name) {
    for (const auto& s : m.sections) {
        for (const auto& c : s.commands) {
            if (c.name == name) {
                return &c;
            }
        }
    }
    return nullptr;
}

// The set lines that give every field of `cmd` its factory value; empty when one cannot.
std::vector<std::string> default_set_lines(const run_environment& env, const spec::command& cmd) {
    if (!cmd.has_defaults() || cmd.query.layout == spec::query_layout::none) {
        return {};
    }
    const auto lines = env.default_lines(cmd);
    std::vector<std::string> values;
    if (cmd.query.layout == spec::query_layout::slots) {
        values.assign(lines.begin() + 1, lines.end()); // after the "+X:" header
    } else {
        values.push_back(lines.front().substr(cmd.name.size() + 2)); // after "+X:"
    }
    std::vector<std::string> out;
    for (const auto& value : values) {
        const auto f = split_fields(cmd, value);
        if (f.size() != cmd.parameters.size()) {
            return {};
        }
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (!is_valid(cmd.parameters[i], f[i])) {
                return {}; // an empty Alibaba field: only a restart brings it back
            }
        }
        out.push_back(set_line(cmd, f));
    }
    return out;
}

} // namespace

bool restorable_by_set_form(const spec::command& cmd) {
    if (!cmd.has_defaults() || cmd.query.layout == spec::query_layout::none) {
        return false;
    }
    if (!cmd.default_from.empty()) {
        return true; // the serial number, a valid client id
    }
    for (const auto& value : cmd.defaults) {
        const auto f = split_fields(cmd, value);
        if (f.size() != cmd.parameters.size()) {
            return false;
        }
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (!is_valid(cmd.parameters[i], f[i])) {
                return false;
            }
        }
    }
    return true;
}

bool read_only_behind_a_gate(std::string_view command) {
    static constexpr std::array<std::string_view, 8> gated{"ALIREGION",  "ALIPRODKEY", "ALIDEVSEC",
                                                           "ALIDEVNAME", "ALIDEVID",   "SSLCRT",
                                                           "HEARTDT",    "HEARTTM"};
    return std::ranges::find(gated, command) != gated.end();
}

std::string set_form_command(std::string_view line) {
    constexpr std::string_view prefix = "AT+";
    const auto eq = line.find('=');
    if (!line.starts_with(prefix) || eq == std::string_view::npos) {
        return {};
    }
    return std::string(line.substr(prefix.size(), eq - prefix.size()));
}

bool write_back_factory_settings(run_environment& env, const std::vector<std::string>& commands,
                                 bool in_command_mode) {
    if (!in_command_mode) {
        env.to_command_mode();
    }
    const auto timeout = env.profile.times.command_timeout;
    bool restored = true;
    for (const auto& name : std::set<std::string>(commands.begin(), commands.end())) {
        const auto* cmd = find_command(env.manual, name);
        if (cmd == nullptr) {
            restored = false; // not a setting the manual describes
            continue;
        }
        if (!cmd->saved) {
            continue; // lost at the next restart, whichever it is
        }
        const auto set_lines = default_set_lines(env, *cmd);
        if (set_lines.empty()) {
            restored = false;
            continue;
        }
        for (const auto& line : set_lines) {
            restored = env.session->command(line, timeout).ok() && restored;
        }
        const auto shown = env.session->command(
            "AT+" + cmd->name + (cmd->query.question_form ? "?" : ""), timeout);
        restored = shown.ok() && shown.lines == env.default_lines(*cmd) && restored;
    }
    return restored;
}

} // namespace athil::suites
