#include "harness/runner/rerun_failed.hpp"

#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"
#include "harness/report/json_writer.hpp"

#include <set>

namespace athil::runner {

std::vector<std::string> rerun_failed_arguments(const std::filesystem::path& results,
                                                const std::string& report_dir) {
    const auto earlier = report::read_results_json(results);
    if (earlier.metadata.rerun_command.empty()) {
        throw athil_error(errc::bad_input, results.string() +
                                               " does not say how its run was made (written by "
                                               "an older athil); rerun with --filter instead");
    }
    std::string names;
    std::set<std::string> listed; // --repeat and --retries may list a case more than once
    for (const auto& c : earlier.cases) {
        // The marker cases of a stopped or rig-failed run are no cases to rerun.
        const bool marker = c.section == "Run" || c.section == "Rig";
        const bool again =
            c.status == report::case_status::failed || c.status == report::case_status::error;
        if (again && !marker && listed.insert(c.full_name()).second) {
            names += (names.empty() ? "" : ",") + c.full_name();
        }
    }
    if (names.empty()) {
        throw athil_error(errc::bad_input, "no failed or errored case in " + results.string() +
                                               ": nothing to rerun");
    }
    auto args = core::shell_split(earlier.metadata.rerun_command);
    args.insert(args.end(), {"--filter", names});
    if (!report_dir.empty()) {
        args.insert(args.end(), {"--report-dir", report_dir});
    }
    return args;
}

} // namespace athil::runner
