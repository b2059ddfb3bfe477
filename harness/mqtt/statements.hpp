#pragma once
// The client-side normative statements of MQTT 3.1.1 ([MQTT-x.y.z-n], OASIS standard), each
// with how the harness covers it. This table is the data behind docs/MQTT-COVERAGE.md (written
// by the mqtt_coverage tool, checked by a test) and the summaries the wire monitor prints.
// Statements that bind only the server are listed by id in server_only_statements(): the
// module is a client, so they are out of scope, not forgotten.

#include <span>
#include <string_view>

namespace athil::mqtt {

enum class coverage {
    monitor,        // the wire monitor checks it on every packet of every section-3 case
    cases,          // named section-3 case(s) check it; `where` lists them
    open,           // observable from outside, but no check exists yet; `where` says what it needs
    not_observable, // the module's traffic cannot show it; `where` says why
    not_applicable, // the module never does what it governs; `where` says why
};

const char* to_string(coverage c) noexcept;

struct statement {
    std::string_view id;      // "MQTT-3.3.1-2", or "§2" for the unnumbered well-formedness rule
    std::string_view summary; // what it requires, in one line
    coverage how = coverage::monitor;
    // monitor: the cases that check it too (may be empty); cases: the case names
    // (gtest patterns, comma separated); the other categories: the reason.
    std::string_view where;
    std::string_view mqtt31; // how MQTT 3.1 differs, empty when it does not
};

std::span<const statement> client_statements() noexcept;

// The statement with this id, or null.
const statement* find_statement(std::string_view id) noexcept;

// Ids of the statements that bind only a server.
std::span<const std::string_view> server_only_statements() noexcept;

} // namespace athil::mqtt
