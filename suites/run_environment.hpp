#pragma once
// What every generated case of one run shares: the manual as adjusted by the profile, the
// profile, and the session to the module. Cases reach the module only through the session,
// so the same cases run against the simulator and a real module on a serial port.

#include "harness/core/clock.hpp"
#include "harness/report/timeline.hpp"
#include "harness/session/module_session.hpp"
#include "harness/spec/model.hpp"
#include "harness/spec/profile.hpp"
#include "harness/spec/timing_profile.hpp"
#include "suites/case_def.hpp"
#include "suites/live_connection.hpp"
#include "suites/timing_windows.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace athil::suites {

namespace mqtt {
class mqtt_rig; // brokers and taps of the section-3 checks (suites/mqtt/rig.hpp)
}

// The manual with the profile's pins applied (PUBTP field count, MQTTSTA quotes, echo default):
// the checks are generated from this, so a pinned firmware difference is an expectation.
spec::manual apply_profile(spec::manual manual, const spec::profile& profile);

// Where the module stands between cases, as far as the runner knows.
enum class module_state {
    clean_boot,       // booted at factory defaults (after AT+CLEAR)
    factory_settings, // running settings written back to factory values; the saved ones and
                      // the work mode running since the last boot may be a previous case's
    saved_differ,     // running settings factory, booted without a previous case's connection;
                      // the saved settings of `saved_changes` are a previous case's
    unknown,          // a cleanup could not restore everything: only AT+CLEAR is sure
};

struct run_environment {
    spec::manual manual;
    spec::profile profile;
    // How fast the module and its network are (athil run --timing; instant without it): the
    // simulator plays it, and the windows a check waits in follow it.
    spec::timing_profile timing;
    // The windows the checks wait in, derived from the two profiles and --timeout-scale
    // (suites/timing_windows.hpp); the firmware profile's `times` hold the derived bounds too.
    timing_windows windows;
    std::unique_ptr<session::module_session> session;
    std::shared_ptr<mqtt::mqtt_rig> rig; // set when a selected case needs brokers and taps
    std::string firmware;                // AT+VER?, for the report header
    std::string imei;                    // AT+IMEI?
    std::string serial_number;           // AT+SN?, the factory default of AT+MQTTCID
    std::string infrastructure_error;    // set once the rig failed (link gone): exit code 2
    // Factory values the spec leaves open (no default in the manual), as first queried on a
    // factory-fresh module: the baseline for changes and restores of such commands.
    std::map<std::string, std::vector<std::string>> observed_defaults;
    // Every case's timeline (and trace.json) counts time from here: one clock for the serial
    // line, the wire tap, the brokers' logs and the harness's own notes.
    steady_clock::time_point clock_origin = steady_clock::now();
    // What the harness itself notes while a case runs (the observer's traffic, the failed
    // check); the runner moves these into the case's timeline when the case ends.
    std::vector<report::timeline_event> notes;

    std::chrono::microseconds on_clock(steady_clock::time_point t) const;
    void note(report::timeline_source source, std::string kind, std::string text,
              steady_clock::time_point at = steady_clock::now(),
              std::vector<std::pair<std::string, std::string>> details = {});

    // The query lines a factory-fresh module shows: single {"+X:v"}, slots {"+X:", lines...}.
    std::vector<std::string> default_lines(const spec::command& cmd) const;

    // Empty while the rig is healthy; else which of its brokers died without the harness
    // stopping it. A check failing meanwhile is the rig's failure, not the module's.
    std::string rig_failure() const;

    // Reaches command mode on a module that may be in data mode (after a restart).
    void to_command_mode();
    // Known state for the next case: command mode, factory defaults (AT+CLEAR), command mode.
    void recover();
    // Before a case: a clean boot (recover()) only when the module is not where the case needs
    // it to start (case_def::needs); with `isolated` every case gets one. True when it restarted.
    bool ready_for(const case_def& c);
    // Before a shared restart (case_def::batch) of cases that set `commands`: running factory
    // settings and no previous case's connection; with `reads_saved` (AT+Z) also the saved
    // values of `commands` at factory. A clean boot otherwise; true when it restarted.
    bool ready_for_batch(const std::vector<std::string>& commands, bool reads_saved);
    // After a passing section-3 case: the settings it changed (set-form command names) back to
    // factory values without a restart, or recover() when `isolated`.
    // `in_command_mode`: the case left the module there (no +++ and guard time needed).
    void tidy_after_case(const std::vector<std::string>& changed_commands,
                         bool in_command_mode = false);

    // After a passing case that saved its changes with AT+S from running factory settings: the
    // running ones written back, the saved ones left for the runner (recover() when
    // `isolated`).
    void tidy_after_save(const std::vector<std::string>& changed_commands);
    // After a passing case: an AT+Z (`discarded`) brought the saved changes back into the
    // running settings; they are written back.
    void after_case(bool discarded);

    // --isolated: every section-3 case cleans up with AT+CLEAR and a restart, as one world.
    bool isolated = false;
    double timeout_scale = 1.0; // --timeout-scale, for the windows the cases compute themselves
    module_state state = module_state::unknown;
    std::set<std::string> saved_changes; // with module_state::saved_differ
    // Commands whose running value a passing case left changed because only a restart puts it
    // back (an empty Alibaba field, a loaded certificate): the restart waits until a case needs
    // that value (case_def::keeps_running_changes), so one restart serves many cases.
    std::set<std::string> running_changes;
    // Instead of a restart after the case (not with `isolated`).
    void defer_restore(const std::string& command);
    // Before a case that cannot keep running_changes: AT+Z when the saved settings of those
    // commands are factory, else AT+CLEAR. True when it restarted.
    bool restore_running(const case_def& c);
    // AT+Z, and the saved changes it brought back into the running settings written back.
    void restart_without_saving();
    // A connection the next sharing case may use (live_connection.hpp); gone at any restart
    // the runner makes and before any case that does not share.
    std::optional<live_connection> live;
    // Set by a case that used `live` instead of its own AT+S: the case that opened it.
    std::string shared_from;
    // The own-world rerun of a case whose shared attempt failed: no offer is taken.
    bool refuse_sharing = false;
    // True when `c` may find `live` and work on it at `target` (no --isolated, no rerun).
    bool may_share(const case_def& c, std::string_view target) const;
    // Before the first case: command mode, AT+SN?, factory reset. Throws athil_error when the
    // module does not answer (the runner's exit code 2).
    void prepare();
};

} // namespace athil::suites
