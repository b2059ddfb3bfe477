#include "harness/runner/run_command.hpp"

#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"
#include "harness/core/install_paths.hpp"
#include "harness/dut/dut_connection.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/process/child_process.hpp"
#include "harness/report/closing_summary.hpp"
#include "harness/run/report_folder.hpp"
#include "harness/run/run_folder.hpp"
#include "harness/runner/case_filter.hpp"
#include "harness/runner/case_shard.hpp"
#include "harness/runner/gtest/gtest_cases.hpp"
#include "harness/runner/gtest/install.hpp"
#include "harness/runner/gtest/progress_listener.hpp"
#include "harness/runner/history_record.hpp"
#include "harness/runner/rack/merged_report.hpp"
#include "harness/runner/rack/parallel_run.hpp"
#include "harness/runner/rack/rack_worker.hpp"
#include "harness/runner/rack/remembered_health.hpp"
#include "harness/runner/rerun_command.hpp"
#include "harness/runner/rerun_failed.hpp"
#include "harness/runner/simulator_options.hpp"
#include "harness/runner/timing_args.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "harness/spec/timing_profile_loader.hpp"
#include "suites/case_catalog.hpp"
#include "suites/mqtt/mqtt_checks.hpp"
#include "suites/mqtt/rig.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <unistd.h>

namespace athil::runner {

using dut::banner_model;
using dut::connect_dut;
using dut::dut_connection;
using dut::dut_options;
using suites::apply_profile;
using suites::apply_windows;
using suites::build_cases;
using suites::case_list;
using suites::count_by_section;
using suites::derive_windows;
using suites::run_environment;
using suites::timing_windows;
namespace mqtt = suites::mqtt;

namespace {

// How long a stopped run may take to skip its remaining cases and write its reports.
constexpr std::chrono::seconds stop_grace{15};

struct loaded {
    run_environment env;
    case_list cases;      // the selection: --filter, then --shard
    bool offline = false; // a rack DUT that failed its health check
};

// Data first: a malformed spec or profile stops the run before any case (exit code 2).
void load(const run_options& o, loaded& out) {
    const auto dir = o.suites_dir.empty() ? default_suites_dir() : o.suites_dir;
    auto manual = spec::load_manual(dir / "spec");
    out.env.profile = spec::load_profile(spec::find_profile(o.profile, {dir / "profiles"}));
    out.env.timing = spec::load_timing_profile(o.timing.empty() ? "instant" : o.timing, dir);
    // --boot-ms overrides the profile's boot in the simulator: the restart window follows what
    // the simulator plays, not what the profile says.
    auto played = out.env.timing;
    if (o.boot_ms_given) {
        played.boot = std::chrono::milliseconds(o.boot_ms);
    }
    out.env.windows = derive_windows(out.env.profile.times, played, o.timeout_scale);
    out.env.manual = apply_profile(std::move(manual), out.env.profile);
    out.cases = select_cases(build_cases(out.env.manual), parse_case_filter(o.filter));
    if (!o.shard.empty()) {
        const auto shard = parse_shard(o.shard);
        const auto durations =
            o.durations.empty() ? case_durations{} : durations_from_results(o.durations);
        out.cases = select_shard(out.cases, shard, durations);
    }
}

void print_counts(const loaded& l, std::ostream& out) {
    const auto& p = l.env.profile;
    out << "profile " << p.name << " (" << p.file << "): " << p.description << "\n";
    for (const auto& d : p.deviations) {
        out << "  known deviation " << d.id << " [" << d.clause << "]: " << d.reason << "\n";
    }
    for (const auto& s : count_by_section(l.env.manual, l.cases)) {
        if (s.cases > 0) {
            out << "  section " << s.section << " " << s.title << ": " << s.cases << " cases\n";
        }
    }
    out << "  total: " << l.cases.size() << " cases\n";
}

std::chrono::milliseconds scaled(std::chrono::milliseconds t, double scale) {
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(
        std::ceil(static_cast<double>(t.count()) * scale)));
}

// --timeout-scale stretches every wait for an answer; the guard time is the manual's protocol
// timing (silence that makes +++ an escape), so it stays as the profile says. The windows come
// from suites/timing_windows (the firmware profile, the timing profile and the scale).
session::session_options session_options_for(const spec::profile& p, const timing_windows& w) {
    session::session_options s;
    s.command_timeout = w.command;
    s.guard_time = p.times.guard_time;
    s.restart_timeout = w.restart;
    s.handshake_timeout = w.handshake;
    return s;
}

std::vector<std::string> gtest_args(const run_options& o) {
    std::vector<std::string> args{"athil-run"};
    if (o.shuffle) {
        args.emplace_back("--gtest_shuffle");
    }
    if (o.seed) {
        args.push_back("--gtest_random_seed=" + std::to_string(*o.seed));
    }
    if (o.repeat != 1) {
        args.push_back("--gtest_repeat=" + std::to_string(o.repeat));
    }
    return args;
}

// Brokers and taps for the section-3 checks, only when one is selected; the simulator learns
// their host names from the --resolve arguments, so the rig starts before it.
void start_mqtt_rig(const run_options& o, loaded& l, std::vector<std::string>& sim_args) {
    if (!mqtt::needs_rig(l.cases)) {
        return;
    }
    l.env.rig = std::make_shared<mqtt::mqtt_rig>(mqtt::rig_options{o.broker_host});
    if (o.dut == "sim") {
        const auto resolve = l.env.rig->sim_args();
        sim_args.insert(sim_args.end(), resolve.begin(), resolve.end());
    }
}

report::run_metadata metadata_for(const run_options& o, const run_environment& env) {
    const auto& p = env.profile;
    report::run_metadata m;
    m.dut_link = o.dut;
    m.profile = p.name;
    m.timing = env.timing.name;
    m.command_line = core::shell_quoted(reported_arguments());
    m.rerun_command = core::shell_quoted(rerun_arguments(o));
    if (o.dut == "sim") {
        m.simulator_args = o.sim_args;
        append_timing_args(o, env.timing, m.simulator_args);
        m.quirks = quirks_in(o.sim_args);
    }
    for (const auto& d : p.deviations) {
        m.deviations.push_back({d.id, d.clause, d.reason});
    }
    return m;
}

dut_options dut_options_for(const run_options& o, const run_environment& env,
                            const std::filesystem::path& reports) {
    dut_options d;
    d.sim_args = o.sim_args;
    if (o.dut == "sim") {
        append_timing_args(o, env.timing, d.sim_args);
        if (o.keep) {
            std::filesystem::create_directories(reports / "logs");
            d.sim_log = reports / "logs" / "simulator.log";
        }
    }
    if (o.verbose) {
        d.live = &std::cerr;
    }
    return d;
}

// A rack DUT (`rack` set): AT must be answered first, with the inventory's reset and power
// commands as the escalation; an offline DUT leaves a report saying so and exit code 2.
bool open_session(const run_options& o, loaded& l, const dut::inventory_dut* rack,
                  const std::filesystem::path& reports, const dut_options& options,
                  dut_connection& dut) {
    const auto session_options = session_options_for(l.env.profile, l.env.windows);
    if (rack == nullptr) {
        dut = connect_dut(o.dut, options,
                          deadline_in(scaled(std::chrono::seconds(20), o.timeout_scale)));
        l.env.session =
            std::make_unique<session::module_session>(std::move(dut.link), session_options);
        return true;
    }
    auto plan = rack::plan_for(*rack, o.timeout_scale, reports);
    plan.session = session_options;
    plan.connect = [&](deadline until) {
        return connect_dut(o.dut, options, until);
    };
    auto health = rack::check_health(plan);
    std::cout << "health of " << rack->id << ": " << health.summary() << "\n";
    if (!health.port_busy) {
        // A port held by another program is not the module's health, and must not keep the
        // DUT out of the next runs.
        rack::remember_health_of(*rack, health.online, health.summary());
    }
    if (!health.online) {
        l.offline = !health.port_busy;
        auto m = metadata_for(o, l.env);
        m.model = rack->model;
        rack::write_offline_report(reports, std::move(m), health);
        std::cerr << "athil run: DUT " << rack->id << " (" << o.dut
                  << ") is offline: " << health.summary() << "\n";
        return false;
    }
    dut = std::move(health.connection);
    l.env.session = std::move(health.session);
    return true;
}

// Options that contradict each other: each would make the run judge something else than the
// user asked for.
void check_options(const run_options& o) {
    if (o.dut != "sim" && !o.sim_args.empty()) {
        throw athil_error(errc::bad_input,
                          "--quirk and --sim-arg configure the reference simulator, but --dut " +
                              o.dut + " is not the simulator; leave them out");
    }
    if (o.jobs > 1 && o.inventory.empty() && o.dut != "sim") {
        throw athil_error(errc::bad_input,
                          "--jobs starts that many simulators; a real module is one DUT (use "
                          "--inventory for a rack)");
    }
    if (o.jobs > 1 && o.inventory.empty() && !o.shard.empty()) {
        throw athil_error(errc::bad_input, "--jobs and --shard together: give one (--jobs splits "
                                           "this machine's part itself)");
    }
    if (!o.wait.empty() && o.inventory.empty()) {
        throw athil_error(errc::bad_input, "--wait waits for a rack DUT that another run holds; "
                                           "give --inventory (and --dut ID)");
    }
    if (!o.durations.empty() && o.shard.empty()) {
        throw athil_error(errc::bad_input, "--durations balances --shard parts; give --shard too");
    }
}

// A real module reaches the rig's brokers at --broker-host; without it the module would be
// configured with host names only the simulator resolves, and every section 3 case would fail
// as the module's fault after its timeouts.
void check_rig_options(const run_options& o, const case_list& selected) {
    if (o.dut == "sim" || !o.broker_host.empty() || !mqtt::needs_rig(selected)) {
        return;
    }
    std::set<std::string> clauses;
    std::size_t count = 0;
    for (const auto& c : selected) {
        if (mqtt::needs_rig({c})) {
            clauses.insert(c.clause);
            ++count;
        }
    }
    std::string list;
    for (const auto& c : clauses) {
        list += (list.empty() ? "" : ", ") + c;
    }
    throw athil_error(errc::bad_input,
                      std::to_string(count) + " selected cases (clauses " + list +
                          ") need the MQTT rig, and --dut " + o.dut +
                          " is a real module: give --broker-host ADDRESS, the address at which "
                          "the module reaches this machine's brokers (or broker_host in the "
                          "inventory), or leave those clauses out of --filter");
}

// Nothing was judged: the three reports say so, with one rig-error case carrying the reason and
// what the module said (if anything), so the folder never holds a stale or missing report.
int rig_failed(const run_options& o, const loaded& l, const std::filesystem::path& reports,
               const std::string& reason) {
    std::cerr << "athil run: " << reason << "\n";
    auto m = metadata_for(o, l.env);
    m.outcome = report::run_outcome::rig_failed;
    m.outcome_reason = reason;
    m.start_time = std::chrono::system_clock::now();
    const auto said = l.env.session ? l.env.session->log().render() : std::string();
    try {
        rack::write_merged_report(
            reports,
            rack::error_run(std::move(m), "Rig", "BeforeFirstCase", reason,
                            said.empty() ? reason : reason + "\n--- transcript ---\n" + said));
    } catch (const std::exception& e) {
        std::cerr << "athil run: " << e.what() << "\n";
    }
    std::cerr << "athil run: reports in " << reports.string() << "\n";
    return 2;
}

// A stop signal ended the run early: the cases after it were not run. The reports say so in
// their outcome, and one rig-error case makes every JUnit consumer show the run as not green.
void mark_interrupted(report::report_session& report, int signal_number) {
    const auto reason = std::string("stopped by ") + sigabbrev_np(signal_number) +
                        "; the cases after the stop did not run";
    report.metadata().outcome = report::run_outcome::interrupted;
    report.metadata().outcome_reason = reason;
    report.add(report::rig_error_case("Run", "Interrupted", reason));
    std::cerr << "athil run: " << reason << "\n";
}

int run_cases(const run_options& o, loaded& l, const dut::inventory_dut* rack) {
    const auto folder = claim_report_folder(o);
    if (!folder) {
        return 2;
    }
    const auto& reports = folder->path();
    auto options = dut_options_for(o, l.env, reports);
    try {
        start_mqtt_rig(o, l, options.sim_args);
    } catch (const std::exception& e) {
        return rig_failed(o, l, reports,
                          std::string("the MQTT rig (brokers, taps, test PKI) could not start: ") +
                              e.what());
    }
    dut_connection dut;
    try {
        if (!open_session(o, l, rack, reports, options, dut)) {
            return 2;
        }
        l.env.isolated = o.isolated;
        l.env.timeout_scale = o.timeout_scale;
        apply_windows(l.env.profile.times, l.env.windows);
        l.env.prepare();
    } catch (const std::exception& e) {
        return rig_failed(o, l, reports,
                          "the module at " + o.dut +
                              " is not usable before the first case: " + e.what());
    }
    std::cout << "module: " << dut.description << ", serial number " << l.env.serial_number << "\n";
    failure_limit limit{o.maxfail, 0};
    register_cases(l.env, l.cases, {.retries = o.retries, .timelines = o.timelines}, limit);
    auto args = gtest_args(o);
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    int argc = static_cast<int>(argv.size());
    argv.push_back(nullptr); // argv[argc] is read when gtest removes the flags it consumed
    testing::InitGoogleTest(&argc, argv.data());
    // Our printer replaces gtest's: a live status line on a terminal, one numbered line per
    // case in CI logs, each failure followed by every failed check in full.
    report::report_options ro;
    ro.dir = reports;
    ro.metadata = metadata_for(o, l.env);
    ro.tty = report::is_terminal(STDOUT_FILENO);
    auto report = report::install(*testing::UnitTest::GetInstance(), std::move(ro));
    report->metadata().firmware = l.env.firmware;
    report->metadata().serial_number = l.env.serial_number;
    report->metadata().imei = l.env.imei;
    // The boot banner names the model (prepare() restarts the module); else the inventory's.
    report->metadata().model = banner_model(l.env.session->log());
    if (report->metadata().model.empty() && rack != nullptr) {
        report->metadata().model = rack->model;
    }
    const int result = RUN_ALL_TESTS();
    l.env.session.reset(); // before the simulator goes
    if (const int signal_number = process::stop_requested(); signal_number != 0) {
        mark_interrupted(*report, signal_number);
    } else if (limit.reached()) {
        report->metadata().outcome = report::run_outcome::stopped;
        report->metadata().outcome_reason =
            "stopped after " + std::to_string(limit.failures) + " failed cases (--maxfail)";
    }
    report::report_summary summary;
    try {
        summary = report->finish();
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    // The report's counts, not gtest's: gtest calls a flaky case passed and a case the rig
    // could not judge failed.
    report::print_closing_summary(report->result(), std::cout);
    if (!l.env.infrastructure_error.empty() || summary.counts.errors > 0) {
        std::cerr << "athil run: infrastructure failure: "
                  << (l.env.infrastructure_error.empty() ? "a case could not reach the module"
                                                         : l.env.infrastructure_error)
                  << "\n";
        return 2;
    }
    // Every selected case skipped (this rig cannot run them): nothing was judged, so nothing
    // conforms either.
    if (summary.counts.total == summary.counts.skipped) {
        std::cerr << "athil run: no selected case could run on this rig; nothing was judged\n";
        return 2;
    }
    return result == 0 && summary.counts.failed == 0 ? 0 : 1;
}

} // namespace

// The report folder, claimed for this run (harness/run/report_folder.hpp): --report-dir as
// given, else a fresh reports/<UTC timestamp>/ that is never removed: reports are the product of
// a run. Not a run::run_folder: that one also lays out configs/, pki/ and logs/.
run::report_folder make_report_folder(const run_options& o) {
    if (!o.report_dir.empty()) {
        return run::report_folder::claim(o.report_dir, o.replace_reports);
    }
    return run::report_folder::fresh_in("reports");
}

namespace {
std::optional<std::filesystem::path> last_claimed;
} // namespace

std::optional<std::filesystem::path> claimed_report_dir() {
    return last_claimed;
}

std::optional<run::report_folder> claim_report_folder(const run_options& o) {
    try {
        auto folder = make_report_folder(o);
        last_claimed = folder.path();
        return folder;
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return std::nullopt;
    }
}

std::filesystem::path default_suites_dir() {
    if (const char* env = std::getenv("ATHIL_SUITES_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return install::find_installed(install::data_dir).value_or(ATHIL_DEFAULT_SUITES_DIR);
}

// --rerun-failed: this process becomes the earlier run's rerun command for its failed cases.
int rerun_failed(const run_options& o) {
    if (!o.filter.empty() || !o.shard.empty() || o.jobs > 1 || !o.inventory.empty()) {
        std::cerr << "athil run: --rerun-failed selects the cases and the DUT itself; leave out "
                     "--filter, --shard, --jobs and --inventory\n";
        return 2;
    }
    std::vector<std::string> args;
    try {
        args = rerun_failed_arguments(o.rerun_failed, o.report_dir);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    std::cout << "athil run: rerunning: " << core::shell_quoted(args) << std::endl;
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    ::execv(argv.front(), argv.data());
    ::execvp(argv.front(), argv.data()); // a program named without a path, found in PATH
    std::cerr << "athil run: cannot start " << args.front() << ": " << std::strerror(errno) << "\n";
    return 2;
}

// A rack worker's DUT held by another run: the reports say by whom, and nothing else starts.
int dut_refused(const run_options& o, const loaded& l, const std::string& reason) {
    const auto folder = claim_report_folder(o);
    if (!folder) {
        std::cerr << "athil run: " << reason << "\n";
        return 2;
    }
    return rig_failed(o, l, folder->path(), reason);
}

// The rack worker's cases on its DUT, the DUT's lock held throughout; the verdict is remembered
// for `athil rack status`.
int run_locked(const run_options& o, loaded& l, const dut::inventory_dut& rack,
               std::chrono::milliseconds wait) {
    link::lock_file lock;
    try {
        lock = dut::lock_dut(rack, wait, std::cout);
    } catch (const athil_error& e) {
        return dut_refused(o, l, e.what());
    }
    // Stop signals end the run gracefully from here on; before, they end a waiting worker at once.
    process::enable_graceful_stop(stop_grace);
    print_counts(l, std::cout);
    const int code = run_cases(o, l, &rack);
    rack::remember_run_of(rack, code, l.offline);
    return code;
}

int run_suites(const run_options& options) {
    if (!options.rerun_failed.empty()) {
        return rerun_failed(options);
    }
    run_options o = options;
    loaded l;
    std::optional<dut::inventory_dut> rack;
    std::string only_dut; // --inventory with --dut ID: the one DUT of the rack to run on
    std::chrono::milliseconds wait{0};
    try {
        if (!o.rack_dut.empty()) {
            rack = rack::apply_rack_dut(o);
        } else if (!o.inventory.empty() && o.dut_named) {
            only_dut = o.dut;
            o.dut = "sim"; // the rack's parent judges no DUT itself
        }
        if (!o.wait.empty()) {
            wait = link::parse_wait_duration(o.wait);
        }
        // Bad input stops here, before a worker, a simulator or a broker starts.
        check_options(o);
        load(o, l);
        check_rig_options(o, l.cases);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    if (!o.list && !o.inventory.empty() && o.rack_dut.empty()) {
        return rack::run_rack(options, only_dut);
    }
    if (!o.list && rack) {
        return run_locked(o, l, *rack, wait);
    }
    if (!o.list && o.jobs > 1 && o.inventory.empty()) {
        // More workers than cases would leave some with nothing to run.
        o.jobs = static_cast<unsigned>(std::min<std::size_t>(o.jobs, l.cases.size()));
        if (o.jobs > 1) {
            return rack::run_parallel(o);
        }
    }
    // Children (simulator, brokers) go with this process on SIGINT/SIGTERM: a worker stopped by
    // its parent leaves nothing behind. The first signal lets the run end its reports (marked
    // interrupted); a second one, or the grace period passing, ends it at once.
    process::enable_graceful_stop(stop_grace);
    print_counts(l, std::cout);
    if (o.list) {
        for (const auto& c : l.cases) {
            std::cout << c.full_name() << "  [" << c.clause << " " << spec::to_string(c.tag) << "] "
                      << c.summary << "\n";
        }
        return 0;
    }
    return run_cases(o, l, rack ? &*rack : nullptr);
}

} // namespace athil::runner
