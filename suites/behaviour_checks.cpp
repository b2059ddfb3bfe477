#include "suites/behaviour_checks.hpp"

#include "harness/core/error.hpp"
#include "suites/case_context.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

namespace athil::suites {

const std::map<std::string, check_body>& behaviour_registry() {
    static const auto registry = [] {
        std::map<std::string, check_body> r;
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
    case_def c;
    c.suite = suite_name(check.clause, check.group);
    c.name = check.id;
    c.check = check.check;
    c.clause = check.clause;
    c.tag = check.tag;
    c.summary = check.title;
    c.file = check.file;
    c.line = check.line;
    const auto body = it->second;
    c.body = [body, check](case_context& ctx) {
        body(ctx, check);
    };
    return c;
}

} // namespace athil::suites
