#pragma once
// The registry of behaviour-check implementations: what each `*_checks.cpp` file adds itself
// to, and what the cases generated from the data look up by their `check:` name. Its own header
// so the check files and the catalogue that gathers them depend on it, not on each other.

#include "harness/spec/model.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace athil::suites {

class case_context;

using check_body = std::function<void(case_context&, const spec::behaviour_check&)>;

// One registered implementation and the inputs it reads. The data is checked against them at
// load time: a missing required input would fail at run time as a module fault, and an input
// the code does not read (a typo, a key of another check) would be ignored, so a variant would
// silently run with the code's default instead of its own value.
struct check_impl {
    check_body body;
    std::vector<std::string> required = {}; // the data must give these
    std::vector<std::string> optional = {}; // the code has a default for these
    // The check configures from factory settings and restarts with AT+S first (case_def.hpp).
    bool configures_then_saves = false;
    // The check needs only the running settings at their factory values: what other commands
    // saved cannot reach its verdict (start_need::running_settings).
    bool running_settings_enough = false;
    // Non-empty: the check's verdict does not depend on a fresh connection, so it may work on
    // the live connection of the previous case of this group when the saved settings are the
    // same (live_connection.hpp). The catalogue runs a group's cases one after another.
    std::string shares_connection = {};
    // With running_settings_enough: the input naming a command whose saved value the verdict
    // reads after AT+Z, which must then be at factory (case_def::reads_saved).
    std::string reads_saved_input = {};
};

// Implementation name (the `check:` of the data) -> implementation. Several cases may share one
// implementation with different inputs; a check naming no implementation is a load error.
using check_registry = std::map<std::string, check_impl>;
} // namespace athil::suites
