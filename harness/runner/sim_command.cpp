// `athil sim`: command-line face of fixtures/sim/simulator.hpp.
#include "fixtures/sim/quirks/parse_quirks.hpp"
#include "fixtures/sim/simulator.hpp"
#include "harness/runner/commands.hpp"
#include "harness/runner/run_command.hpp"
#include "harness/spec/timing_profile_loader.hpp"

#include <iostream>
#include <memory>

namespace athil::runner {
namespace {

struct sim_args {
    sim::simulator_options options;
    std::string state_file;
    std::string log_file;
    unsigned boot_ms = 300;
    std::vector<std::string> resolve;
    std::vector<std::string> quirks; // names as given; parsed here, the only place
    bool list_quirks = false;
    std::string timing; // a timing profile, name or file; empty: --boot-ms and --baud alone
    bool boot_ms_given = false;
    bool baud_given = false;
};

// The timing profile's numbers, except where --boot-ms or --baud were given explicitly.
void apply_timing(const sim_args& args, sim::simulator_options& options) {
    const auto t = spec::load_timing_profile(args.timing, default_suites_dir());
    if (!args.boot_ms_given) {
        options.boot_time = t.boot;
    }
    if (!args.baud_given) {
        options.baud = t.baud;
    }
    options.registration = t.registration;
    options.at_latency = t.at_latency;
    options.uplink = {t.uplink_latency, t.uplink_jitter, t.seed};
}

void run(const sim_args& args) {
    if (args.list_quirks) {
        sim::print_quirks(std::cout);
        return;
    }
    auto options = args.options;
    options.boot_time = std::chrono::milliseconds(args.boot_ms);
    if (!args.state_file.empty()) {
        options.state_file = args.state_file;
    }
    if (!args.log_file.empty()) {
        options.log_file = args.log_file;
    }
    try {
        if (!args.timing.empty()) {
            apply_timing(args, options);
        }
        options.quirks = sim::parse_quirks(args.quirks);
        for (const auto& r : args.resolve) {
            sim::add_resolve_entry(options.resolve, r);
        }
        sim::run_simulator(options, std::cout);
    } catch (const std::exception& e) {
        // Bad options, a pty or port that cannot be had: say so, exit 2 (infrastructure).
        std::cerr << "athil sim: " << e.what() << "\n";
        throw CLI::RuntimeError(2);
    }
}

} // namespace

void add_sim_command(CLI::App& app) {
    auto args = std::make_shared<sim_args>();
    auto* sim = app.add_subcommand(
        "sim",
        "Run the reference module simulator: an ASR1606 module as MANUAL.md describes it.\n"
        "It serves a serial line and prints one line saying where, then runs until SIGTERM or\n"
        "SIGINT. Talk to it like a module, e.g.:\n"
        "  athil sim                      # prints: PTY /dev/pts/7\n"
        "  picocom -b 115200 /dev/pts/7   # type AT+WKMOD? and Enter\n"
        "It boots in data mode (factory mode NET): send +++ after 200 ms of silence, answer a\n"
        "to its a, and it says +ok and takes commands.");
    auto& o = args->options;
    sim->add_option("--link", o.link,
                    "Where to serve: pty (prints 'PTY <path>'), tcp:PORT (one client at a time on "
                    "127.0.0.1; 0 picks a port, prints 'TCP <port>') or stdio")
        ->capture_default_str();
    auto* baud = sim->add_option("--baud", o.baud,
                                 "Pace the serial line (output and input) at N baud 8N1 "
                                 "(0 = unthrottled; overrides --timing)")
                     ->capture_default_str();
    sim->add_option("--sn", o.id.serial_number, "Serial number (AT+SN, default client id)")
        ->capture_default_str();
    sim->add_option("--imei", o.id.imei, "IMEI (AT+IMEI)")->capture_default_str();
    sim->add_option("--iccid", o.id.iccid, "ICCID (AT+ICCID)")->capture_default_str();
    sim->add_option("--model", o.id.model, "Model name printed in the boot banner")
        ->capture_default_str();
    sim->add_option("--fw", o.id.firmware, "Firmware version (AT+VER)")->capture_default_str();
    auto* boot = sim->add_option("--boot-ms", args->boot_ms,
                                 "Restart time: silence between a restart's OK and the boot "
                                 "banner (overrides --timing)")
                     ->capture_default_str();
    sim->add_option("--timing", args->timing,
                    "Play a timing profile, a name in suites/timing (realistic: 10 s boot, 3 s "
                    "network registration, 150 +/- 50 ms uplink, 115200 baud) or a YAML file");
    sim->add_option("--state", args->state_file,
                    "JSON file holding the saved parameters (the module's flash); written on "
                    "AT+S. Without it, saved parameters live only as long as the process");
    sim->add_option("--resolve", args->resolve,
                    "HOST=ADDR:PORT: connect to ADDR:PORT when the module asks for HOST "
                    "(repeatable; e.g. to reach a local broker for Alibaba Cloud host names)");
    sim->add_option("--log", args->log_file, "Write a debug log of serial bytes and events");
    sim->add_option("--quirk", args->quirks,
                    "Switch on a named deviation from the manual (repeatable; see --list-quirks)");
    sim->add_flag("--list-quirks", args->list_quirks, "List the known quirks and exit");
    sim->callback([args, boot, baud] {
        args->boot_ms_given = boot->count() > 0;
        args->baud_given = baud->count() > 0;
        run(*args);
    });
}

} // namespace athil::runner
