#pragma once
// One report folder from the report folders of workers: junit.xml, results.json and
// report.html, each written atomically, so a parent stopped mid-merge leaves either no merged
// file or a complete one, never half of one.

#include "harness/report/run_model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::runner::rack {

// The results.json of a worker's report folder; nullopt when it left none (a worker that
// could not start its module, or one that was killed) or an unreadable one.
std::optional<report::run_result> read_worker_run(const std::filesystem::path& dir);

// A rack: every DUT's run side by side, sections renamed "<id>.<section>" and every case
// carrying the property `dut`. Metadata names the inventory; identity per DUT stays in the
// JUnit suite properties (write_rack_report).
struct dut_run {
    std::string id;
    report::run_result run;
};
report::run_result merge_rack_runs(const std::vector<dut_run>& duts, const std::string& link,
                                   std::chrono::milliseconds wall);

// junit.xml, results.json and report.html of `merged` in `dir`; for a rack the JUnit file is
// built from each DUT's own run so that its suites carry that DUT's identity.
void write_merged_report(const std::filesystem::path& dir, const report::run_result& merged);
void write_rack_report(const std::filesystem::path& dir, const report::run_result& merged,
                       const std::vector<dut_run>& duts);

// The parent of workers was stopped by a signal: the merged run is interrupted, with one
// rig-error case saying so.
void mark_stopped(report::run_result& merged, int signal_number);

// A run that holds one rig-error case: a DUT that was offline or a worker that left no report.
report::run_result error_run(report::run_metadata metadata, const std::string& section,
                             const std::string& name, const std::string& message,
                             const std::string& details);

} // namespace athil::runner::rack
