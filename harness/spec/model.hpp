#pragma once
// The manual as data: what suites/spec/*.yaml says about each AT command. The loader fills
// these types; the suites generate their checks from them, so a firmware release that changes
// a range or a default is followed by editing YAML, not code.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace athil::spec {

// Where an expectation comes from (MANUAL.md tags): the report tells a manual clause from a
// reference-model decision, so a real module failing an [R] item reads differently.
enum class source_tag { manual, confirmed, reference };

enum class form { test, query, set };

enum class param_type {
    enumeration, // one of `values`
    integer,     // decimal in [min, max]
    string,      // length in bytes in [min, max]
    rest,        // string that takes the rest of the line (may contain commas)
    pem,         // AT+SSLCRT content: PEM text in the vendor's [XX] escape notation
};

struct enum_value {
    std::string value;      // as sent in the set form
    std::string reads_back; // what the query shows; empty = the value itself
};

enum class empty_rule { rejected, accepted, untested };

// A value written in the data: either literal text or `repeat` × `times` (long strings).
struct example_value {
    std::string text;
    std::string label; // CamelCase part of the case name, e.g. "Length128"
};

struct parameter {
    std::string name;
    param_type type = param_type::string;
    std::vector<enum_value> values; // enumeration
    std::int64_t min = 0;           // integer value or string length (bytes)
    std::int64_t max = 0;
    empty_rule empty = empty_rule::rejected; // what an empty value must get
    bool generate_bounds = true;             // derive boundary / one-past values from min, max
    bool optional = false;                   // may be left out at the end of the set form
    std::optional<std::string> omitted_reads_back; // what the query shows when left out
    bool secret = false;                // never printed: redacted in transcripts and reports
    bool slot_index = false;            // selects the slot line of a header+slots query
    std::vector<std::string> pem_kinds; // pem: "certificate" | "private_key" per enum value
                                        // of the preceding parameter
    std::vector<example_value> accept;  // explicit valid values (replace generated bounds)
    std::vector<example_value> reject;  // explicit invalid values (replace generated ones)
    source_tag tag = source_tag::manual;
    std::string note;
};

enum class query_layout { none, single, slots };

struct query_spec {
    query_layout layout = query_layout::none;
    bool bare_form = true;     // AT+X answers the query
    bool question_form = true; // AT+X? answers the query
    unsigned slot_count = 0;   // slots: number of slot lines after the header
    std::string line_pattern;  // read-only values: ECMAScript regex for the whole line
};

struct command {
    std::string name;   // without "AT+", e.g. "MQTTCFG"
    std::string clause; // "2.2", "S"
    std::string title;
    std::vector<form> forms;
    bool missing_forms_rejected = true;   // forms not listed must answer an error
    std::optional<std::string> test_text; // exact information line of AT+X=?
    std::vector<parameter> parameters;
    // Factory default as the query shows it: single = the value after "+X:", slots = one
    // entry per slot line. Empty with default_from set = the value of another query.
    std::vector<std::string> defaults;
    std::string default_from; // e.g. "SN": the default equals the value of AT+SN?
    bool saved = true;        // AT+S keeps it, AT+Z drops an unsaved change
    query_spec query;
    source_tag tag = source_tag::manual;
    std::string note;
    std::string file; // where it was read from, for messages
    int line = 0;

    bool has(form f) const;
    bool has_defaults() const { return !defaults.empty() || !default_from.empty(); }
    const parameter* slot_parameter() const;
};

// A behaviour check that is not generated from a command's parameters (framing, command mode,
// serial AT in data mode): the data names it, gives its clause and inputs; code implements it.
// The case name and the implementation are separate keys, so a variant that only changes the
// inputs (another gap, another QoS) is a new YAML entry naming an existing implementation.
struct behaviour_check {
    std::string id;     // CamelCase, the case name
    std::string check;  // CamelCase, the registered implementation that runs it
    int check_line = 0; // line of the `check:` key, for "no such implementation"
    std::string group;  // CamelCase suite part: "Framing", "MQTTWILL"
    std::string clause;
    std::string title;
    std::vector<std::pair<std::string, std::string>> inputs; // e.g. {"command", "AT+NOSUCH"}
    source_tag tag = source_tag::manual;
    std::string file;
    int line = 0;

    std::string input(std::string_view key, std::string_view fallback = {}) const;
};

struct section {
    std::string id; // "2.3", "1", "S"
    std::string title;
    std::string file;
    std::vector<command> commands;
    std::vector<behaviour_check> checks;
};

struct manual {
    std::vector<section> sections; // in file name order
    const command* find(std::string_view name) const;
};

std::string_view to_string(source_tag);
std::string_view to_string(form);

} // namespace athil::spec
