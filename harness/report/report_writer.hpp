#pragma once
// One report format: a file of the report folder, rendered from the run model and nothing else.
// Every format a run writes is in one list (make_report_writers); the recorder of a live run
// and every merge write through it, so a new format is one writer file and one line in
// report_writers.cpp.

#include "harness/report/run_model.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace athil::report {

class report_writer {
public:
    virtual ~report_writer() = default;

    virtual const char* file_name() const = 0; // "junit.xml"
    // Whether the file is rewritten after every finished case while the run goes on (so a
    // killed run leaves it), or written once at the end.
    virtual bool written_while_running() const = 0;
    // Each finished case, in order, before the next render: a writer may prepare its part of
    // the case once instead of at every render.
    virtual void case_added(const case_result& /*c*/) {}
    // The whole file; `complete` is false for the copies written while the run goes on.
    virtual std::string render(const run_result& run, bool complete) const = 0;
};

// Every format of a report folder, in the order they are written: junit.xml first (what CI
// reads), then results.json, then report.html.
std::vector<std::unique_ptr<report_writer>> make_report_writers();

// Writes every format of a finished `run` into `dir` (created), each file atomically.
void write_reports(const run_result& run, const std::filesystem::path& dir);

} // namespace athil::report
