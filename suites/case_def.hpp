#pragma once
// One generated conformance case: its name (clause + check), where it comes from, and the body
// that runs it against the module through a case_context.

#include "harness/spec/model.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace athil::suites {

class case_context;

// What a case needs from the module when it starts; the runner restarts only when the module
// is not there yet (run_environment::ready_for).
enum class start_need {
    // Freshly booted at factory defaults, saved and running (an AT+CLEAR when unsure).
    clean_boot,
    // Running settings at their factory values are enough: the case configures and saves
    // (AT+S) before it restarts or reads anything a boot sets up, so the settings a previous
    // case saved and the connection it left running never reach its verdict.
    factory_settings,
    // Running settings at factory values and no previous case's connection; saved settings
    // may differ (a previous AT+S case's), except the one named by case_def::reads_saved.
    running_settings,
};

// A restart that several cases verify together (one AT+Z checks every command's unsaved value is
// gone, one AT+S that every command's saved value survives). The runner runs the `arrange`
// steps of every selected case with the same key, one restart, then each case's `verify`; each
// case keeps its own verdict and evidence. A case that fails there, or every case when the
// restart fails, is run again alone with its `body` (arrange, restart, verify), and that is its
// verdict. `--isolated` runs every case alone.
struct shared_restart {
    std::string key;                  // "AT+Z": the cases that share one restart
    bool save = false;                // AT+S (true) or AT+Z
    std::vector<std::string> changes; // the commands `arrange` sets (for the runner's cleanup)
    std::function<void(case_context&)> arrange; // before the restart, in command mode
    std::function<void(case_context&)> verify;  // after it, in command mode
};

struct case_def {
    std::string suite;  // "S2_3_MQTTPUBTP": section, clause and command, no '_' inside parts
    std::string name;   // "SetRejectsQos3"
    std::string clause; // "2.3"
    spec::source_tag tag = spec::source_tag::manual;
    std::string command; // "MQTTPUBTP", empty for behaviour checks
    std::string check;   // behaviour checks: the implementation that runs it ("TlsOutcome")
    std::string summary; // one line: what it checks
    std::string file;    // the spec entry it was generated from
    int line = 0;
    std::function<void(case_context&)> body;
    start_need needs = start_need::clean_boot;
    std::string reads_saved; // a command whose saved value the verdict reads (after AT+Z)
    std::shared_ptr<const shared_restart> batch; // set when the case can share its restart
    // The case neither restarts nor reads a setting of another command, so it may start while
    // a previous case's value, which only a restart puts back, is still running
    // (run_environment::running_changes); `reads_default`: unless that is its own command's.
    bool keeps_running_changes = false;
    bool reads_default = false;
    // A section-3 check that may work on the connection a previous case left running with the
    // same saved settings (live_connection.hpp); cases of one `share_group` run one after another.
    bool may_share = false;
    std::string share_group;

    std::string full_name() const { return suite + "." + name; }
};

using case_list = std::vector<case_def>;

// A case generated from a command's spec entry (suite, clause, command and source filled in).
case_def command_case(const spec::command& cmd, std::string name, std::string summary,
                      spec::source_tag tag, std::function<void(case_context&)> body);

// "2.3" + "MQTTPUBTP" -> "S2_3_MQTTPUBTP"; "1.1" + "Framing" -> "S1_1_Framing"; "S" + "E" ->
// "SS_E".
std::string suite_name(std::string_view clause, std::string_view what);

} // namespace athil::suites
