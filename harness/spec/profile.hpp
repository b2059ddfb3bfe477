#pragma once
// A firmware profile: how one firmware build differs from the reference model, as data
// (suites/profiles/*.yaml). Pins turn the manual's open points into exact expectations; known
// deviations turn the failure of a named case into "known deviation: <clause>: <reason>".

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::spec {

enum class error_style {
    cme,   // +CME ERROR:<n> with the pinned codes
    plain, // ERROR
    any,   // either form, any code: the manual's own minimum
};

struct error_expectation {
    error_style style = error_style::any;
    std::optional<int> unknown_command;   // code for an unknown command or missing form
    std::optional<int> invalid_parameter; // code for a rejected parameter
};

struct timing {
    std::chrono::milliseconds command_timeout{3000};
    std::chrono::milliseconds restart_timeout{15000}; // AT+S/AT+Z/AT+CLEAR until the banner
    std::chrono::milliseconds guard_time{250};        // silence around +++
    std::chrono::milliseconds quiet_time{400};        // "no answer" windows (empty line, data)
    std::chrono::seconds reconnect_bound{30};         // MQTT back after a loss (section 3)
};

struct deviation {
    std::string id; // "E.1", or the firmware's own label
    std::string clause;
    std::string reason;
    std::vector<std::string> cases; // gtest-style patterns: "S2_19_SSLCRT.TestForm", "*.Foo*"
    // MQTT statement ids ("MQTT-3.3.1-2") the wire monitor may find broken: such a deviation
    // covers only those violations, in the cases above (every case when `cases` is empty).
    std::vector<std::string> statements;
    std::string file;
    int line = 0;

    bool covers(std::string_view full_case_name) const;
};

struct profile {
    std::string name;
    std::string description;
    std::string firmware; // the build it describes, free text
    error_expectation errors;
    bool echo_default = true;
    bool mqttsta_quoted = true;
    unsigned pubtp_fields = 6;          // fields of an AT+MQTTPUBTP slot line: 5 or 6
    std::string boot_banner = "WH-GM5"; // ECMAScript regex searched in the banner line
    timing times;
    std::vector<deviation> deviations;
    std::string file;

    // The deviation that covers a failing case, if any (deviations with statements excluded).
    const deviation* deviation_for(std::string_view full_case_name) const;
    // The deviation that tolerates the wire monitor's finding `statement` in a case, if any.
    const deviation* statement_deviation(std::string_view full_case_name,
                                         std::string_view statement) const;
};

// Matches a gtest-style pattern: '*' any run, '?' one character.
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace athil::spec
