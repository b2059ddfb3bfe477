#include "harness/runner/rack/merged_report.hpp"

#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/html_writer.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/report/junit_merge.hpp"
#include "harness/report/junit_writer.hpp"
#include "harness/report/run_recorder.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
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

// A part that did not complete makes the whole incomplete: the merged reports must not read as
// green because the parts that finished were.
void carry_outcome(report::run_result& merged, const report::run_metadata& part,
                   const std::string& label) {
    if (part.outcome == report::run_outcome::complete ||
        merged.metadata.outcome != report::run_outcome::complete) {
        return;
    }
    merged.metadata.outcome = part.outcome;
    merged.metadata.outcome_reason = label + ": " + part.outcome_reason;
}

} // namespace

void mark_stopped(report::run_result& merged, int signal_number) {
    const auto reason = std::string("stopped by ") + sigabbrev_np(signal_number) +
                        "; merged what the workers finished";
    merged.metadata.outcome = report::run_outcome::interrupted;
    merged.metadata.outcome_reason = reason;
    auto marker = error_run({}, "Run", "Interrupted", reason, "");
    merged.cases.push_back(std::move(marker.cases.front()));
}

std::optional<report::run_result> read_worker_run(const std::filesystem::path& dir) {
    std::ifstream in(report::files_in(dir).json);
    if (!in) {
        return std::nullopt;
    }
    try {
        return report::run_from_json(nlohmann::json::parse(in));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

report::run_result merge_shard_runs(const std::vector<report::run_result>& shards,
                                    std::chrono::milliseconds wall) {
    report::run_result merged;
    if (!shards.empty()) {
        merged.metadata = shards.front().metadata;
        merged.metadata.outcome = report::run_outcome::complete;
        merged.metadata.outcome_reason.clear();
    }
    for (const auto& s : shards) {
        carry_outcome(merged, s.metadata, "a worker");
        if (s.metadata.start_time != std::chrono::system_clock::time_point{} &&
            s.metadata.start_time < merged.metadata.start_time) {
            merged.metadata.start_time = s.metadata.start_time;
        }
        merged.cases.insert(merged.cases.end(), s.cases.begin(), s.cases.end());
    }
    merged.metadata.duration = wall;
    return merged;
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
        carry_outcome(merged, m, "DUT " + d.id);
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
    std::filesystem::create_directories(dir);
    const auto files = report::files_in(dir);
    report::write_junit(merged, files.junit);
    report::write_results_json(merged, files.json);
    report::write_html_report(merged, files.html);
}

void write_rack_report(const std::filesystem::path& dir, const report::run_result& merged,
                       const std::vector<dut_run>& duts) {
    std::filesystem::create_directories(dir);
    std::vector<report::dut_junit> parts;
    for (const auto& d : duts) {
        parts.push_back({d.id, report::junit_xml(d.run)});
    }
    const auto files = report::files_in(dir);
    report::write_file_atomically(files.junit, report::merge_dut_junit_text(parts));
    report::write_results_json(merged, files.json);
    report::write_html_report(merged, files.html);
}

report::run_result error_run(report::run_metadata metadata, const std::string& section,
                             const std::string& name, const std::string& message,
                             const std::string& details) {
    report::run_result run;
    run.metadata = std::move(metadata);
    report::case_result c;
    c.section = section;
    c.name = name;
    c.status = report::case_status::error;
    c.message = message;
    c.details = details;
    run.cases.push_back(std::move(c));
    return run;
}

} // namespace athil::runner::rack
