// The formats of a report folder, one writer each over the renderers of its own file.
#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/html_writer.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/report/junit_writer.hpp"
#include "harness/report/report_writer.hpp"
#include "harness/report/trace_writer.hpp"

namespace athil::report {
namespace {

class junit_report final : public report_writer {
public:
    const char* file_name() const override { return "junit.xml"; }
    bool written_while_running() const override { return true; }
    // A testcase's XML is rendered once: the file is rewritten after every case of a long run.
    void case_added(const case_result& c) override { testcases_.push_back(testcase_xml(c)); }
    std::string render(const run_result& run, bool /*complete*/) const override {
        return junit_xml(run, testcases_);
    }

private:
    std::vector<std::string> testcases_;
};

class json_report final : public report_writer {
public:
    const char* file_name() const override { return "results.json"; }
    bool written_while_running() const override { return true; }
    // A case's JSON is rendered once, like a testcase's XML.
    void case_added(const case_result& c) override { cases_.push_back(case_json_text(c)); }
    std::string render(const run_result& run, bool complete) const override {
        return results_json_text(run, complete, cases_);
    }

private:
    std::vector<std::string> cases_;
};

class html_report_writer final : public report_writer {
public:
    const char* file_name() const override { return "report.html"; }
    bool written_while_running() const override { return false; }
    std::string render(const run_result& run, bool /*complete*/) const override {
        return html_report(run);
    }
};

class trace_report final : public report_writer {
public:
    const char* file_name() const override { return "trace.json"; }
    bool written_while_running() const override { return false; }
    std::string render(const run_result& run, bool /*complete*/) const override {
        return trace_json(run);
    }
};

} // namespace

std::vector<std::unique_ptr<report_writer>> make_report_writers() {
    std::vector<std::unique_ptr<report_writer>> writers;
    writers.push_back(std::make_unique<junit_report>());
    writers.push_back(std::make_unique<json_report>());
    writers.push_back(std::make_unique<html_report_writer>());
    writers.push_back(std::make_unique<trace_report>());
    return writers;
}

void write_reports(const run_result& run, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw athil_error(errc::bad_input,
                          "cannot create report folder " + dir.string() + ": " + ec.message());
    }
    for (auto& w : make_report_writers()) {
        for (const auto& c : run.cases) {
            w->case_added(c);
        }
        write_file_atomically(dir / w->file_name(), w->render(run, true));
    }
}

} // namespace athil::report
