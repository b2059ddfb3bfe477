#pragma once
// Cleanup without a restart: the settings a passing case changed are written back to the
// manual's factory defaults with their set forms, in command mode, and read back. A restart
// (AT+S after the next case's own configuration, or AT+CLEAR before a case that needs a clean
// boot) then finishes the job; the runner plans which (run_environment::ready_for).

#include "suites/run_environment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace athil::suites {

// True when the set form can give every field of `cmd` its factory value (a default from
// another query, the serial number, counts as one).
bool restorable_by_set_form(const spec::command& cmd);

// True for a setting the module reads only behind a gate that factory settings keep closed:
// the Alibaba Cloud fields only in work mode MQTT,ALI (3.2), the loaded certificates only under
// SSLAUTH PEER or ALL (2.20), the heartbeat payload and interval only with HEARTEN ON (S). Every
// check that opens such a gate sets what it reads (aliyun_checks.cpp, tls_checks.cpp; no check
// turns the heartbeat on), so a leftover running value cannot reach its verdict.
bool read_only_behind_a_gate(std::string_view command);

// "AT+MQTTVER=4" -> "MQTTVER"; empty for anything but a set form.
std::string set_form_command(std::string_view line);

// Writes the factory defaults of `commands` (names, as set_form_command gives them) back with
// their set forms and checks that every query then shows the default. False when one cannot
// be written back that way (not in the manual, no default, a default the set form cannot take,
// an answer other than OK, a query that disagrees): the module then needs AT+CLEAR. Leaves
// the module in command mode; `in_command_mode`: it is there already (no +++, no guard time).
bool write_back_factory_settings(run_environment& env, const std::vector<std::string>& commands,
                                 bool in_command_mode = false);

} // namespace athil::suites
