#pragma once
// Behaviour checks named in the spec data (`checks:` of a section file) and implemented in
// code: framing and command mode (section 1), the supplementary actions (section S), and the
// few command behaviours a value table cannot express (AT+MQTTWILL=0 alone).

#include "harness/spec/model.hpp"
#include "suites/case_def.hpp"

#include <functional>
#include <map>
#include <string>

namespace athil::suites {

using check_body = std::function<void(case_context&, const spec::behaviour_check&)>;

// Implementation name (the `check:` of the data) -> implementation. Several cases may share one
// implementation with different inputs; a check naming no implementation is a load error.
const std::map<std::string, check_body>& behaviour_registry();

void add_framing_checks(std::map<std::string, check_body>& registry);
void add_mode_checks(std::map<std::string, check_body>& registry);
void add_supplementary_checks(std::map<std::string, check_body>& registry);

// The case of one check, named by its id and run by its `check:` implementation; throws
// athil_error(bad_input, "file:line: ...") when no implementation has that name.
case_def behaviour_case(const spec::behaviour_check& check);

} // namespace athil::suites
