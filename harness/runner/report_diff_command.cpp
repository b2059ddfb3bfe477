#include "harness/runner/report_diff_command.hpp"

#include "harness/core/error.hpp"
#include "harness/history/history_store.hpp"
#include "harness/history/run_diff.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/json_writer.hpp"

#include <iostream>
#include <memory>

namespace athil::report {
namespace {

struct diff_command_options {
    std::string old_run;
    std::string new_run;
    std::string store; // for run numbers; empty: the default store
    std::filesystem::path html;
    std::filesystem::path json;
    double duration_ratio = 0.5;
    unsigned duration_floor_ms = 100;
};

bool is_run_number(const std::string& text) {
    return !text.empty() && text.size() < 19 &&
           text.find_first_not_of("0123456789") == std::string::npos;
}

// A results.json file, else a run number of the store.
run_result load_run(const std::string& what, const diff_command_options& o, std::string& label) {
    if (std::filesystem::is_regular_file(what)) {
        label = what;
        return read_results_json(what);
    }
    if (!is_run_number(what)) {
        throw athil_error(errc::bad_input,
                          what + " is neither a results.json file nor a run number of the history");
    }
    auto store = history::history_store::open(o.store);
    auto run = store.load(std::stoll(what));
    if (!run) {
        throw athil_error(errc::bad_input, "no run " + what + " in " + store.describe() +
                                               " (see athil history list)");
    }
    label = "run " + what + " of " + store.describe() + " (" +
            iso8601_utc(run->metadata.start_time) + ")";
    return std::move(*run);
}

void write_output(const std::filesystem::path& file, const std::string& text) {
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
    }
    write_file_atomically(file, text);
}

int diff(const diff_command_options& o) {
    std::string old_label;
    std::string new_label;
    const auto old_run = load_run(o.old_run, o, old_label);
    const auto new_run = load_run(o.new_run, o, new_label);
    history::diff_options options;
    options.duration_ratio = o.duration_ratio;
    options.duration_floor = std::chrono::milliseconds(o.duration_floor_ms);
    auto d = history::diff_runs(old_run, new_run, options);
    d.old_label = old_label;
    d.new_label = new_label;
    history::print_diff(d, std::cout);
    if (!o.html.empty()) {
        write_output(o.html, history::diff_html(d));
    }
    if (!o.json.empty()) {
        write_output(o.json, history::diff_json(d).dump(2) + "\n");
    }
    return d.regressed() ? 1 : 0;
}

} // namespace

void add_diff_subcommand(CLI::App& report) {
    auto o = std::make_shared<diff_command_options>();
    auto* command = report.add_subcommand(
        "diff", "Compare two runs: new failures, fixed, still failing, newly flaky, added and "
                "removed cases, known-deviation, identity and duration changes; exit 1 when NEW "
                "regressed, 0 when not, 2 on bad input");
    command->footer("Examples:\n"
                    "  athil report diff last-night/results.json tonight/results.json\n"
                    "  athil report diff 1 2 --history runs.sqlite --html diff.html --json "
                    "diff.json\n"
                    "A regression is a case failing in NEW that did not fail in OLD (or a NEW "
                    "that did not complete where OLD did).");
    command->add_option("old", o->old_run, "results.json, or a run number of the history")
        ->required();
    command->add_option("new", o->new_run, "results.json, or a run number of the history")
        ->required();
    command->add_option("--history", o->store,
                        "the store that holds the run numbers (default: the user's "
                        "history.sqlite, see athil history --help)");
    command->add_option("--html", o->html, "also write the comparison as an HTML page");
    command->add_option("--json", o->json, "also write the comparison as JSON");
    command
        ->add_option("--duration-change", o->duration_ratio,
                     "report a case whose duration moved by more than this share of OLD's")
        ->check(CLI::Range(0.0, 100.0))
        ->capture_default_str();
    command
        ->add_option("--duration-floor-ms", o->duration_floor_ms,
                     "...and by at least this many milliseconds")
        ->capture_default_str();
    command->callback([o] {
        int code = 0;
        try {
            code = diff(*o);
        } catch (const athil_error& e) {
            std::cerr << "athil report diff: " << e.what() << '\n';
            throw CLI::RuntimeError(2);
        }
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

} // namespace athil::report
