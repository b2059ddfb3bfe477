// `athil history import|list|show|trend`: the run history on the command line.
#include "harness/core/error.hpp"
#include "harness/history/history_store.hpp"
#include "harness/history/trend_page.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/runner/commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

namespace athil::runner {
namespace {

using history::history_store;

struct history_options {
    std::string store; // empty: the default SQLite file
    std::vector<std::filesystem::path> files;
    std::size_t limit = 20;
    std::int64_t run = 0;
    std::filesystem::path output;
    std::size_t nights = 60;
};

void add_store_option(CLI::App& command, history_options& o) {
    command.add_option("--history", o.store,
                       "the store: a SQLite file or postgresql://user@host/db (default: "
                       "$XDG_DATA_HOME/athil/history.sqlite or "
                       "~/.local/share/athil/history.sqlite)");
}

// Runs a subcommand's work: a store or input problem is one line and exit code 2.
template <typename Work>
void guarded(const char* name, Work work) {
    try {
        work();
    } catch (const athil_error& e) {
        std::cerr << "athil history " << name << ": " << e.what() << "\n";
        throw CLI::RuntimeError(2);
    }
}

std::string counts_text(const report::run_counts& c) {
    return fmt::format("{} cases: {} passed, {} failed, {} flaky, {} known deviations, {} skipped, "
                       "{} errors",
                       c.total, c.passed, c.failed, c.flaky, c.known_deviations, c.skipped,
                       c.errors);
}

void import_files(const history_options& o) {
    auto store = history_store::open(o.store);
    for (const auto& f : o.files) {
        const auto run = report::read_results_json(f);
        const auto r = store.record(run, history::exit_code_of(run));
        std::cout << f.string() << (r.added ? ": recorded as run " : ": already recorded as run ")
                  << r.id << "\n";
    }
}

void list_runs(const history_options& o) {
    auto store = history_store::open(o.store);
    const auto rows = store.list(o.limit);
    if (rows.empty()) {
        std::cout << "no runs recorded in " << store.describe() << "\n";
        return;
    }
    std::cout << fmt::format("{:>5}  {:<20}  {:>8}  {:<4}  {:<11}  {:<20}  {:<10}  {}\n", "run",
                             "start (UTC)", "time", "exit", "outcome", "firmware", "profile",
                             "DUT, quirks, verdicts");
    for (const auto& r : rows) {
        std::string dut = r.dut_link + (r.serial_number.empty() ? "" : " SN " + r.serial_number);
        if (!r.quirks.empty()) {
            dut += " quirks " + r.quirks;
        }
        std::cout << fmt::format("{:>5}  {:<20}  {:>7.1f}s  {:<4}  {:<11}  {:<20}  {:<10}  {}; {} "
                                 "passed, {} failed, {} flaky, {} deviations, {} errors\n",
                                 r.id, r.start_time, static_cast<double>(r.duration_ms) / 1000.0,
                                 r.exit_code, r.outcome, r.firmware.empty() ? "-" : r.firmware,
                                 r.profile, dut, r.counts.passed, r.counts.failed, r.counts.flaky,
                                 r.counts.known_deviations, r.counts.errors);
    }
}

void show_run(const history_options& o) {
    auto store = history_store::open(o.store);
    const auto row = store.row(o.run);
    const auto run = store.load(o.run);
    if (!row || !run) {
        throw athil_error(errc::bad_input, "no run " + std::to_string(o.run) + " in " +
                                               store.describe() + " (see athil history list)");
    }
    const auto& m = run->metadata;
    std::cout << "run " << row->id << ": " << row->start_time << ", "
              << static_cast<double>(row->duration_ms) / 1000.0 << " s, outcome " << row->outcome
              << (m.outcome_reason.empty() ? "" : " (" + m.outcome_reason + ")") << ", exit code "
              << row->exit_code << "\n"
              << "  DUT " << m.dut_link << ", model " << m.model << ", firmware " << m.firmware
              << ", SN " << m.serial_number << ", IMEI " << m.imei << "\n"
              << "  profile " << m.profile
              << (m.quirks.empty() ? "" : ", quirks " + report::join(m.quirks, ", ")) << "\n"
              << "  athil " << m.tool_version << " on " << m.host << ": " << m.command_line << "\n"
              << "  " << counts_text(row->counts) << "\n";
    for (const auto& c : run->cases) {
        std::cout << fmt::format("  {:<9} {} ({:.2f} s{}){}\n", report::verdict_label(c.status),
                                 c.full_name(), static_cast<double>(c.duration.count()) / 1000.0,
                                 c.retries > 0 ? fmt::format(", {} attempts", c.retries + 1) : "",
                                 c.message.empty() ? "" : ": " + c.message);
    }
}

void write_trend(const history_options& o) {
    const auto start = std::chrono::steady_clock::now();
    auto store = history_store::open(o.store);
    const auto rows = store.trend_rows();
    history::trend_options t;
    t.max_nights = o.nights;
    if (o.output.has_parent_path()) {
        std::filesystem::create_directories(o.output.parent_path());
    }
    report::write_file_atomically(o.output, history::trend_html(rows, store.describe(), t));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    std::cout << "athil history trend: " << rows.size() << " case results into "
              << o.output.string() << " in " << ms.count() << " ms\n";
}

} // namespace

void add_history_command(CLI::App& app) {
    auto* history = app.add_subcommand(
        "history", "The run history: runs recorded with athil run --history or imported from "
                   "results.json, listed, shown and charted (trend page)");
    history->require_subcommand(1);
    history->footer(
        "Examples:\n"
        "  athil run --filter 2.2 --history runs.sqlite\n"
        "  athil history import --history runs.sqlite reports/*/results.json\n"
        "  athil history list --history runs.sqlite\n"
        "  athil history show 2 --history runs.sqlite\n"
        "  athil history trend --history runs.sqlite -o trend.html\n"
        "  athil report diff 1 2 --history runs.sqlite\n"
        "--history postgresql://user@host/athil shares one history between rack hosts.");
    auto o = std::make_shared<history_options>();

    auto* import = history->add_subcommand("import", "record runs from their results.json");
    import->add_option("files", o->files, "results.json files")
        ->required()
        ->check(CLI::ExistingFile);
    add_store_option(*import, *o);
    import->callback([o] { guarded("import", [&] { import_files(*o);
});
} // namespace athil::runner
);

auto* list = history->add_subcommand("list", "the recorded runs, newest first");
list->add_option("-n,--limit", o->limit, "at most N runs (0: all)")->capture_default_str();
add_store_option(*list, *o);
list->callback([o] { guarded("list", [&] { list_runs(*o); }); });

auto* show = history->add_subcommand("show", "one run: its identity and every case");
show->add_option("run", o->run, "the run's number (athil history list)")->required();
add_store_option(*show, *o);
show->callback([o] { guarded("show", [&] { show_run(*o); }); });

auto* trend = history->add_subcommand(
    "trend", "a self-contained HTML page: pass and flake rate per case x DUT x firmware, "
             "where a case began failing, sections x nights");
trend->add_option("-o,--output", o->output, "the HTML file to write")->required();
trend->add_option("--nights", o->nights, "the matrix's newest N nights")
    ->check(CLI::Range(std::size_t{1}, std::size_t{3650}))
    ->capture_default_str();
add_store_option(*trend, *o);
trend->callback([o] { guarded("trend", [&] { write_trend(*o); }); });
}

} // namespace athil::runner
