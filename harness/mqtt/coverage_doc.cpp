#include "harness/mqtt/coverage_doc.hpp"

#include "harness/mqtt/statements.hpp"

#include <array>
#include <cstdio>

namespace athil::mqtt {
namespace {

constexpr std::array categories{coverage::monitor, coverage::cases, coverage::open,
                                coverage::not_observable, coverage::not_applicable};

std::string percent(std::size_t n, std::size_t total) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f %%",
                  total == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(total));
    return buf;
}

// A table cell: a '|' would end the cell.
std::string cell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
    return out;
}

} // namespace

std::string coverage_markdown() {
    const auto rows = client_statements();
    std::array<std::size_t, categories.size()> count{};
    for (const auto& s : rows) {
        ++count[static_cast<std::size_t>(s.how)];
    }
    const std::size_t checked = count[0] + count[1];
    std::string out;
    out += "# MQTT 3.1.1 client statements: coverage\n\n";
    out += "Generated from `harness/mqtt/statement_table.cpp` by "
           "`build/dev/harness/mqtt/athil_mqtt_coverage > docs/MQTT-COVERAGE.md`; the test "
           "`MqttCoverage.CommittedDocIsCurrent` fails while this file is stale. Do not edit it "
           "by hand.\n\n";
    out += "Every normative statement of MQTT 3.1.1 (OASIS, `[MQTT-x.y.z-n]`) that binds a "
           "client, and how athil covers it:\n\n";
    out += "- **monitor**: the wire monitor (`harness/mqtt/wire_monitor.hpp`) checks it on "
           "every packet of every section-3 case, both directions (on plain MQTT connections: a "
           "TLS connection is encrypted, the tap reads only its ClientHello); a violation fails "
           "the case and names the statement (a profile may list the id under a deviation's "
           "`statements:` to report it as a known deviation).\n";
    out += "- **case**: the named section-3 case(s) check it.\n";
    out += "- **open**: the module's traffic could show it, but no check exists yet.\n";
    out += "- **not observable**: nothing outside the module can show it.\n";
    out += "- **not applicable**: the module never does what it governs.\n\n";
    out += "| category | statements | share |\n|---|---:|---:|\n";
    for (std::size_t i = 0; i < categories.size(); ++i) {
        out += std::string("| ") + to_string(categories[i]) + " | " + std::to_string(count[i]) +
               " | " + percent(count[i], rows.size()) + " |\n";
    }
    out += "| **checked (monitor + case)** | " + std::to_string(checked) + " | " +
           percent(checked, rows.size()) + " |\n";
    out += "| total | " + std::to_string(rows.size()) + " | 100.0 % |\n\n";
    out += "Of the statements the module's traffic can show (monitor, case, open), " +
           std::to_string(checked) + " of " + std::to_string(checked + count[2]) + " (" +
           percent(checked, checked + count[2]) + ") are checked.\n\n";
    out += "`§2` is not a numbered statement: it stands for a packet the decoder cannot read at "
           "all (wrong remaining length, missing or extra fields). MQTT 3.1 (`MQIsdp`, level 3) "
           "connections are judged by 3.1 where the last column says it differs.\n\n";
    out += "| statement | requires | covered by | how / why | MQTT 3.1 |\n|---|---|---|---|---|\n";
    for (const auto& s : rows) {
        out += "| " + cell(s.id) + " | " + cell(s.summary) + " | " + to_string(s.how) + " | " +
               cell(s.where) + " | " + cell(s.mqtt31) + " |\n";
    }
    out += "\nStatements that bind only the server, out of scope for a client module: ";
    const auto server = server_only_statements();
    for (std::size_t i = 0; i < server.size(); ++i) {
        out += (i == 0 ? "" : ", ") + std::string(server[i]);
    }
    out += " (" + std::to_string(server.size()) + ").\n\n";
    out += "## Measuring the monitor's cost on a whole run\n\n";
    out += "`ATHIL_WIRE_MONITOR=off` in the environment of `athil run` skips the monitor, only to "
           "time a run without it against one with it (a run without it checks less):\n\n";
    out += "```sh\nATHIL_WIRE_MONITOR=off athil run --filter 3\n```\n\n";
    out += "Per packet, `bench/fixture_costs` measures the monitor against the tap's own decode "
           "(see bench/README.md).\n";
    return out;
}

} // namespace athil::mqtt
