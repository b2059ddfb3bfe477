#include "harness/report/closing_summary.hpp"

namespace athil::report {
namespace {

void list(const run_result& run, case_status status, std::string_view heading, std::ostream& out) {
    bool first = true;
    for (const auto& c : run.cases) {
        if (c.status != status) {
            continue;
        }
        if (first) {
            out << heading << ":\n";
            first = false;
        }
        out << "  " << verdict_label(c.status) << " " << c.full_name() << " [" << c.clause << "] "
            << c.message << "\n";
        // A case that ran and did not pass: the line that reruns exactly it.
        if (!run.metadata.rerun_command.empty() && status != case_status::skipped &&
            c.section != "Run" && c.section != "Rig") {
            out << "    rerun: " << run.metadata.rerun_command << " --filter " << c.full_name()
                << "\n";
        }
    }
}

} // namespace

void print_closing_summary(const run_result& run, std::ostream& out) {
    const auto n = run.counts();
    list(run, case_status::failed, "failed (the module answered against the manual)", out);
    list(run, case_status::error, "rig errors (no verdict about the module)", out);
    list(run, case_status::skipped, "not run (the rig cannot run them, or the run was stopped)",
         out);
    list(run, case_status::flaky, "flaky (failed, then passed when rerun)", out);
    out << "athil run: " << n.passed << " passed, " << n.flaky << " flaky, " << n.failed
        << " failed, " << n.errors << " errors, " << n.known_deviations << " known deviations, "
        << n.skipped << " not run (profile " << run.metadata.profile << ")\n";
}

} // namespace athil::report
