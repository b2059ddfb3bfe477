// athil: MQTT AT conformance harness for ASR1606 Cat-1 modules.
#include "harness/cli/commands.hpp"
#include "harness/report/report_command.hpp"

#include <array>

namespace {

// One subcommand per line, so adding one is a one-line change.
// clang-format off
constexpr std::array registrars{
    &athil::cli::add_sim_command,
    &athil::cli::add_run_command,
    &athil::cli::add_list_command,
    &athil::cli::add_at_command,
    &athil::report::add_report_command,
};
// clang-format on

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"athil - conformance harness for the MQTT AT command set of ASR1606 Cat-1 "
                 "modules (WH-GM5, WH-GM800, WH-LTE-7S0/751)"};
    app.require_subcommand(1);
    for (const auto add : registrars) {
        add(app);
    }
    CLI11_PARSE(app, argc, argv);
    return 0;
}
