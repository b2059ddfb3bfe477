#pragma once
// Pure value arithmetic of the generated checks: split a query value into the fields of a
// command's parameters, build set lines, and derive the values a parameter must accept or
// reject from its spec entry. No I/O; unit-tested on its own.

#include "harness/spec/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace athil::suites {

using fields = std::vector<std::string>;

// Splits `value` (a single query value, or one slot line) into one field per parameter.
// An enum value that contains a comma ("MQTT,NOR") stays one field; a rest parameter takes
// the remainder. Fewer fields come back when trailing optional parameters are absent.
fields split_fields(const spec::command& cmd, std::string_view value);

std::string join_fields(const fields& f);

// "AT+NAME=" + joined fields.
std::string set_line(const spec::command& cmd, const fields& f);

// What the query shows after the parameter was set to `value`.
std::string reads_back(const spec::parameter& p, const std::string& value);

// True when `value` is a valid setting of `p` by the spec (used to decide whether a default
// can be restored with a set form or needs a restart).
bool is_valid(const spec::parameter& p, const std::string& value);

// A valid value of `p` that differs from `current` (so that a change is observable).
std::string alternate_value(const spec::parameter& p, const std::string& current);

struct probe_value {
    std::string text;  // as sent
    std::string label; // CamelCase part of the case name
};

// Values to accept: every enum value, both ends of a range/length, explicit examples, and
// the empty value where the spec accepts it.
std::vector<probe_value> accepted_values(const spec::parameter& p);

// Values to reject: one past each end, a wrong enum, too long, non-numbers, explicit
// examples, and the empty value where the spec rejects it.
std::vector<probe_value> rejected_values(const spec::parameter& p);

// Deterministic filler text of exactly `length` bytes that starts with `prefix` when it fits.
std::string filler(std::size_t length, std::string_view prefix = "/athil");

} // namespace athil::suites
