// athil power on|off|cycle|reset ID --inventory rack.yaml: the rack owner's power and reset
// commands of one DUT, run the way a health check runs them (with their timeouts, in a process
// group stopped at the end) and under the DUT's lock, so nobody power-cycles a module under a
// running test.
#include "harness/core/error.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/dut/shell_command.hpp"
#include "harness/runner/commands.hpp"

#include <iostream>
#include <memory>

namespace athil::runner {
namespace {

struct power_options {
    std::string action; // on, off, cycle, reset
    std::string id;
    std::filesystem::path inventory;
    std::string wait;
};

struct power_step {
    const char* name; // as in the inventory: power_on, power_off, reset
    const std::optional<dut::shell_command>* command;
};

std::vector<power_step> steps_for(const std::string& action, const dut::inventory_dut& d) {
    if (action == "on") {
        return {{"power_on", &d.power_on}};
    }
    if (action == "off") {
        return {{"power_off", &d.power_off}};
    }
    if (action == "cycle") {
        return {{"power_off", &d.power_off}, {"power_on", &d.power_on}};
    }
    return {{"reset", &d.reset}};
}

int run_power(const power_options& o) {
    try {
        const auto inventory = dut::load_inventory(o.inventory);
        const auto& d = dut::find_dut(inventory, o.id);
        const auto steps = steps_for(o.action, d);
        for (const auto& s : steps) {
            if (!s.command->has_value()) {
                throw athil_error(errc::bad_input, "DUT " + d.id + " has no " + s.name +
                                                       " command in " + o.inventory.string());
            }
        }
        const auto lock =
            dut::lock_dut(d, link::parse_wait_duration(o.wait.empty() ? "0" : o.wait), std::cerr);
        for (const auto& s : steps) {
            const auto& c = **s.command;
            // The command's output goes to this terminal; its text is not printed (it may
            // carry a PDU's credentials).
            const auto outcome =
                dut::run_shell_command(c, {}, {{"ATHIL_DUT_ID", d.id}, {"ATHIL_DUT_LINK", d.link}});
            std::cout << "power " << o.action << " " << d.id << ": " << s.name << ": "
                      << outcome.describe() << std::endl;
            if (outcome.timed_out) {
                std::cerr << "athil power: the " << s.name << " command of DUT " << d.id
                          << " did not end within its timeout of " << c.timeout.count()
                          << " ms; it was stopped with every program it started\n";
                return 2;
            }
            if (!outcome.ok()) {
                std::cerr << "athil power: the " << s.name << " command of DUT " << d.id
                          << " failed (" << outcome.describe() << ")\n";
                return 2;
            }
        }
    } catch (const athil_error& e) {
        std::cerr << "athil power: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

} // namespace

void add_power_command(CLI::App& app) {
    auto o = std::make_shared<power_options>();
    auto* power = app.add_subcommand(
        "power", "Run a rack DUT's power or reset command from the inventory (with its timeout, "
                 "holding the DUT's lock). Exit 0 done, 2 the command failed or timed out, the "
                 "DUT is held by another run, or the input is wrong.");
    power->footer("Examples:\n"
                  "  athil power cycle gm5-slot1 --inventory rack.yaml   # power_off, power_on\n"
                  "  athil power reset gm5-slot1 --inventory rack.yaml --wait 5m");
    power->add_option("action", o->action, "on | off | cycle (off, then on) | reset")
        ->required()
        ->check(CLI::IsMember({"on", "off", "cycle", "reset"}));
    power->add_option("id", o->id, "the DUT's id in the inventory")->required();
    power->add_option("--inventory", o->inventory, "rack.yaml (docs/INVENTORY.md)")
        ->required()
        ->check(CLI::ExistingFile);
    power->add_option("--wait", o->wait,
                      "wait up to DURATION (30s, 5m) for a DUT another run holds");
    power->callback([o] {
        const int code = run_power(*o);
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

} // namespace athil::runner
