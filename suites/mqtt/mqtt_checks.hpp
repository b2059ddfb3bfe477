#pragma once
// The section-3 behaviour checks (and the TLS outcomes of 2.18-2.21 they depend on), named
// in suites/spec/s3_*.yaml and implemented against the rig: connect fields, transparent and
// distribution data paths, QoS handshakes, retain, will, keepalive, sessions, reconnect, TLS,
// SNI and Alibaba Cloud.

#include "suites/case_def.hpp"
#include "suites/check_registry.hpp"

#include <map>
#include <string>

namespace athil::suites::mqtt {

void add_mqtt_checks(check_registry& registry);

void add_connect_checks(check_registry& registry);
void add_transparent_checks(check_registry& registry);
void add_distribution_checks(check_registry& registry);
void add_delivery_checks(check_registry& registry);
void add_session_checks(check_registry& registry);
void add_tls_checks(check_registry& registry);
void add_aliyun_checks(check_registry& registry);

// True when a case needs the rig (it is one of these checks): the runner starts the rig, and
// hands its --resolve mapping to the simulator, only for runs that select such a case.
bool needs_rig(const case_list& cases);

} // namespace athil::suites::mqtt
