#include "suites/mqtt/mqtt_checks.hpp"

#include "suites/mqtt/wire_watch.hpp"

#include <algorithm>

namespace athil::suites::mqtt {

void add_mqtt_checks(check_registry& registry) {
    check_registry mine;
    add_connect_checks(mine);
    add_transparent_checks(mine);
    add_distribution_checks(mine);
    add_delivery_checks(mine);
    add_session_checks(mine);
    add_tls_checks(mine);
    add_aliyun_checks(mine);
    // Every section-3 check runs under the wire monitor (wire_watch.hpp) and starts with
    // mqtt_case: configuration from factory settings, then AT+S (mqtt_case refuses a restart
    // without saving before it).
    for (auto& [name, impl] : mine) {
        impl.body = monitored(std::move(impl.body));
        impl.configures_then_saves = true;
        registry.emplace(name, std::move(impl));
    }
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
