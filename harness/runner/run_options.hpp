#pragma once
// What `athil run` was asked to do: filled by the command line (run_cli.cpp), read by the run
// (run_command.cpp) and by the rack fan-out (rack/), which passes them on to its workers.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::runner {

struct run_options {
    std::string dut = "sim"; // sim | serial:PATH[@BAUD] | tcp:H:P | rfc2217:H:P
    std::string profile = "reference";
    std::string timing; // --timing: a timing profile's name (suites/timing) or file; "": instant
    std::vector<std::string> filter; // --filter values: clauses and case names (case_filter.hpp)
    bool list = false;
    std::string report_dir;       // empty: reports/<UTC timestamp>/ under the current directory
    bool replace_reports = false; // --report-dir may hold an earlier run's reports: remove them
    std::vector<std::string> sim_args; // passed to `athil sim`
    std::string broker_host;           // address a real module uses to reach the rig's brokers
    unsigned boot_ms = 50;             // simulator boot time (short: runs restart a lot)
    bool boot_ms_given = false;        // --boot-ms given: it overrides --timing's boot
    bool shuffle = false;
    bool isolated = false; // every section-3 case cleans up with AT+CLEAR (no restart economy)
    std::optional<int> seed;
    std::filesystem::path suites_dir;   // holds spec/ and profiles/
    int repeat = 1;                     // run the selection this many times
    unsigned retries = 0;               // rerun a failing case up to N times (flaky if it passes)
    unsigned maxfail = 0;               // stop after this many failed cases (0: never)
    bool timelines = true;              // per-case timelines in the reports (--no-timeline)
    std::string shard;                  // "I/N": this machine's part of the selection
    std::filesystem::path durations;    // results.json of an earlier run: balances the shards
    double timeout_scale = 1.0;         // multiplies every session timeout (slow networks, rigs)
    bool verbose = false;               // live transcript on stderr
    bool keep = false;                  // keep working files (simulator log) in the report folder
    unsigned jobs = 0;                  // workers: simulators (--jobs N > 1) or rack DUTs at once
    std::filesystem::path inventory;    // rack.yaml: one worker per DUT (harness/runner/rack)
    std::string tags;                   // "a,b": only the inventory's DUTs with one of these tags
    std::string rack_dut;               // a rack worker: the inventory's DUT this process tests
    bool dut_named = false;             // --dut given; with --inventory it names a DUT id
    std::string wait;                   // --wait: how long to wait for a held DUT ("" none)
    std::filesystem::path rerun_failed; // results.json: rerun its failed cases, its settings
    std::string history; // record the finished run here: a SQLite file or postgresql://...
};

} // namespace athil::runner
