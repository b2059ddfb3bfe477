#pragma once
// Cases generated from one command's spec entry (MANUAL section 2 and S): test form, query
// defaults and forms, every accepted and rejected value with the stored value unchanged,
// persistence across AT+S, loss across AT+Z, secrets redacted, missing forms rejected.

#include "suites/case_def.hpp"

namespace athil::suites {

// `cmd` must outlive the cases (it lives in the run_environment's manual).
case_list command_cases(const spec::command& cmd);

// A set-only command has no query to read values back: its value cases come from a generator
// that observes the effect another way. The only one loads certificates (AT+SSLCRT: an enum code
// and PEM content made at run time, certificate_cases.cpp); command_cases() rejects any other
// set-only command at load time.
bool loads_certificates(const spec::command& cmd);
case_list certificate_cases(const spec::command& cmd); // requires loads_certificates(cmd)

} // namespace athil::suites
