#pragma once
// results.json: the run model for programs (dashboards, trend scripts, the next release's
// comparison). The layout is versioned by "schema_version" and documented in reports/README.md;
// a change that removes or renames a field, or adds a value readers must understand, increments
// it. Version 2: the "flaky" status and count, and each case's "failed_attempts" (--retries).

#include "harness/report/run_model.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace athil::report {

inline constexpr int results_schema_version = 2;

// `complete` is false while the run goes on: the copy rewritten after every case, which a run
// stopped by a signal leaves behind as its last word (reports/README.md, "complete").
nlohmann::json results_json(const run_result& run, bool complete = true);

// The same document as text, from cases rendered once each (case_json_text) as they finished:
// a long run's file is rewritten after every case without rendering every case again.
std::string case_json_text(const case_result& c);
std::string results_json_text(const run_result& run, bool complete,
                              const std::vector<std::string>& case_texts);

// Reads a results.json back (merging shard results, comparing runs). Throws
// athil_error(bad_input) on a missing field or an unknown schema version (1 and 2 are read).
run_result run_from_json(const nlohmann::json& doc);

// A results.json file read back; throws athil_error(bad_input) naming the file when it cannot be
// read, is not JSON, or is not a results.json athil can read.
run_result read_results_json(const std::filesystem::path& file);

void write_results_json(const run_result& run, const std::filesystem::path& file,
                        bool complete = true);

} // namespace athil::report
