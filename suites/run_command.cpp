#include "suites/run_command.hpp"

#include "harness/core/error.hpp"
#include "harness/report/case_keys.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/case_catalog.hpp"
#include "suites/dut_connection.hpp"
#include "suites/gtest_cases.hpp"
#include "suites/mqtt/mqtt_checks.hpp"
#include "suites/mqtt/rig.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

namespace athil::suites {
namespace {

struct loaded {
    run_environment env;
    case_list cases;
    std::string gtest_filter = "*";
};

// Data first: a malformed spec or profile stops the run before any case (exit code 2).
void load(const run_options& o, loaded& out) {
    const auto dir = o.suites_dir.empty() ? default_suites_dir() : o.suites_dir;
    auto manual = spec::load_manual(dir / "spec");
    out.env.profile = spec::load_profile(spec::find_profile(o.profile, {dir / "profiles"}));
    out.env.manual = apply_profile(std::move(manual), out.env.profile);
    out.cases = build_cases(out.env.manual);
    if (is_clause_filter(o.filter)) {
        out.cases = select_clauses(std::move(out.cases), o.filter);
    } else if (!o.filter.empty()) {
        out.gtest_filter = o.filter;
    }
}

void print_counts(const loaded& l, std::ostream& out) {
    const auto& p = l.env.profile;
    out << "profile " << p.name << " (" << p.file << "): " << p.description << "\n";
    for (const auto& d : p.deviations) {
        out << "  known deviation " << d.id << " [" << d.clause << "]: " << d.reason << "\n";
    }
    std::size_t total = 0;
    for (const auto& s : count_by_section(l.env.manual, l.cases)) {
        if (s.cases > 0) {
            out << "  section " << s.section << " " << s.title << ": " << s.cases << " cases\n";
            total += s.cases;
        }
    }
    out << "  total: " << total << " cases\n";
}

session::session_options session_options_for(const spec::profile& p) {
    session::session_options s;
    s.command_timeout = p.times.command_timeout;
    s.guard_time = p.times.guard_time;
    s.restart_timeout = p.times.restart_timeout;
    return s;
}

std::vector<std::string> gtest_args(const run_options& o, const loaded& l) {
    std::vector<std::string> args{"athil-run", "--gtest_filter=" + l.gtest_filter};
    if (o.shuffle) {
        args.emplace_back("--gtest_shuffle");
    }
    if (o.seed) {
        args.push_back("--gtest_random_seed=" + std::to_string(*o.seed));
    }
    if (!o.report_dir.empty()) {
        args.push_back("--gtest_output=xml:" + o.report_dir + "/junit.xml");
    }
    return args;
}

// Brokers and taps for the section-3 checks, only when one is selected; the simulator learns
// their host names from the --resolve arguments, so the rig starts before it.
void start_mqtt_rig(const run_options& o, loaded& l, std::vector<std::string>& sim_args) {
    case_list selected;
    for (const auto& c : l.cases) {
        if (matches_gtest_filter(c.full_name(), l.gtest_filter)) {
            selected.push_back(c);
        }
    }
    if (!mqtt::needs_rig(selected)) {
        return;
    }
    l.env.rig = std::make_shared<mqtt::mqtt_rig>(mqtt::rig_options{o.broker_host});
    if (o.dut == "sim") {
        const auto resolve = l.env.rig->sim_args();
        sim_args.insert(sim_args.end(), resolve.begin(), resolve.end());
    }
}

int run_cases(const run_options& o, loaded& l) {
    std::vector<std::string> sim_args = o.sim_args;
    if (o.dut == "sim") {
        sim_args.push_back("--boot-ms=" + std::to_string(o.boot_ms));
    }
    dut_connection dut;
    try {
        start_mqtt_rig(o, l, sim_args);
        dut = connect_dut(o.dut, sim_args, deadline_in(std::chrono::seconds(20)));
        l.env.session = std::make_unique<session::module_session>(
            std::move(dut.link), session_options_for(l.env.profile));
        l.env.prepare();
    } catch (const std::exception& e) {
        std::cerr << "athil run: the module at " << o.dut
                  << " is not usable before the first case: " << e.what() << "\n";
        return 2;
    }
    std::cout << "module: " << dut.description << ", serial number " << l.env.serial_number << "\n";
    register_cases(l.env, l.cases);
    auto args = gtest_args(o, l);
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    int argc = static_cast<int>(argv.size());
    testing::InitGoogleTest(&argc, argv.data());
    // Run-level identity (recorded outside any test) for the report header.
    testing::Test::RecordProperty(std::string(report::keys::firmware), l.env.firmware);
    testing::Test::RecordProperty(std::string(report::keys::serial_number), l.env.serial_number);
    testing::Test::RecordProperty(std::string(report::keys::imei), l.env.imei);
    const int result = RUN_ALL_TESTS();
    const auto& unit = *testing::UnitTest::GetInstance();
    std::cout << "athil run: " << unit.successful_test_count() << " passed, "
              << unit.failed_test_count() << " failed, " << unit.skipped_test_count()
              << " known deviations (profile " << l.env.profile.name << ")\n";
    l.env.session.reset(); // before the simulator goes
    if (!l.env.infrastructure_error.empty()) {
        std::cerr << "athil run: infrastructure failure: " << l.env.infrastructure_error << "\n";
        return 2;
    }
    return result == 0 ? 0 : 1;
}

} // namespace

std::filesystem::path default_suites_dir() {
    if (const char* env = std::getenv("ATHIL_SUITES_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return ATHIL_DEFAULT_SUITES_DIR;
}

int run_suites(const run_options& o) {
    loaded l;
    try {
        load(o, l);
    } catch (const athil_error& e) {
        std::cerr << "athil run: " << e.what() << "\n";
        return 2;
    }
    print_counts(l, std::cout);
    if (o.list) {
        for (const auto& c : l.cases) {
            if (matches_gtest_filter(c.full_name(), l.gtest_filter)) {
                std::cout << c.full_name() << "  [" << c.clause << " " << spec::to_string(c.tag)
                          << "] " << c.summary << "\n";
            }
        }
        return 0;
    }
    return run_cases(o, l);
}

} // namespace athil::suites

namespace athil::cli {

void add_run_command(CLI::App& app) {
    auto options = std::make_shared<suites::run_options>();
    auto* run = app.add_subcommand(
        "run",
        "Run the conformance suites generated from the manual against a module.\n"
        "Examples:\n"
        "  athil run                                   # reference simulator, reference profile\n"
        "  athil run --dut serial:/dev/ttyUSB0@115200 --profile errata-firmware\n"
        "  athil run --filter 2.3,2.19 --report-dir out\n"
        "  athil run --quirk no-echo --filter 1.1     # a deliberately wrong simulator\n"
        "  athil run --list --filter 'S2_3_*.SetRejects*'");
    run->add_option("--dut", options->dut,
                    "sim | serial:PATH[@BAUD] | tcp:HOST:PORT | rfc2217:HOST:PORT")
        ->capture_default_str();
    run->add_option("--profile", options->profile,
                    "firmware profile: a name in profiles/ or a YAML file")
        ->capture_default_str();
    run->add_option("--filter", options->filter,
                    "clause prefixes (2.3,3.1.3,S) or a gtest filter (S2_3_*.SetRejects*)");
    run->add_flag("--list", options->list, "list the selected cases and exit");
    run->add_option("--report-dir", options->report_dir, "write junit.xml into this folder");
    run->add_option("--sim-arg", options->sim_args,
                    "argument passed to `athil sim` (repeatable; write --sim-arg=--quirk=no-echo)");
    run->add_option_function<std::vector<std::string>>(
        "--quirk",
        [options](const std::vector<std::string>& names) {
            for (const auto& n : names) {
                options->sim_args.push_back("--quirk=" + n);
            }
        },
        "simulator quirk (repeatable): shorthand for --sim-arg=--quirk=NAME");
    run->add_option("--broker-host", options->broker_host,
                    "address a real module uses to reach this host's brokers (section 3)");
    run->add_option("--boot-ms", options->boot_ms, "simulator boot time in ms")
        ->capture_default_str();
    run->add_flag("--shuffle", options->shuffle, "run the cases in random order");
    run->add_option("--seed", options->seed, "random seed for --shuffle");
    run->add_option("--suites-dir", options->suites_dir, "folder holding spec/ and profiles/");
    run->callback([options] {
        const int code = suites::run_suites(*options);
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

void add_list_command(CLI::App& app) {
    auto options = std::make_shared<suites::run_options>();
    auto* list = app.add_subcommand("list", "Sections, clauses and case counts of the suites.\n"
                                            "Example: athil list --profile errata-firmware");
    list->add_option("--profile", options->profile, "firmware profile")->capture_default_str();
    list->add_option("--suites-dir", options->suites_dir, "folder holding spec/ and profiles/");
    list->callback([options] {
        const auto dir =
            options->suites_dir.empty() ? suites::default_suites_dir() : options->suites_dir;
        try {
            auto manual = spec::load_manual(dir / "spec");
            const auto profile =
                spec::load_profile(spec::find_profile(options->profile, {dir / "profiles"}));
            manual = suites::apply_profile(std::move(manual), profile);
            const auto cases = suites::build_cases(manual);
            std::size_t total = 0;
            for (const auto& s : suites::count_by_section(manual, cases)) {
                std::cout << "section " << s.section << "  " << s.title << "\n  clauses:";
                for (const auto& c : s.clauses) {
                    std::cout << " " << c;
                }
                std::cout << "\n  cases: " << s.cases << "\n";
                total += s.cases;
            }
            std::cout << "total: " << total << " cases (profile " << profile.name << ")\n";
        } catch (const athil_error& e) {
            std::cerr << "athil list: " << e.what() << "\n";
            throw CLI::RuntimeError(2);
        }
    });
}

} // namespace athil::cli
