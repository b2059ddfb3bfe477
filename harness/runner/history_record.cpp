#include "harness/runner/history_record.hpp"

#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"
#include "harness/history/history_store.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/runner/run_command.hpp"

#include <algorithm>
#include <iostream>

namespace athil::runner {
namespace {

// A rack run is recorded per DUT, from each DUT's own report (its firmware, serial number and
// model, which the merged report does not hold per DUT), each with the exit code its verdicts
// give; any other run is recorded as its folder's results.json with the run's exit code.
std::vector<std::pair<std::filesystem::path, int>>
runs_to_record(const run_options& o, const std::filesystem::path& dir, int code) {
    if (o.inventory.empty() || !std::filesystem::is_directory(dir / "duts")) {
        return {{dir / "results.json", code}};
    }
    std::vector<std::pair<std::filesystem::path, int>> out;
    std::vector<std::filesystem::path> folders;
    for (const auto& e : std::filesystem::directory_iterator(dir / "duts")) {
        folders.push_back(e.path());
    }
    std::sort(folders.begin(), folders.end());
    for (const auto& f : folders) {
        if (std::filesystem::exists(f / "results.json")) {
            out.emplace_back(f / "results.json",
                             history::exit_code_of(report::read_results_json(f / "results.json")));
        }
    }
    return out;
}

} // namespace

std::vector<std::string> reported_arguments() {
    auto args = core::own_arguments();
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--history" && i + 1 < args.size()) {
            args[i + 1] = history::without_password(args[i + 1]);
        } else if (args[i].starts_with("--history=")) {
            args[i] = "--history=" + history::without_password(args[i].substr(10));
        }
    }
    return args;
}

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
        for (const auto& [file, exit_code] : runs_to_record(o, *dir, code)) {
            const auto recorded = store.record(report::read_results_json(file), exit_code);
            std::cout << "athil run: recorded as run " << recorded.id << " in " << store.describe()
                      << " (" << file.string() << ")\n";
        }
    } catch (const athil_error& e) {
        std::cerr << "athil run: the run was not recorded in the history: " << e.what() << "\n";
        return 2;
    }
    return code;
}

} // namespace athil::runner
