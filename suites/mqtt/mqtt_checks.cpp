#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites::mqtt {

void add_mqtt_checks(check_registry& registry) {
    add_connect_checks(registry);
    add_transparent_checks(registry);
    add_distribution_checks(registry);
    add_delivery_checks(registry);
    add_session_checks(registry);
    add_tls_checks(registry);
    add_aliyun_checks(registry);
}

bool needs_rig(const case_list& cases) {
    static const auto mine = [] {
        check_registry r;
        add_mqtt_checks(r);
        return r;
    }();
    return std::any_of(cases.begin(), cases.end(), [](const case_def& c) {
        return c.command.empty() && mine.contains(c.check);
    });
}

} // namespace athil::suites::mqtt
