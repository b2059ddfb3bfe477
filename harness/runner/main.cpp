// athil: MQTT AT conformance harness for ASR1606 Cat-1 modules.
#include "harness/core/version.hpp"
#include "harness/runner/commands.hpp"
#include "harness/runner/report_command.hpp"

#include <array>
#include <exception>
#include <iostream>
#include <string>

namespace {

// One subcommand per line, so adding one is a one-line change.
// clang-format off
constexpr std::array registrars{
    &athil::runner::add_sim_command,
    &athil::runner::add_run_command,
    &athil::runner::add_list_command,
    &athil::runner::add_at_command,
    &athil::runner::add_rack_command,
    &athil::runner::add_power_command,
    &athil::report::add_report_command,
    &athil::runner::add_history_command,
    &athil::runner::add_version_command,
};
// clang-format on

// The subcommand the user was in, for the hint after an option error: "athil run --help".
std::string help_hint(const CLI::App& app) {
    for (const auto* sub : app.get_subcommands()) {
        std::string hint = "athil " + sub->get_name();
        for (const auto* nested : sub->get_subcommands()) {
            hint += " " + nested->get_name();
        }
        return hint + " --help";
    }
    return "athil --help";
}

} // namespace

// Exit codes are 0, 1 and 2 only (README): an option error is bad input, so 2, with CLI11's
// sentence and where to read more, never CLI11's own codes (105 for a value out of range).
int main(int argc, char** argv) {
    CLI::App app{"athil - conformance harness for the MQTT AT command set of ASR1606 Cat-1 "
                 "modules (WH-GM5, WH-GM800, WH-LTE-7S0/751)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(athil::core::version()),
                         "print athil's version and exit");
    for (const auto add : registrars) {
        add(app);
    }
    // CLI11 would answer a misspelt command with "A subcommand is required".
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
        known = known || (argc > 1 && sub->get_name() == argv[1]);
    }
    if (argc > 1 && argv[1][0] != '-' && !known) {
        std::cerr << "athil: unknown command '" << argv[1] << "'; the commands are " << names
                  << " (see athil --help)\n";
        return 2;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code(); // a command's own verdict: 1 or 2, already explained
    } catch (const CLI::ParseError& e) {
        std::cerr << "athil: " << e.what() << "\n(see " << help_hint(app) << ")\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "athil: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
