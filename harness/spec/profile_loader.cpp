#include "harness/spec/profile_loader.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/yaml_reader.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace athil::spec {
namespace {

error_expectation read_errors(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "'errors'");
    error_expectation e;
    const auto style = obj.text("style");
    if (style == "cme") {
        e.style = error_style::cme;
    } else if (style == "plain") {
        e.style = error_style::plain;
    } else if (style == "any") {
        e.style = error_style::any;
    } else {
        obj.fail(obj.required("style"), "style must be cme, plain or any, not '" + style + "'");
    }
    if (obj.has("unknown_command")) {
        e.unknown_command = static_cast<int>(obj.bounded_integer("unknown_command", 0, 0, 65535));
    }
    if (obj.has("invalid_parameter")) {
        e.invalid_parameter =
            static_cast<int>(obj.bounded_integer("invalid_parameter", 0, 0, 65535));
    }
    obj.finish();
    if (e.style != error_style::cme && (e.unknown_command || e.invalid_parameter)) {
        obj.fail(node, "error codes can only be pinned with style cme");
    }
    return e;
}

timing read_timing(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "'timing'");
    timing t;
    using std::chrono::milliseconds;
    t.command_timeout = milliseconds(obj.bounded_integer("command_timeout_ms", 3000, 100, 600000));
    t.restart_timeout = milliseconds(obj.bounded_integer("restart_timeout_ms", 15000, 100, 600000));
    t.guard_time = milliseconds(obj.bounded_integer("guard_ms", 250, 0, 10000));
    t.quiet_time = milliseconds(obj.bounded_integer("quiet_ms", 400, 10, 10000));
    t.reconnect_bound = std::chrono::seconds(obj.bounded_integer("reconnect_bound_s", 30, 1, 3600));
    obj.finish();
    return t;
}

bool on_off(yaml_object& obj, const std::string& key, bool fallback) {
    const auto text = obj.optional_text(key);
    if (!text) {
        return fallback;
    }
    if (*text == "on" || *text == "ON") {
        return true;
    }
    if (*text == "off" || *text == "OFF") {
        return false;
    }
    obj.fail(obj.optional(key), "'" + key + "' must be on or off, not '" + *text + "'");
}

deviation read_deviation(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "a deviation");
    deviation d;
    d.file = file;
    d.line = obj.line();
    d.id = obj.text("id");
    d.clause = obj.text("clause");
    d.reason = obj.text("reason");
    d.cases = obj.text_list("cases");
    d.statements = obj.text_list("statements");
    obj.finish();
    if (d.cases.empty() && d.statements.empty()) {
        obj.fail(node, "deviation " + d.id +
                           " needs 'cases' (the case names it covers) or 'statements' (MQTT "
                           "statement ids)");
    }
    if (d.reason.empty()) {
        obj.fail(node, "deviation " + d.id + " needs a reason");
    }
    return d;
}

} // namespace

profile load_profile(const std::filesystem::path& path) {
    const auto file = path.string();
    const auto root = load_yaml_file(file);
    yaml_object obj(root, file, "a profile file");
    profile p;
    p.file = file;
    p.name = obj.text("profile");
    p.description = obj.text("description");
    p.firmware = obj.optional_text("firmware").value_or("");
    if (auto e = obj.optional("errors")) {
        p.errors = read_errors(file, e);
    }
    p.echo_default = on_off(obj, "echo_default", true);
    p.mqttsta_quoted = obj.flag("mqttsta_quoted", true);
    p.pubtp_fields = static_cast<unsigned>(obj.bounded_integer("pubtp_fields", 6, 5, 6));
    p.boot_banner = obj.optional_text("boot_banner").value_or(p.boot_banner);
    try {
        std::regex check(p.boot_banner);
    } catch (const std::regex_error& e) {
        obj.fail(obj.optional("boot_banner"), std::string("boot_banner: ") + e.what());
    }
    if (auto t = obj.optional("timing")) {
        p.times = read_timing(file, t);
    }
    if (auto list = obj.optional("deviations")) {
        if (!list.IsSequence()) {
            obj.fail(list, "'deviations' must be a list");
        }
        for (const auto& d : list) {
            auto next = read_deviation(file, d);
            // Two entries with one id make the report's "known deviation E.1" ambiguous.
            for (const auto& earlier : p.deviations) {
                if (earlier.id == next.id) {
                    obj.fail(d, "deviation " + next.id + " is listed twice (first at line " +
                                    std::to_string(earlier.line) + ")");
                }
            }
            p.deviations.push_back(std::move(next));
        }
    }
    obj.finish();
    return p;
}

std::filesystem::path find_profile(const std::string& name_or_file,
                                   const std::vector<std::filesystem::path>& dirs,
                                   const std::string& kind) {
    std::error_code ec;
    const std::filesystem::path direct(name_or_file);
    if (name_or_file.find('/') != std::string::npos || direct.extension() == ".yaml") {
        if (!std::filesystem::is_regular_file(direct, ec)) {
            throw athil_error(errc::bad_input, name_or_file + ":0: no such " + kind + " file");
        }
        return direct;
    }
    std::vector<std::string> known;
    for (const auto& dir : dirs) {
        const auto candidate = dir / (name_or_file + ".yaml");
        if (std::filesystem::is_regular_file(candidate, ec)) {
            return candidate;
        }
        if (std::filesystem::is_directory(dir, ec)) {
            for (const auto& entry : std::filesystem::directory_iterator(dir)) {
                if (entry.path().extension() == ".yaml") {
                    known.push_back(entry.path().stem().string());
                }
            }
        }
    }
    std::sort(known.begin(), known.end());
    std::string list;
    for (const auto& k : known) {
        list += list.empty() ? "" : ", ";
        list += k;
    }
    throw athil_error(errc::bad_input, "unknown " + kind + " '" + name_or_file + "' (known: " +
                                           (list.empty() ? "none found" : list) + ")");
}

void check_deviation_clauses(const profile& p, const manual& m) {
    std::set<std::string> clauses;
    for (const auto& s : m.sections) {
        clauses.insert(s.id);
        for (const auto& c : s.commands) {
            clauses.insert(c.clause);
        }
        for (const auto& c : s.checks) {
            clauses.insert(c.clause);
        }
    }
    const auto known = [&](const std::string& clause) {
        // "3" names section 3 as a whole, which has no file of its own, only 3.1, 3.2...
        return std::any_of(clauses.begin(), clauses.end(), [&](const std::string& c) {
            return c == clause || c.starts_with(clause + ".");
        });
    };
    for (const auto& d : p.deviations) {
        if (!known(d.clause)) {
            std::string list;
            for (const auto& c : clauses) {
                list += (list.empty() ? "" : ", ") + c;
            }
            throw athil_error(errc::bad_input,
                              d.file + ":" + std::to_string(d.line) + ": deviation " + d.id +
                                  " names clause '" + d.clause +
                                  "', which is not a clause of the manual (its clauses: " + list +
                                  ")");
        }
    }
}

} // namespace athil::spec
