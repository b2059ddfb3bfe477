#pragma once
// `athil run` and `athil list`: the suites from the command line. Registered on the athil
// executable by harness/cli (one call each).

#include "harness/run/report_folder.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::suites {

struct run_options {
    std::string dut = "sim"; // sim | serial:PATH[@BAUD] | tcp:H:P | rfc2217:H:P
    std::string profile = "reference";
    std::vector<std::string> filter; // --filter values: clauses and case names (case_filter.hpp)
    bool list = false;
    std::string report_dir;       // empty: reports/<UTC timestamp>/ under the current directory
    bool replace_reports = false; // --report-dir may hold an earlier run's reports: remove them
    std::vector<std::string> sim_args; // passed to `athil sim`
    std::string broker_host;           // address a real module uses to reach the rig's brokers
    unsigned boot_ms = 50;             // simulator boot time (short: runs restart a lot)
    bool shuffle = false;
    std::optional<int> seed;
    std::filesystem::path suites_dir; // holds spec/ and profiles/
    int repeat = 1;                   // run the selection this many times
    unsigned retries = 0;             // rerun a failing case up to N times (flaky if it passes)
    std::string shard;                // "I/N": this machine's part of the selection
    std::filesystem::path durations;  // results.json of an earlier run: balances the shards
    double timeout_scale = 1.0;       // multiplies every session timeout (slow networks, rigs)
    bool verbose = false;             // live transcript on stderr
    bool keep = false;                // keep working files (simulator log) in the report folder
    unsigned jobs = 0;                // workers: simulators (--jobs N > 1) or rack DUTs at once
    std::filesystem::path inventory;  // rack.yaml: one worker per DUT (suites/fanout)
    std::string tags;                 // "a,b": only the inventory's DUTs with one of these tags
    std::string rack_dut;             // a rack worker: the inventory's DUT this process tests
};

// Exit codes: 0 all conform, 1 nonconformance found, 2 infrastructure (bad data, port missing,
// module silent before the first case).
int run_suites(const run_options& options);

// The report folder of a run, claimed (locked, writable, no earlier run's reports unless
// replace_reports): --report-dir as given, else a fresh reports/<UTC timestamp>/ under the
// current directory. Throws athil_error(bad_input) with the reason.
run::report_folder make_report_folder(const run_options& options);
// The same, or nullopt after saying why on stderr (the caller exits 2).
std::optional<run::report_folder> claim_report_folder(const run_options& options);

// Where spec/ and profiles/ are: $ATHIL_SUITES_DIR, else the source tree the binary was built
// from.
std::filesystem::path default_suites_dir();

} // namespace athil::suites

namespace athil::cli {

void add_run_command(CLI::App& app);  // athil run: the conformance suites against a module
void add_list_command(CLI::App& app); // athil list: sections, clauses and case counts

} // namespace athil::cli
