// athil at: send AT commands to a module with the harness's framing and show what came back,
// parsed the way the suites see it, with round-trip times. The tool people reach for at a rack.
#include "harness/core/error.hpp"
#include "harness/dut/dut_connection.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/runner/commands.hpp"
#include "harness/runner/simulator_options.hpp"
#include "harness/session/module_session.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>

namespace athil::runner {
namespace {

struct at_options {
    std::string dut = "sim";
    std::vector<std::string> commands;
    std::vector<std::string> sim_args;
    int repeat = 1;
    bool no_handshake = false;
    bool verbose = false;
    std::filesystem::path inventory; // with it, --dut is a DUT id of the rack
    std::string wait;                // --wait for a DUT that another run holds
};

double ms(std::chrono::microseconds t) {
    return static_cast<double>(t.count()) / 1000.0;
}

// Nearest-rank percentile of sorted samples (p in 0..100).
std::chrono::microseconds percentile(const std::vector<std::chrono::microseconds>& sorted,
                                     unsigned p) {
    const auto rank = (sorted.size() * p + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

void print_response(session::module_session& s, const session::at_response& r, std::ostream& out) {
    out << "> " << s.log().printable(r.command) << '\n'
        << "  echo:  " << (r.echoed ? "yes" : "no") << '\n';
    for (const auto& line : r.lines) {
        out << "  line:  " << s.log().printable(line) << '\n';
    }
    out << "  final: " << r.final_text() << '\n';
    if (r.overlong()) {
        out << "  error: over-long answer: a line longer than " << r.overlong_limit
            << " bytes (only its start is shown)\n";
    }
}

// Every try of one command; prints the first answer and any later one that differs.
bool run_one(session::module_session& s, const std::string& command, int repeat,
             std::ostream& out) {
    std::vector<std::chrono::microseconds> times;
    std::optional<session::at_response> first;
    bool all_ok = true;
    for (int i = 0; i < repeat; ++i) {
        auto r = s.command(command);
        all_ok = all_ok && r.ok() && !r.overlong();
        times.push_back(r.elapsed);
        if (!first) {
            print_response(s, r, out);
            first = r;
        } else if (r.lines != first->lines || r.final != first->final) {
            out << "  try " << i + 1 << " answered differently:\n";
            print_response(s, r, out);
        }
    }
    std::sort(times.begin(), times.end());
    out << std::fixed << std::setprecision(3);
    if (times.size() == 1) {
        out << "  round trip: " << ms(times.front()) << " ms\n";
    } else {
        out << "  round trip over " << times.size() << " tries: median "
            << ms(percentile(times, 50)) << " ms, p99 " << ms(percentile(times, 99)) << " ms, min "
            << ms(times.front()) << " ms, max " << ms(times.back()) << " ms\n";
    }
    return all_ok;
}

int run_at(const at_options& options) {
    at_options o = options;
    link::lock_file held; // the rack DUT's lock, for as long as the commands go
    try {
        if (!o.inventory.empty()) {
            const auto inventory = dut::load_inventory(o.inventory);
            const auto& d = dut::find_dut(inventory, o.dut);
            held = dut::lock_dut(d, link::parse_wait_duration(o.wait.empty() ? "0" : o.wait),
                                 std::cerr);
            o.dut = d.link_with_baud();
            o.sim_args.insert(o.sim_args.end(), d.sim_args.begin(), d.sim_args.end());
        } else if (!o.wait.empty()) {
            throw athil_error(errc::bad_input, "--wait waits for a rack DUT that another run "
                                               "holds; give --inventory and --dut ID");
        }
    } catch (const athil_error& e) {
        std::cerr << "athil at: " << e.what() << "\n";
        return 2;
    }
    dut::dut_connection dut;
    std::unique_ptr<session::module_session> s;
    try {
        dut::dut_options d;
        d.sim_args = o.sim_args;
        if (o.verbose) {
            d.live = &std::cerr;
        }
        dut = dut::connect_dut(o.dut, d, deadline_in(std::chrono::seconds(20)));
        s = std::make_unique<session::module_session>(std::move(dut.link));
        if (!o.no_handshake) {
            s->enter_command_mode();
        }
    } catch (const std::exception& e) {
        std::cerr << "athil at: the module at " << o.dut << " is not usable: " << e.what() << "\n";
        return 2;
    }
    bool all_ok = true;
    try {
        for (const auto& c : o.commands) {
            all_ok = run_one(*s, c, o.repeat, std::cout) && all_ok;
        }
    } catch (const athil_error& e) {
        std::cerr << "athil at: " << e.what() << "\n";
        return 2;
    }
    return all_ok ? 0 : 1;
}

} // namespace

void add_at_command(CLI::App& app) {
    auto o = std::make_shared<at_options>();
    auto* at = app.add_subcommand(
        "at",
        "Send AT commands with the harness's framing (entering command mode with +++ first), "
        "print each parsed answer (echo, lines, final result) and round-trip times. Exit 0 "
        "every answer OK, 1 an ERROR/+CME ERROR/timeout/over-long line, 2 module not reachable. "
        "Passwords and keys are printed as ******.");
    at->footer("Examples:\n"
               "  athil at 'AT+MQTTCFG?'                          # the built-in simulator\n"
               "  athil at --dut serial:/dev/ttyUSB0@115200 'AT+VER?' 'AT+MQTTSTA?'\n"
               "  athil at --dut tcp:10.0.0.7:4001 --repeat 100 'AT+MQTTCFG?'  # median, p99\n"
               "  athil at --no-handshake 'AT+CSQ?'              # already in command mode\n"
               "  athil at --quirk keepalive-default-30 'AT+MQTTCFG?'   # a wrong simulator\n"
               "  athil at -v 'AT+MQTTPSW=secret'                # every byte on stderr\n"
               "  athil at --inventory rack.yaml --dut gm5-slot1 --wait 5m 'AT+VER?'");
    at->add_option("commands", o->commands, "AT commands, e.g. 'AT+MQTTCFG?' (quote them)")
        ->required();
    at->add_option("--dut", o->dut,
                   "sim | serial:PATH[@BAUD] | tcp:HOST:PORT | rfc2217:HOST:PORT; with "
                   "--inventory: a DUT id of the rack")
        ->capture_default_str();
    at->add_option("--inventory", o->inventory,
                   "rack.yaml (docs/INVENTORY.md): --dut names one of its DUTs, whose lock is "
                   "taken while the commands run")
        ->check(CLI::ExistingFile);
    at->add_option("--wait", o->wait,
                   "with --inventory: wait up to DURATION (30s, 5m) for a DUT another run holds");
    at->add_option("--repeat", o->repeat, "send each command N times; prints median and p99")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    at->add_flag("--no-handshake", o->no_handshake,
                 "do not send +++ first (the module is already in command mode)");
    at->add_flag("-v,--verbose", o->verbose, "print every byte both ways on stderr");
    add_simulator_options(*at, o->sim_args);
    at->callback([o] {
        const int code = run_at(*o);
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

} // namespace athil::runner
