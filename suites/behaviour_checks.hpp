#pragma once
// Behaviour checks named in the spec data (`checks:` of a section file) and implemented in
// code: framing and command mode (section 1), the supplementary actions (section S), and the
// few command behaviours a value table cannot express (AT+MQTTWILL=0 alone).

#include "harness/spec/model.hpp"
#include "suites/case_def.hpp"
#include "suites/check_registry.hpp"

namespace athil::suites {

// Every registered implementation: framing, mode, supplementary and the section-3 checks.
const check_registry& behaviour_registry();

void add_framing_checks(check_registry& registry);
void add_mode_checks(check_registry& registry);
void add_supplementary_checks(check_registry& registry);

// The case of one check, named by its id and run by its `check:` implementation; throws
// athil_error(bad_input, "file:line: ...") when no implementation has that name or the inputs
// are not the ones it reads.
case_def behaviour_case(const spec::behaviour_check& check);

} // namespace athil::suites
