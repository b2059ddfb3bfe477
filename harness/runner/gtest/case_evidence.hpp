#pragma once
// Structured evidence a running case hands to the reporters beside its RecordProperty strings:
// its timeline does not fit GoogleTest's string properties. The case hands it over when it
// ends (on the thread that runs it); the report listener takes it in OnTestEnd, by name.

#include "harness/report/timeline.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace athil::report {

struct case_evidence {
    std::chrono::microseconds started_at{0}; // on the timeline's clock
    std::vector<timeline_event> timeline;
};

// Replaces what an earlier attempt of the same case handed over.
void hand_over_evidence(const std::string& full_name, case_evidence evidence);
// The evidence of that case, once; nothing when it handed none over.
std::optional<case_evidence> take_evidence(const std::string& full_name);

} // namespace athil::report
