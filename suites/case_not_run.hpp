#pragma once
// A case the rig cannot run: it needs something this rig does not have (host names the module
// resolves, on a rig that gives only --broker-host's address). Reported as not run (JUnit
// skipped, with the reason), counted apart and listed at the end of the run: never as the
// module's failure, which would keep a conformant module from a green run on a real rack.

#include <stdexcept>
#include <string>

namespace athil::suites {

class case_not_run : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The prefix of the skip message of such a case, as reports and the closing summary show it.
inline constexpr std::string_view not_run_prefix = "not run:";

} // namespace athil::suites
