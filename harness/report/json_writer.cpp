#include "harness/report/json_writer.hpp"

#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/printable_text.hpp"

#include <fstream>

namespace athil::report {
namespace {

using nlohmann::json;

json counts_json(const run_counts& c) {
    return {{"total", c.total},
            {"passed", c.passed},
            {"flaky", c.flaky},
            {"failed", c.failed},
            {"known_deviations", c.known_deviations},
            {"skipped", c.skipped},
            {"errors", c.errors}};
}

json printable_list(const std::vector<std::string>& items) {
    json out = json::array();
    for (const auto& i : items) {
        out.push_back(printable_text(i));
    }
    return out;
}

json parts_json(const std::vector<part_identity>& parts) {
    json out = json::array();
    for (const auto& p : parts) {
        out.push_back({{"label", printable_text(p.label)},
                       {"dut_link", printable_text(p.dut_link)},
                       {"model", printable_text(p.model)},
                       {"firmware", printable_text(p.firmware)},
                       {"serial_number", printable_text(p.serial_number)},
                       {"profile", printable_text(p.profile)},
                       {"outcome", p.outcome},
                       {"cases", p.cases},
                       {"failed", p.failed},
                       {"report", printable_text(p.report)}});
    }
    return out;
}

json metadata_json(const run_metadata& m) {
    json deviations = json::array();
    for (const auto& d : m.deviations) {
        deviations.push_back({{"id", printable_text(d.id)},
                              {"clause", printable_text(d.clause)},
                              {"reason", printable_text(d.reason)}});
    }
    return {{"dut_link", printable_text(m.dut_link)},
            {"firmware", printable_text(m.firmware)},
            {"serial_number", printable_text(m.serial_number)},
            {"imei", printable_text(m.imei)},
            {"model", printable_text(m.model)},
            {"profile", printable_text(m.profile)},
            {"deviations", deviations},
            {"timing", printable_text(m.timing)},
            {"start_time", iso8601_utc(m.start_time)},
            {"duration_ms", m.duration.count()},
            {"host", printable_text(m.host)},
            {"tool_version", printable_text(m.tool_version)},
            {"command_line", printable_text(m.command_line)},
            {"rerun_command", printable_text(m.rerun_command)},
            {"simulator_args", printable_list(m.simulator_args)},
            {"quirks", printable_list(m.quirks)},
            {"outcome", to_string(m.outcome)},
            {"outcome_reason", printable_text(m.outcome_reason)},
            {"parts", parts_json(m.parts)}};
}

json attempts_json(const std::vector<attempt_result>& attempts) {
    json out = json::array();
    for (const auto& a : attempts) {
        out.push_back({{"number", a.number},
                       {"error", a.error},
                       {"message", printable_text(a.message)},
                       {"details", printable_text(a.details)},
                       {"transcript", printable_text(a.transcript)},
                       {"duration_ms", a.duration.count()}});
    }
    return out;
}

// null when no check said what failed (a pass, a rig error, a plain assertion).
json check_json(const failed_check& check) {
    if (check.empty()) {
        return nullptr;
    }
    return {{"what", printable_text(check.what)},
            {"sent", printable_text(check.sent)},
            {"expected", printable_text(check.expected)},
            {"received", printable_text(check.received)}};
}

json timeline_json(const std::vector<timeline_event>& events) {
    json out = json::array();
    for (const auto& e : events) {
        json fields = json::object();
        for (const auto& [key, value] : e.fields) {
            fields[printable_text(key)] = printable_text(value);
        }
        out.push_back({{"at_us", e.at.count()},
                       {"source", to_string(e.source)},
                       {"kind", printable_text(e.kind)},
                       {"text", printable_text(e.text)},
                       {"fields", fields}});
    }
    return out;
}

json case_json(const case_result& c) {
    // With a timeline, `packets` and `broker_log` are its extracts, for readers that want only
    // them.
    const bool extracts = !c.timeline.empty();
    json packets = json::array();
    for (const auto& p : extracts ? packet_lines(c.timeline, c.started_at) : c.packets) {
        packets.push_back(printable_text(p));
    }
    json extra = json::object();
    for (const auto& [key, value] : c.extra) {
        extra[printable_text(key)] = printable_text(value);
    }
    return {{"section", printable_text(c.section)},
            {"name", printable_text(c.name)},
            {"clause", printable_text(c.clause)},
            {"command", printable_text(c.command)},
            {"source", printable_text(c.source)},
            {"status", to_string(c.status)},
            {"message", printable_text(c.message)},
            {"details", printable_text(c.details)},
            {"deviation", printable_text(c.deviation)},
            {"check", check_json(c.check)},
            {"duration_ms", c.duration.count()},
            {"retries", c.retries},
            {"restarts", c.restarts},
            {"forced_wait_ms", c.forced_wait.count()},
            {"failed_attempts", attempts_json(c.failed_attempts)},
            {"transcript", printable_text(c.transcript)},
            {"broker_log",
             printable_text(extracts ? broker_log_text(c.timeline, c.started_at) : c.broker_log)},
            {"packets", packets},
            {"started_at_us", c.started_at.count()},
            {"timeline", timeline_json(c.timeline)},
            {"properties", extra}};
}

// Field access that names what is missing instead of nlohmann's generic type_error.
const json& field(const json& object, const char* name) {
    if (!object.is_object() || !object.contains(name)) {
        throw athil_error(errc::bad_input,
                          std::string("results.json: missing field '") + name + "'");
    }
    return object.at(name);
}

template <typename T>
T value(const json& object, const char* name) {
    try {
        return field(object, name).get<T>();
    } catch (const json::exception& e) {
        throw athil_error(errc::bad_input,
                          std::string("results.json: field '") + name + "': " + e.what());
    }
}

template <typename T>
T optional_value(const json& object, const char* name) {
    return object.contains(name) ? value<T>(object, name) : T{};
}

case_result case_from_json(const json& j) {
    case_result c;
    c.section = value<std::string>(j, "section");
    c.name = value<std::string>(j, "name");
    c.clause = value<std::string>(j, "clause");
    c.command = value<std::string>(j, "command");
    c.source = value<std::string>(j, "source");
    const auto status = status_from_string(value<std::string>(j, "status"));
    if (!status) {
        throw athil_error(errc::bad_input, "results.json: unknown status in case " + c.name);
    }
    c.status = *status;
    c.message = value<std::string>(j, "message");
    c.details = value<std::string>(j, "details");
    c.deviation = value<std::string>(j, "deviation");
    if (j.contains("check") && !j.at("check").is_null()) { // added without a schema change
        const auto& check = j.at("check");
        c.check = {value<std::string>(check, "what"), value<std::string>(check, "sent"),
                   value<std::string>(check, "expected"), value<std::string>(check, "received")};
    }
    c.duration = std::chrono::milliseconds(value<long long>(j, "duration_ms"));
    c.retries = value<unsigned>(j, "retries");
    // Added without a schema change: files of earlier versions of athil lack them.
    c.restarts = optional_value<unsigned>(j, "restarts");
    c.forced_wait = std::chrono::milliseconds(optional_value<long long>(j, "forced_wait_ms"));
    if (j.contains("failed_attempts")) { // schema_version 2
        for (const auto& a : field(j, "failed_attempts")) {
            c.failed_attempts.push_back(
                {.number = value<unsigned>(a, "number"),
                 .error = value<bool>(a, "error"),
                 .message = value<std::string>(a, "message"),
                 .details = value<std::string>(a, "details"),
                 .transcript = value<std::string>(a, "transcript"),
                 .duration = std::chrono::milliseconds(value<long long>(a, "duration_ms"))});
        }
    }
    c.transcript = value<std::string>(j, "transcript");
    c.broker_log = value<std::string>(j, "broker_log");
    c.packets = value<std::vector<std::string>>(j, "packets");
    // Added without a schema change: files of earlier versions of athil have no timeline.
    c.started_at = std::chrono::microseconds(optional_value<long long>(j, "started_at_us"));
    if (j.contains("timeline")) {
        for (const auto& e : field(j, "timeline")) {
            const auto source = timeline_source_from_string(value<std::string>(e, "source"));
            if (!source) {
                throw athil_error(errc::bad_input, "results.json: unknown timeline source " +
                                                       field(e, "source").dump());
            }
            timeline_event event{std::chrono::microseconds(value<long long>(e, "at_us")),
                                 *source,
                                 value<std::string>(e, "kind"),
                                 value<std::string>(e, "text"),
                                 {}};
            for (const auto& [key, v] : field(e, "fields").items()) {
                event.fields.emplace_back(key, v.get<std::string>());
            }
            c.timeline.push_back(std::move(event));
        }
    }
    for (const auto& [key, v] : field(j, "properties").items()) {
        c.extra.emplace_back(key, v.get<std::string>());
    }
    return c;
}

// Everything but the cases.
json run_json(const run_result& run, bool complete) {
    return {{"schema_version", results_schema_version},
            {"tool", "athil"},
            {"complete", complete},
            {"metadata", metadata_json(run.metadata)},
            {"counts", counts_json(run.counts())},
            {"restarts", run.restarts()}};
}

} // namespace

json results_json(const run_result& run, bool complete) {
    json cases = json::array();
    for (const auto& c : run.cases) {
        cases.push_back(case_json(c));
    }
    auto doc = run_json(run, complete);
    doc["cases"] = std::move(cases);
    return doc;
}

std::string case_json_text(const case_result& c) {
    // Indented as it sits in the file, inside "cases".
    const auto text = case_json(c).dump(2);
    std::string out = "    ";
    out.reserve(text.size() + text.size() / 8);
    for (const char ch : text) {
        out += ch;
        if (ch == '\n') {
            out += "    ";
        }
    }
    return out;
}

std::string results_json_text(const run_result& run, bool complete,
                              const std::vector<std::string>& case_texts) {
    // The document without its cases ends in "\n}": "cases" goes in as its last member.
    auto text = run_json(run, complete).dump(2);
    text.resize(text.size() - 2);
    text += ",\n  \"cases\": [";
    for (std::size_t i = 0; i < case_texts.size(); ++i) {
        text += i == 0 ? "\n" : ",\n";
        text += case_texts[i];
    }
    text += case_texts.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return text;
}

run_result run_from_json(const json& doc) {
    // Version 1 files (no flaky status, no failed_attempts) read as runs without reruns.
    const auto version = value<int>(doc, "schema_version");
    if (version < 1 || version > results_schema_version) {
        throw athil_error(errc::bad_input, "results.json: schema_version " +
                                               field(doc, "schema_version").dump() +
                                               " is not supported (expected 1 to " +
                                               std::to_string(results_schema_version) + ")");
    }
    run_result run;
    const auto& m = field(doc, "metadata");
    run.metadata.dut_link = value<std::string>(m, "dut_link");
    run.metadata.firmware = value<std::string>(m, "firmware");
    run.metadata.serial_number = value<std::string>(m, "serial_number");
    run.metadata.imei = value<std::string>(m, "imei");
    run.metadata.model = value<std::string>(m, "model");
    run.metadata.profile = value<std::string>(m, "profile");
    run.metadata.timing = optional_value<std::string>(m, "timing");
    for (const auto& d : field(m, "deviations")) {
        run.metadata.deviations.push_back({value<std::string>(d, "id"),
                                           value<std::string>(d, "clause"),
                                           value<std::string>(d, "reason")});
    }
    run.metadata.start_time = time_from_iso8601(value<std::string>(m, "start_time"));
    run.metadata.duration = std::chrono::milliseconds(value<long long>(m, "duration_ms"));
    run.metadata.host = value<std::string>(m, "host");
    run.metadata.tool_version = value<std::string>(m, "tool_version");
    // Added without a schema change: files of earlier versions of athil lack them.
    run.metadata.command_line = optional_value<std::string>(m, "command_line");
    run.metadata.rerun_command = optional_value<std::string>(m, "rerun_command");
    run.metadata.simulator_args = optional_value<std::vector<std::string>>(m, "simulator_args");
    run.metadata.quirks = optional_value<std::vector<std::string>>(m, "quirks");
    if (m.contains("outcome")) {
        const auto outcome = outcome_from_string(value<std::string>(m, "outcome"));
        if (!outcome) {
            throw athil_error(errc::bad_input,
                              "results.json: unknown outcome " + field(m, "outcome").dump());
        }
        run.metadata.outcome = *outcome;
        run.metadata.outcome_reason = optional_value<std::string>(m, "outcome_reason");
    }
    if (m.contains("parts")) {
        for (const auto& p : field(m, "parts")) {
            run.metadata.parts.push_back(
                {value<std::string>(p, "label"), value<std::string>(p, "dut_link"),
                 value<std::string>(p, "model"), value<std::string>(p, "firmware"),
                 value<std::string>(p, "serial_number"), value<std::string>(p, "profile"),
                 value<std::string>(p, "outcome"), value<std::size_t>(p, "cases"),
                 value<std::size_t>(p, "failed"), value<std::string>(p, "report")});
        }
    }
    for (const auto& c : field(doc, "cases")) {
        run.cases.push_back(case_from_json(c));
    }
    return run;
}

run_result read_results_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw athil_error(errc::bad_input, "cannot read " + file.string());
    }
    try {
        return run_from_json(json::parse(in));
    } catch (const json::exception& e) {
        throw athil_error(errc::bad_input, file.string() + ": not JSON: " + e.what());
    } catch (const athil_error& e) {
        throw athil_error(errc::bad_input, file.string() + ": " + e.what());
    }
}

void write_results_json(const run_result& run, const std::filesystem::path& file, bool complete) {
    std::vector<std::string> cases;
    for (const auto& c : run.cases) {
        cases.push_back(case_json_text(c));
    }
    write_file_atomically(file, results_json_text(run, complete, cases));
}

} // namespace athil::report
