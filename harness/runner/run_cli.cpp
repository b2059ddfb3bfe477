// `athil run` and `athil list` on the command line: every option with its check and help text.
#include "harness/core/error.hpp"
#include "harness/runner/commands.hpp"
#include "harness/runner/history_record.hpp"
#include "harness/runner/run_command.hpp"
#include "harness/runner/simulator_options.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/case_catalog.hpp"
#include "suites/run_environment.hpp"

#include <cmath>
#include <iostream>
#include <memory>

namespace athil::runner {

namespace {

// A finite factor between 0.1 and 100: NaN would turn every wait into a negative time, and
// 1e9 into one that never ends.
const CLI::Validator scale_range(
    [](const std::string& text) -> std::string {
        double x = 0;
        try {
            std::size_t used = 0;
            x = std::stod(text, &used);
            if (used != text.size()) {
                return "'" + text + "' is not a number";
            }
        } catch (const std::exception&) {
            return "'" + text + "' is not a number";
        }
        if (!std::isfinite(x) || x < 0.1 || x > 100) {
            return "'" + text + "' is outside 0.1 to 100";
        }
        return {};
    },
    "0.1..100");

} // namespace

void add_run_command(CLI::App& app) {
    auto options = std::make_shared<run_options>();
    auto* run = app.add_subcommand(
        "run", "Run the conformance suites generated from the manual against a module, write "
               "junit.xml, report.html, results.json and trace.json, and exit 0 (all conform), 1 "
               "(nonconformance found) or 2 (rig failure: port missing, module silent).");
    run->footer(
        "Examples:\n"
        "  athil run                                   # simulator + reference profile, all cases\n"
        "  athil run --dut serial:/dev/ttyUSB0@115200 --profile errata-firmware\n"
        "  athil run --dut rfc2217:rack7:4001 --broker-host 10.0.0.5 --timeout-scale 2\n"
        "  athil run --filter 2.3,2.19 --report-dir out   # clauses 2.3 and 2.19 (and below)\n"
        "  athil run --filter 'S2_3_*.SetRejects*'        # a gtest filter\n"
        "  athil run --quirk no-echo --filter 1.1 -v      # a deliberately wrong simulator, live\n"
        "  athil run --list --shard 2/3                  # what CI job 2 of 3 would run\n"
        "  athil run --shard 2/3 --durations last/results.json   # parts of equal run time\n"
        "  athil run --filter 2.2 --repeat 20 --shuffle   # hunt a flaky answer\n"
        "  athil run --rerun-failed reports/last/results.json   # what failed, again\n"
        "  athil run --inventory rack.yaml --dut gm5-slot1 --wait 30m   # one rack DUT, in line\n"
        "Reports go to reports/<UTC timestamp>/ unless --report-dir is given; merge shard "
        "reports with `athil report merge`.");
    auto* dut = run->add_option("--dut", options->dut,
                                "sim | serial:PATH[@BAUD] | tcp:HOST:PORT | rfc2217:HOST:PORT; "
                                "with --inventory: the id of the one DUT to run on")
                    ->capture_default_str();
    run->add_option("--profile", options->profile,
                    "firmware profile: a name in profiles/ or a YAML file")
        ->capture_default_str();
    run->add_option("--filter", options->filter,
                    "what to run, repeatable: clauses and case names, comma-separated "
                    "(2.3,3.1.3,S or S2_3_*.SetRejects*); a filter that selects nothing is an "
                    "error")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    run->add_flag("--list", options->list, "list the selected cases and exit");
    run->add_option("--report-dir", options->report_dir,
                    "folder for junit.xml, report.html, results.json, trace.json (default: "
                    "reports/<UTC timestamp>/); one that holds an earlier run's reports is "
                    "refused");
    run->add_flag("--replace-reports", options->replace_reports,
                  "with --report-dir: remove an earlier run's reports there first");
    run->add_option("--repeat", options->repeat, "run the selected cases N times")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();
    run->add_option("--retries", options->retries,
                    "rerun a failing case up to N times; one that then passes is reported flaky")
        ->check(CLI::Range(0U, 10U))
        ->capture_default_str();
    run->add_option("--shard", options->shard,
                    "I/N: run only part I of N of the selected cases (split deterministically)");
    run->add_option("--durations", options->durations,
                    "results.json of an earlier run: balance --shard parts by case durations")
        ->check(CLI::ExistingFile);
    run->add_option("--timeout-scale", options->timeout_scale,
                    "multiply every timeout (command, handshake, restart) by X (0.1 to 100)")
        ->check(scale_range)
        ->capture_default_str();
    run->add_flag("-v,--verbose", options->verbose,
                  "print the live serial transcript (secrets redacted) on stderr");
    run->add_flag("--keep", options->keep,
                  "keep what the simulator wrote on its stderr (its warnings and errors; empty "
                  "when it had none) in the report folder as logs/simulator.log");
    add_simulator_options(*run, options->sim_args);
    run->add_option("--broker-host", options->broker_host,
                    "address a real module uses to reach this host's brokers (section 3)");
    auto* boot = run->add_option("--boot-ms", options->boot_ms,
                                 "simulator boot time in ms (overrides --timing's boot_ms)")
                     ->check(CLI::Range(0U, 600000U))
                     ->capture_default_str();
    run->add_option("--timing", options->timing,
                    "how fast the module and its network are: a timing profile's name in "
                    "suites/timing (realistic: 10 s boot, 3 s registration, 150 +/- 50 ms "
                    "uplink, 115200 baud; default instant) or a YAML file measured on your rack; "
                    "with --dut sim the simulator plays it");
    run->add_option("--maxfail", options->maxfail,
                    "stop after N failed or errored cases; the rest are not run and the reports "
                    "say the run stopped")
        ->check(CLI::Range(1U, 100000U));
    run->add_option("--rerun-failed", options->rerun_failed,
                    "results.json of an earlier run: run its failed and errored cases again, "
                    "with that run's DUT, profile and simulator arguments")
        ->check(CLI::ExistingFile);
    run->add_flag("!--no-timeline", options->timelines,
                  "leave each case's timeline (serial, wire, broker events) out of the reports "
                  "and trace.json: smaller reports for very long runs");
    run->add_flag("--shuffle", options->shuffle, "run the cases in random order");
    run->add_flag("--isolated", options->isolated,
                  "every section-3 case leaves the module with AT+CLEAR and a restart and "
                  "opens its own connection, as before restart economy (slower; for debugging "
                  "one case's world)");
    run->add_option("--seed", options->seed, "random seed for --shuffle");
    run->add_option("--suites-dir", options->suites_dir, "folder holding spec/ and profiles/");
    run->add_option("--jobs", options->jobs,
                    "N workers at once: N simulators each running part of the cases (merged "
                    "into one report), or at most N rack DUTs with --inventory (default: all)")
        ->check(CLI::Range(1U, 64U));
    run->add_option("--inventory", options->inventory,
                    "rack.yaml (docs/INVENTORY.md): run on every DUT of the rack in parallel")
        ->check(CLI::ExistingFile);
    run->add_option("--tags", options->tags,
                    "with --inventory: only the DUTs carrying one of these tags (a,b)");
    run->add_option("--wait", options->wait,
                    "with --inventory: wait up to DURATION (30s, 5m) for a DUT another run "
                    "holds, showing the place in line (default: exit 2 at once, naming the "
                    "holder)");
    // The workers of a rack run: not for people.
    run->add_option("--rack-dut", options->rack_dut, "")->group("");
    run->add_option("--history", options->history,
                    "record the finished run (also a stopped one) in this history store: a SQLite "
                    "file or postgresql://... (see athil history --help)");
    run->callback([options, dut, boot] {
        options->dut_named = dut->count() > 0;
        options->boot_ms_given = boot->count() > 0;
        const int code = run_with_history(*options);
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

void add_list_command(CLI::App& app) {
    auto options = std::make_shared<run_options>();
    auto* list = app.add_subcommand("list", "Sections, clauses and case counts of the suites.");
    list->footer("Examples:\n"
                 "  athil list                              # every section, reference profile\n"
                 "  athil list --profile errata-firmware    # with a firmware's known pins\n"
                 "  athil run --list --filter 2.3           # the cases themselves, one a line");
    list->add_option("--profile", options->profile, "firmware profile")->capture_default_str();
    list->add_option("--suites-dir", options->suites_dir, "folder holding spec/ and profiles/");
    list->callback([options] {
        const auto dir = options->suites_dir.empty() ? default_suites_dir() : options->suites_dir;
        try {
            auto manual = spec::load_manual(dir / "spec");
            const auto profile =
                spec::load_profile(spec::find_profile(options->profile, {dir / "profiles"}));
            manual = suites::apply_profile(std::move(manual), profile);
            const auto cases = suites::build_cases(manual);
            for (const auto& s : suites::count_by_section(manual, cases)) {
                std::cout << "section " << s.section << "  " << s.title << "\n  clauses:";
                for (const auto& c : s.clauses) {
                    std::cout << " " << c;
                }
                std::cout << "\n  cases: " << s.cases << " (--filter " << s.section << ")\n";
            }
            std::cout << "total: " << cases.size() << " cases (profile " << profile.name
                      << "); sections nest, so 3.1 counts the cases of 3.1.1 too\n";
        } catch (const athil_error& e) {
            std::cerr << "athil list: " << e.what() << "\n";
            throw CLI::RuntimeError(2);
        }
    });
}

} // namespace athil::runner
