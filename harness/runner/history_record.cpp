#include "harness/runner/history_record.hpp"

#include "harness/core/error.hpp"
#include "harness/history/history_store.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/runner/run_command.hpp"

#include <iostream>

namespace athil::runner {

int run_with_history(const run_options& o) {
    // A rack worker and --list have no run of their own to record.
    if (o.history.empty() || o.list || !o.rack_dut.empty()) {
        return run_suites(o);
    }
    try {
        (void)history::history_store::open(o.history);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    const int code = run_suites(o);
    const auto dir = claimed_report_dir();
    if (!dir || !std::filesystem::exists(*dir / "results.json")) {
        return code; // stopped before a report folder: nothing ran, nothing to record
    }
    try {
        auto store = history::history_store::open(o.history);
        const auto recorded = store.record(report::read_results_json(*dir / "results.json"), code);
        std::cout << "athil run: recorded as run " << recorded.id << " in " << store.describe()
                  << "\n";
    } catch (const athil_error& e) {
        std::cerr << "athil run: the run was not recorded in the history: " << e.what() << "\n";
        return 2;
    }
    return code;
}

} // namespace athil::runner
