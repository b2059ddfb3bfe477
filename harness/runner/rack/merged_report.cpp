#include "harness/runner/rack/merged_report.hpp"

#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/html_writer.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/report/junit_merge.hpp"
#include "harness/report/junit_writer.hpp"
#include "harness/report/report_writer.hpp"
#include "harness/report/run_merge.hpp"
#include "harness/report/run_recorder.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace athil::runner::rack {
namespace {

// "a, b" of the distinct non-empty values, in first-seen order.
std::string distinct(const std::vector<std::string>& values) {
    std::string out;
    std::set<std::string> seen;
    for (const auto& v : values) {
        if (!v.empty() && seen.insert(v).second) {
            out += (out.empty() ? "" : ", ") + v;
        }
    }
    return out;
}

} // namespace

void mark_stopped(report::run_result& merged, int signal_number) {
    const auto reason = std::string("stopped by ") + sigabbrev_np(signal_number) +
                        "; merged what the workers finished";
    merged.metadata.outcome = report::run_outcome::interrupted;
    merged.metadata.outcome_reason = reason;
    merged.cases.push_back(report::rig_error_case("Run", "Interrupted", reason));
}

std::optional<report::run_result> read_worker_run(const std::filesystem::path& dir) {
    try {
        return report::read_results_json(report::files_in(dir).json);
    } catch (const athil_error&) {
        return std::nullopt; // no report, or an unreadable one: the worker left none to merge
    }
}

report::run_result merge_rack_runs(const std::vector<dut_run>& duts, const std::string& link,
                                   std::chrono::milliseconds wall) {
    report::run_result merged;
    merged.metadata.dut_link = link;
    merged.metadata.duration = wall;
    std::vector<std::string> models;
    std::vector<std::string> profiles;
    for (const auto& d : duts) {
        const auto& m = d.run.metadata;
        if (merged.metadata.host.empty()) {
            merged.metadata.host = m.host;
            merged.metadata.tool_version = m.tool_version;
            merged.metadata.start_time = m.start_time;
        }
        models.push_back(m.model);
        profiles.push_back(m.profile);
        report::carry_outcome(merged, m, "DUT " + d.id);
        merged.metadata.parts.push_back(
            report::part_of(d.run, "DUT " + d.id, "duts/" + d.id + "/report.html"));
        for (auto c : d.run.cases) {
            c.section = d.id + "." + c.section;
            c.extra.emplace_back("dut", d.id);
            merged.cases.push_back(std::move(c));
        }
    }
    merged.metadata.model = distinct(models);
    merged.metadata.profile = distinct(profiles);
    return merged;
}

void write_merged_report(const std::filesystem::path& dir, const report::run_result& merged) {
    report::write_reports(merged, dir);
}

void write_rack_report(const std::filesystem::path& dir, const report::run_result& merged,
                       const std::vector<dut_run>& duts) {
    std::filesystem::create_directories(dir);
    for (auto& w : report::make_report_writers()) {
        std::string text;
        if (std::string_view(w->file_name()) == "junit.xml") {
            // The one format merged from the parts: each DUT's suites carry that DUT's
            // identity as suite properties, which one run's metadata cannot hold.
            std::vector<report::dut_junit> parts;
            for (const auto& d : duts) {
                parts.push_back({d.id, report::junit_xml(d.run)});
            }
            text = report::merge_dut_junit_text(parts);
        } else {
            for (const auto& c : merged.cases) {
                w->case_added(c);
            }
            text = w->render(merged, true);
        }
        report::write_file_atomically(dir / w->file_name(), text);
    }
}

report::run_result error_run(report::run_metadata metadata, const std::string& section,
                             const std::string& name, const std::string& message,
                             const std::string& details) {
    report::run_result run;
    run.metadata = std::move(metadata);
    run.cases.push_back(report::rig_error_case(section, name, message, details));
    return run;
}

} // namespace athil::runner::rack
