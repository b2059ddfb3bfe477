#pragma once
// The run as it happens: cases are added as they finish, and junit.xml and results.json (marked
// "complete": false) are rewritten after each one, so a run killed at any moment leaves valid
// reports of what it finished. report.html is written once, at the end (write_all), which also
// marks results.json complete.

#include "harness/core/clock.hpp"
#include "harness/report/report_writer.hpp"
#include "harness/report/run_model.hpp"

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace athil::report {

struct report_files {
    std::filesystem::path junit;
    std::filesystem::path html;
    std::filesystem::path json;
    std::filesystem::path trace; // Chrome trace-event format (Perfetto, chrome://tracing)
};

// The files inside a report folder.
report_files files_in(const std::filesystem::path& dir);

class run_recorder {
public:
    // Creates `dir`; an empty start_time, host or tool_version in `metadata` is filled in.
    run_recorder(std::filesystem::path dir, run_metadata metadata);

    report_files files() const { return files_in(dir_); }
    const run_result& result() const { return run_; }
    run_metadata& metadata() { return run_.metadata; }

    void mark_start(steady_clock::time_point now) { start_ = now; }
    // Adds the case and rewrites junit.xml and the partial results.json. A write failure is
    // reported once on `warnings` and remembered; the run goes on (the remaining files may
    // still be written at the end).
    void add(case_result c, std::ostream& warnings);
    // Rewrites junit.xml and the partial results.json, failures handled as in add().
    void write_progress(std::ostream& warnings);
    // Writes all three files; throws athil_error when one cannot be written.
    void write_all();
    const std::string& write_error() const { return write_error_; }

private:
    void update_duration();

    std::filesystem::path dir_;
    std::vector<std::unique_ptr<report_writer>> writers_; // every format, in writing order
    run_result run_;
    steady_clock::time_point start_;
    std::string write_error_;
};

} // namespace athil::report
