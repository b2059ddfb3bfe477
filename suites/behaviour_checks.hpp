#pragma once
// Behaviour checks named in the spec data (`checks:` of a section file) and implemented in
// code: framing and command mode (section 1), the supplementary actions (section S), and the
// few command behaviours a value table cannot express (AT+MQTTWILL=0 alone).

#include "harness/spec/model.hpp"
#include "suites/case_def.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace athil::suites {

using check_body = std::function<void(case_context&, const spec::behaviour_check&)>;

// One registered implementation and the inputs it reads. The data is checked against them at
// load time: a missing required input would fail at run time as a module fault, and an input
// the code does not read (a typo, a key of another check) would be ignored, so a variant would
// silently run with the code's default instead of its own value.
struct check_impl {
    check_body body;
    std::vector<std::string> required = {}; // the data must give these
    std::vector<std::string> optional = {}; // the code has a default for these
};

// Implementation name (the `check:` of the data) -> implementation. Several cases may share one
// implementation with different inputs; a check naming no implementation is a load error.
using check_registry = std::map<std::string, check_impl>;
const check_registry& behaviour_registry();

void add_framing_checks(check_registry& registry);
void add_mode_checks(check_registry& registry);
void add_supplementary_checks(check_registry& registry);

// The case of one check, named by its id and run by its `check:` implementation; throws
// athil_error(bad_input, "file:line: ...") when no implementation has that name or the inputs
// are not the ones it reads.
case_def behaviour_case(const spec::behaviour_check& check);

} // namespace athil::suites
