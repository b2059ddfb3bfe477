#pragma once
// Two runs compared case by case (`athil report diff OLD NEW`): what broke, what was fixed, what
// still fails, what became flaky, which cases came and went, where the profile's known
// deviations moved, how the DUT's identity differs and which cases got much slower or faster.

#include "harness/report/run_model.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace athil::history {

struct diff_options {
    // A case's duration changed when it moved by more than this share of the old duration...
    double duration_ratio = 0.5;
    // ...and by at least this much: a 3 ms case taking 6 ms is noise, not a change.
    std::chrono::milliseconds duration_floor{100};
};

struct case_change {
    std::string name; // Section.Case (a rack run's section carries the DUT: "dut-a.S2_2_...")
    std::optional<report::case_status> old_status; // nullopt: not in OLD
    std::optional<report::case_status> new_status; // nullopt: not in NEW
    std::string message;                           // NEW's message (OLD's for a fixed case)
    std::string old_deviation;
    std::string new_deviation;
    std::chrono::milliseconds old_duration{0};
    std::chrono::milliseconds new_duration{0};
};

struct field_change {
    std::string field; // "firmware", "profile", ...
    std::string old_value;
    std::string new_value;
};

struct run_diff {
    std::string old_label; // the file or "run 12"
    std::string new_label;
    std::vector<field_change> identity;     // DUT, firmware, profile, quirks, outcome that differ
    std::vector<case_change> new_failures;  // failing in NEW, not failing (or absent) in OLD
    std::vector<case_change> fixed;         // failing in OLD, judged and not failing in NEW
    std::vector<case_change> still_failing; // failing in both
    std::vector<case_change> newly_flaky;   // flaky in NEW, not in OLD
    std::vector<case_change> added;         // in NEW only
    std::vector<case_change> removed;       // in OLD only
    std::vector<case_change> deviation_changes; // known deviation in one run only, or another id
    std::vector<case_change> slower;
    std::vector<case_change> faster;
    std::size_t compared = 0;    // cases in both runs
    bool new_incomplete = false; // NEW did not complete while OLD did

    // NEW regressed: a case fails that did not, or NEW stopped short where OLD completed.
    bool regressed() const { return !new_failures.empty() || new_incomplete; }
};

run_diff diff_runs(const report::run_result& old_run, const report::run_result& new_run,
                   const diff_options& options = {});

void print_diff(const run_diff& d, std::ostream& out);
nlohmann::json diff_json(const run_diff& d);
std::string diff_html(const run_diff& d); // a self-contained page

} // namespace athil::history
