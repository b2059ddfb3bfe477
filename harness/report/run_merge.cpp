#include "harness/report/run_merge.hpp"

#include "harness/core/error.hpp"

#include <map>

namespace athil::report {

void carry_outcome(run_result& merged, const run_metadata& part, const std::string& label) {
    if (part.outcome == run_outcome::complete || merged.metadata.outcome != run_outcome::complete) {
        return;
    }
    merged.metadata.outcome = part.outcome;
    merged.metadata.outcome_reason = label + ": " + part.outcome_reason;
}

run_result merge_runs(const std::vector<run_result>& parts, std::chrono::milliseconds wall) {
    run_result merged;
    if (parts.empty()) {
        return merged;
    }
    merged.metadata = parts.front().metadata;
    merged.metadata.outcome = run_outcome::complete;
    merged.metadata.outcome_reason.clear();
    std::chrono::milliseconds sum{0};
    std::map<std::string, std::size_t>
        part_of; // a case repeated within one part (--repeat) is fine
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& part = parts[i];
        if (part.metadata.start_time != std::chrono::system_clock::time_point{} &&
            (merged.metadata.start_time == std::chrono::system_clock::time_point{} ||
             part.metadata.start_time < merged.metadata.start_time)) {
            merged.metadata.start_time = part.metadata.start_time;
        }
        carry_outcome(merged, part.metadata, "part " + std::to_string(i + 1));
        sum += part.metadata.duration;
        for (const auto& c : part.cases) {
            // A rig error is each part's own (every stopped worker says Run.Interrupted): kept
            // once per part. A judged case in two parts would count twice.
            const auto [at, added] = part_of.emplace(c.full_name(), i);
            if (!added && at->second != i && c.status != case_status::error) {
                throw athil_error(errc::bad_input, "case " + c.full_name() +
                                                       " is in two of the runs to merge (part " +
                                                       std::to_string(i + 1) + " again)");
            }
            merged.cases.push_back(c);
        }
    }
    merged.metadata.duration = wall.count() > 0 ? wall : sum;
    return merged;
}

} // namespace athil::report
