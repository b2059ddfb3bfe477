#include "harness/runner/rack/parallel_run.hpp"

#include "harness/core/clock.hpp"
#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/dut/inventory.hpp"
#include "harness/process/child_process.hpp"
#include "harness/report/run_merge.hpp"
#include "harness/runner/history_record.hpp"
#include "harness/runner/rack/merged_report.hpp"
#include "harness/runner/rack/rack_summary.hpp"
#include "harness/runner/rack/remembered_health.hpp"
#include "harness/runner/rack/worker_args.hpp"
#include "harness/runner/rack/worker_pool.hpp"

#include <iostream>

namespace athil::runner::rack {
namespace {

// A worker has no deadline of its own beyond its session timeouts; this only guards against a
// wedged one holding the rack forever.
constexpr std::chrono::hours worker_limit{12};
// Longer than a worker's own grace period, so stopped workers can write their reports first.
constexpr std::chrono::seconds parent_stop_grace{40};

std::chrono::milliseconds since(steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start);
}

void print_counts(const report::run_result& run, std::ostream& out) {
    const auto c = run.counts();
    out << c.passed << " passed, " << c.failed << " failed, " << c.known_deviations
        << " known deviations, " << c.errors << " rig errors";
}

// A parent of workers: a stop signal reaches the workers at once (they end their own reports,
// marked interrupted); this process then merges what they wrote into the folder claimed here.
std::optional<run::report_folder> begin_parent_run(const run_options& o) {
    process::enable_graceful_stop(parent_stop_grace);
    return claim_report_folder(o);
}

} // namespace

int run_parallel(const run_options& o) {
    const auto start = steady_clock::now();
    const auto folder = begin_parent_run(o);
    if (!folder) {
        return 2;
    }
    const auto dir = folder->path();
    const auto args = without_options(own_run_arguments(), {"--jobs", "--report-dir", "--history"});
    std::vector<worker_spec> workers;
    for (unsigned i = 1; i <= o.jobs; ++i) {
        const auto shard = std::to_string(i) + "/" + std::to_string(o.jobs);
        auto worker_args = args;
        worker_args.insert(worker_args.end(), {"--shard", shard, "--report-dir",
                                               (dir / "workers" / std::to_string(i)).string()});
        workers.push_back({shard, worker_command(worker_args), {}});
    }
    const auto outcomes = run_workers(workers, o.jobs, std::cout, worker_limit);
    std::vector<report::run_result> shards;
    std::vector<report::part_identity> parts;
    std::vector<int> codes;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        codes.push_back(outcomes[i].exit_code);
        const auto worker_dir = "workers/" + std::to_string(i + 1);
        if (auto run = read_worker_run(dir / worker_dir)) {
            parts.push_back(
                report::part_of(*run, "shard " + workers[i].label, worker_dir + "/report.html"));
            shards.push_back(std::move(*run));
        } else if (outcomes[i].exit_code != 0) {
            // Visible in the merged report, not only in the log: this part was not judged.
            shards.push_back(error_run({}, "Workers", "Shard" + std::to_string(i + 1),
                                       "shard " + workers[i].label + " ended with exit code " +
                                           std::to_string(outcomes[i].exit_code) +
                                           " without a report",
                                       ""));
            codes.back() = 2;
        }
    }
    auto merged = report::merge_runs(shards, since(start));
    // The merged run is this command's, not its first worker's; each worker is one part.
    merged.metadata.command_line = core::shell_quoted(reported_arguments());
    merged.metadata.parts = std::move(parts);
    if (const int signal_number = process::stop_requested(); signal_number != 0) {
        mark_stopped(merged, signal_number);
        codes.push_back(2);
    }
    try {
        write_merged_report(dir, merged);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    std::cout << "athil run --jobs " << o.jobs << ": ";
    print_counts(merged, std::cout);
    std::cout << " in " << since(start).count() << " ms; reports in " << dir.string() << "\n";
    return worst_exit_code(codes);
}

int run_rack(const run_options& o, const std::string& only_dut) {
    dut::inventory inventory;
    std::vector<const dut::inventory_dut*> selected;
    try {
        inventory = dut::load_inventory(o.inventory);
        selected = only_dut.empty() ? inventory.select(dut::split_tags(o.tags))
                                    : std::vector{&dut::find_dut(inventory, only_dut)};
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    if (selected.empty()) {
        std::cerr << "athil run: no DUT in " << o.inventory.string() << " carries the tags '"
                  << o.tags << "'\n";
        return 2;
    }
    const auto start = steady_clock::now();
    const auto folder = begin_parent_run(o);
    if (!folder) {
        return 2;
    }
    const auto dir = folder->path();
    const auto args = without_options(own_run_arguments(), {"--jobs", "--report-dir", "--tags",
                                                            "--rack-dut", "--dut", "--history"});
    std::vector<worker_spec> workers;
    std::vector<std::string> skipped(selected.size()); // why a DUT gets no worker; "" it does
    for (std::size_t i = 0; i < selected.size(); ++i) {
        const auto* d = selected[i];
        // A DUT named with --dut is checked again whatever the rack remembers of it.
        skipped[i] = only_dut.empty() ? remembered_offline(*d, o.inventory) : std::string();
        if (!skipped[i].empty()) {
            std::cout << "athil run: " << skipped[i] << "\n";
            continue;
        }
        auto worker_args = args;
        worker_args.insert(worker_args.end(),
                           {"--rack-dut", d->id, "--report-dir", (dir / "duts" / d->id).string()});
        workers.push_back({d->id, worker_command(worker_args), {}});
    }
    const unsigned jobs = o.jobs == 0 ? static_cast<unsigned>(workers.size()) : o.jobs;
    std::cout << "athil run: " << workers.size() << " DUTs of " << o.inventory.string() << ", "
              << std::min<std::size_t>(jobs, workers.size()) << " at once\n";
    const auto ran = run_workers(workers, std::max(jobs, 1U), std::cout, worker_limit);
    std::vector<dut_run> runs;
    std::vector<rack_row> rows;
    std::size_t next_worker = 0;
    for (std::size_t i = 0; i < selected.size(); ++i) {
        const auto& d = *selected[i];
        std::optional<report::run_result> run;
        worker_outcome outcome{2, std::chrono::milliseconds(0)};
        if (!skipped[i].empty()) {
            run = skipped_offline_run(d, skipped[i]);
            try {
                write_merged_report(dir / "duts" / d.id, *run);
            } catch (const athil_error& e) {
                std::cerr << "athil run: " << e.what() << "\n";
            }
        } else {
            outcome = ran[next_worker++];
            run = read_worker_run(dir / "duts" / d.id);
        }
        if (!run) {
            report::run_metadata m;
            m.dut_link = d.link;
            m.model = d.model;
            run = error_run(m, "Worker", "Report",
                            "the worker of DUT " + d.id + " ended with exit code " +
                                std::to_string(outcome.exit_code) + " without a report",
                            "");
        }
        rows.push_back(row_for(d, *run, outcome));
        runs.push_back({d.id, std::move(*run)});
    }
    const auto wall = since(start);
    auto merged = merge_rack_runs(runs, "inventory:" + o.inventory.string(), wall);
    if (process::stop_requested() != 0) {
        mark_stopped(merged, process::stop_requested());
    }
    try {
        write_rack_report(dir, merged, runs);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    print_rack_table(rows, wall, std::cout);
    std::cout << "reports in " << dir.string() << "\n";
    std::vector<int> codes;
    for (const auto& r : rows) {
        codes.push_back(r.exit_code);
    }
    if (process::stop_requested() != 0) {
        codes.push_back(2);
    }
    return worst_exit_code(codes);
}

} // namespace athil::runner::rack
