#pragma once
// The data of one run, as every reporter sees it: who was tested (the DUT's identity and the
// firmware profile) and, per case, the verdict with the evidence behind it. JUnit XML,
// results.json and the HTML matrix are three renderings of this one model.

#include "harness/report/timeline.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace athil::report {

enum class case_status {
    passed,
    flaky,           // failed, then passed when rerun (--retries): never counted as a pass
    failed,          // the module answered against the manual
    known_deviation, // failed, but the firmware profile names this deviation
    skipped,         // not judged (filtered at run time, prerequisite missing)
    error,           // the rig failed: no verdict about the module
};

std::string_view to_string(case_status s) noexcept; // "passed", "known_deviation", ...
std::optional<case_status> status_from_string(std::string_view text) noexcept;
// What people read in logs and the HTML page: "PASS", "FLAKY", "FAIL", "DEVIATION", "SKIP",
// "ERROR".
std::string_view verdict_label(case_status s) noexcept;

// How the run ended. Anything but `complete` means the reports hold only part of what was
// selected (or nothing of it), and every report says so: a partial report must never read as a
// green one.
enum class run_outcome {
    complete,    // every selected case ran
    interrupted, // stopped by a signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
    stopped,     // stopped after --maxfail failed cases; the rest was not run
    rig_failed,  // the rig or the module's session failed before the first case
};
// "complete", "interrupted", "stopped", "rig_failed"
std::string_view to_string(run_outcome o) noexcept;
std::optional<run_outcome> outcome_from_string(std::string_view text) noexcept;

struct deviation_info {
    std::string id;     // "E.1"
    std::string clause; // "2.19"
    std::string reason;
};

// One part of a merged run (a --jobs worker, a rack DUT, a file given to `athil report merge`):
// who it tested, how it ended and where its own report is, so a merged report keeps every DUT's
// identity and links to each part's own report.
struct part_identity {
    std::string label; // "DUT sim-a", "shard 1/2", the merged file
    std::string dut_link;
    std::string model;
    std::string firmware;
    std::string serial_number;
    std::string profile;
    std::string outcome;    // as run_outcome's text
    std::size_t cases = 0;  // its cases, and of those:
    std::size_t failed = 0; // failed or could not be judged
    std::string report;     // its report.html, relative to the merged report's folder; may be empty
};

struct run_metadata {
    std::string dut_link; // "sim", "serial:/dev/ttyUSB0@115200"
    std::string firmware; // AT+VER
    std::string serial_number;
    std::string imei;
    std::string model;
    std::string profile;
    std::vector<deviation_info> deviations; // what the profile allows
    std::string timing; // the timing profile (athil run --timing); empty in older results
    std::chrono::system_clock::time_point start_time{};
    std::chrono::milliseconds duration{0};
    std::string host;
    std::string tool_version;
    std::string command_line; // how the run was started, shell-quoted: rerun it as it is
    // The command that reruns one case of this run on the same DUT with the same settings,
    // once `--filter <Suite.Case>` is appended (shell-quoted); empty when unknown.
    std::string rerun_command;
    // A simulated DUT: the `athil sim` arguments, and the deliberate deviations (quirks) among
    // them. A run with quirks judges a wrong module on purpose; every report says so.
    std::vector<std::string> simulator_args;
    std::vector<std::string> quirks;
    run_outcome outcome = run_outcome::complete;
    std::string outcome_reason;       // one line, when not complete
    std::vector<part_identity> parts; // a merged run's parts; empty for a run of its own
};

// An attempt of a rerun case (--retries) that failed before the case's last attempt: Surefire's
// flakyFailure (the case then passed) or rerunFailure (it never did), with its own evidence.
struct attempt_result {
    unsigned number = 1; // 1: the first run of the case
    bool error = false;  // the rig failed or threw (flakyError / rerunError), no verdict
    std::string message; // one line, as case_result::message
    std::string details; // every failed assertion of that attempt
    std::string transcript;
    std::chrono::milliseconds duration{0};
};

// The check that failed, as its fields: what was checked, what the harness sent, what the manual
// expects and what came back (redacted, control bytes escaped).
struct failed_check {
    std::string what;
    std::string sent;
    std::string expected;
    std::string received;

    bool empty() const { return what.empty() && expected.empty(); }
};

struct case_result {
    std::string section; // gtest suite, JUnit classname: "S2_3_MQTTPUBTP"
    std::string name;    // "SetRejectsQos3"
    std::string clause;  // "2.3"
    std::string command; // "AT+MQTTPUBTP"
    std::string source;  // "suites/spec/s2_03.yaml:41"
    case_status status = case_status::passed;
    std::string message;   // one line: clause, expected, got (or the deviation's reason)
    std::string details;   // the full failure text, every failed assertion with file:line
    std::string deviation; // the profile's deviation id, for known deviations
    failed_check check;    // the failed check as fields; empty when no check said what failed
    std::chrono::milliseconds duration{0};
    unsigned retries = 0;                        // attempts after the first
    unsigned restarts = 0;                       // module restarts (AT+S, AT+Z, AT+CLEAR)
    std::chrono::milliseconds forced_wait{0};    // boots, guard silences: no answer shortens them
    std::vector<attempt_result> failed_attempts; // earlier attempts, oldest first
    std::string transcript;                      // of the last attempt
    // When the case started, on the clock of its timeline (microseconds since the run began).
    std::chrono::microseconds started_at{0};
    std::vector<timeline_event> timeline; // of the last attempt, in time order
    // Recorded apart by cases without a timeline (and read back from such reports); with a
    // timeline, results.json writes its extracts in their place (packet_lines, broker_log_text).
    std::string broker_log;
    std::vector<std::string> packets;
    // Any other recorded property, kept in order for results.json and system-out.
    std::vector<std::pair<std::string, std::string>> extra;

    std::string full_name() const { return section + "." + name; }
};

// A case the rig failed, made by the runner itself (Rig.BeforeFirstCase, Run.Interrupted, a
// worker that left no report): status error, no verdict about the module.
case_result rig_error_case(std::string section, std::string name, std::string message,
                           std::string details = {});

struct run_counts {
    std::size_t total = 0;
    std::size_t passed = 0;
    std::size_t flaky = 0;
    std::size_t failed = 0;
    std::size_t known_deviations = 0;
    std::size_t skipped = 0;
    std::size_t errors = 0;

    void add(case_status s) noexcept;
    // What the exit code is made of: nonconformance, and a rig that could not judge. A flaky
    // case passed in the end (as Surefire counts it); it is reported, not a failure.
    bool conforms() const noexcept { return failed == 0 && errors == 0; }
};

struct run_result {
    run_metadata metadata;
    std::vector<case_result> cases; // in the order they finished

    run_counts counts() const noexcept;
    unsigned restarts() const noexcept; // of every case
};

struct run_result;
// The identity of `run` as a part of a merged run.
part_identity part_of(const run_result& run, std::string label, std::string report);

// Cases of one section in run order; sections in the order they first appear.
struct section_view {
    std::string name;
    std::vector<const case_result*> cases;

    run_counts counts() const noexcept;
    std::chrono::milliseconds duration() const noexcept;
    std::string clauses() const; // the distinct clauses of its cases: "2.3" or "3.1.1, 3.1.2"
};

std::vector<section_view> group_by_section(const run_result& run);

// The items with `separator` between them: quirks and simulator arguments on one line.
std::string join(const std::vector<std::string>& items, std::string_view separator);

// "2026-11-26T10:00:56Z": UTC, second precision, as JUnit timestamps and JSON expect.
std::string iso8601_utc(std::chrono::system_clock::time_point t);
// The reverse; throws athil_error(bad_input) for text of another form.
std::chrono::system_clock::time_point time_from_iso8601(std::string_view text);

} // namespace athil::report
