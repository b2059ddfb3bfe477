#include "suites/behaviour_checks.hpp"

#include "harness/core/error.hpp"
#include "suites/case_context.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites {
namespace {

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out.empty() ? "none" : out;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The inputs of the data against the ones the implementation reads.
void check_inputs(const spec::behaviour_check& check, const check_impl& impl) {
    const auto where = check.file + ":" + std::to_string(check.line) + ": check " + check.id + ": ";
    auto reads = impl.required;
    reads.insert(reads.end(), impl.optional.begin(), impl.optional.end());
    for (const auto& input : check.inputs) {
        if (!contains(reads, input.first)) {
            throw athil_error(errc::bad_input, where + "input '" + input.first +
                                                   "' is not read by check '" + check.check +
                                                   "' (it reads: " + listed(reads) + ")");
        }
    }
    for (const auto& key : impl.required) {
        const auto given = std::any_of(check.inputs.begin(), check.inputs.end(),
                                       [&](const auto& input) { return input.first == key; });
        if (!given) {
            throw athil_error(errc::bad_input, where + "check '" + check.check + "' needs input '" +
                                                   key + "' (it needs: " + listed(impl.required) +
                                                   ")");
        }
    }
}

} // namespace

const check_registry& behaviour_registry() {
    static const auto registry = [] {
        check_registry r;
        add_framing_checks(r);
        add_mode_checks(r);
        add_supplementary_checks(r);
        mqtt::add_mqtt_checks(r);
        return r;
    }();
    return registry;
}

case_def behaviour_case(const spec::behaviour_check& check) {
    const auto& registry = behaviour_registry();
    const auto it = registry.find(check.check);
    if (it == registry.end()) {
        throw athil_error(errc::bad_input,
                          check.file + ":" + std::to_string(check.check_line) +
                              ": no implementation for check '" + check.check + "' (named by " +
                              check.id +
                              "; implementations are registered by the add_*_checks functions "
                              "of suites/*_checks.cpp and suites/mqtt/*_checks.cpp)");
    }
    check_inputs(check, it->second);
    case_def c;
    c.suite = suite_name(check.clause, check.group);
    c.name = check.id;
    c.check = check.check;
    c.clause = check.clause;
    c.tag = check.tag;
    c.summary = check.title;
    c.file = check.file;
    c.line = check.line;
    c.needs = it->second.configures_then_saves     ? start_need::factory_settings
              : it->second.running_settings_enough ? start_need::running_settings
                                                   : start_need::clean_boot;
    if (!it->second.reads_saved_input.empty()) {
        c.reads_saved = check.input(it->second.reads_saved_input);
    }
    c.may_share = !it->second.shares_connection.empty();
    c.share_group = it->second.shares_connection;
    const auto body = it->second.body;
    c.body = [body, check](case_context& ctx) {
        body(ctx, check);
    };
    return c;
}

} // namespace athil::suites
