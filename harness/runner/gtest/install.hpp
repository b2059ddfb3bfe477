#pragma once
// The one call the runner makes: install the reporters on GoogleTest, run, finish.
//
//     auto report = athil::report::install(*testing::UnitTest::GetInstance(),
//                                          {.dir = "reports/run-1", .metadata = meta});
//     // ... once the DUT answered AT+VER:
//     report->metadata().firmware = version;
//     const int gtest_status = RUN_ALL_TESTS();
//     const auto summary = report->finish(); // writes the files, prints where they are
//     return summary.counts.errors > 0 ? 2 : summary.counts.failed > 0 ? 1 : 0;
//
// junit.xml is complete after every case; results.json and report.html are written by finish()
// (or, if the runner never calls it, when the session object is destroyed).

#include "harness/report/run_recorder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>

namespace athil::report {

struct report_options {
    std::filesystem::path dir;           // the report folder, created if missing
    run_metadata metadata;               // start time and host are filled in when empty
    std::optional<bool> tty;             // live status lines; default: whether stdout is a terminal
    bool progress = true;                // install the live progress printer
    bool replace_default_printer = true; // remove gtest's own per-test printer when progress
    std::ostream* out = &std::cout;      // progress and the final "written to" lines
};

struct report_summary {
    run_counts counts;
    report_files files;
};

class report_session {
public:
    explicit report_session(std::shared_ptr<run_recorder> recorder, std::ostream& out);
    report_session(const report_session&) = delete;
    report_session& operator=(const report_session&) = delete;
    ~report_session();

    // For what is known only once the DUT answered (firmware, SN, IMEI, model). Call on the
    // thread that runs the tests.
    run_metadata& metadata() { return recorder_->metadata(); }
    const run_result& result() const { return recorder_->result(); }
    report_files files() const { return recorder_->files(); }

    // A case the runner adds itself, outside GoogleTest (the marker of an interrupted run).
    void add(case_result c) { recorder_->add(std::move(c), out_); }

    // Writes all three files and prints where they are. Throws athil_error(bad_input) if a file
    // cannot be written: the caller's exit code should then say infrastructure.
    report_summary finish();

private:
    std::shared_ptr<run_recorder> recorder_;
    std::ostream& out_;
    bool finished_ = false;
};

std::unique_ptr<report_session> install(testing::UnitTest& unit, report_options options);

} // namespace athil::report
