#pragma once
// Cases generated from one command's spec entry (MANUAL section 2 and S): test form, query
// defaults and forms, every accepted and rejected value with the stored value unchanged,
// persistence across AT+S, loss across AT+Z, secrets redacted, missing forms rejected.

#include "suites/case_def.hpp"

namespace athil::suites {

// `cmd` must outlive the cases (it lives in the run_environment's manual).
case_list command_cases(const spec::command& cmd);

// AT+SSLCRT's set-only cases (PEM content made at run time): see sslcrt_cases.cpp.
case_list certificate_cases(const spec::command& cmd);

} // namespace athil::suites
