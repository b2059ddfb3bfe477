#include "harness/report/junit_writer.hpp"

#include "harness/report/atomic_file.hpp"
#include "harness/report/printable_text.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <sstream>

namespace athil::report {
namespace {

std::string seconds(std::chrono::milliseconds d) {
    return fmt::format("{}.{:03}", d.count() / 1000, d.count() % 1000);
}

void set_attribute(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name).set_value(printable_text(value).c_str());
}

void set_attribute(pugi::xml_node node, const char* name, std::size_t value) {
    set_attribute(node, name, std::to_string(value));
}

void add_property(pugi::xml_node properties, const char* name, std::string_view value) {
    if (value.empty()) {
        return;
    }
    auto p = properties.append_child("property");
    set_attribute(p, "name", name);
    set_attribute(p, "value", value);
}

std::string deviations_text(const std::vector<deviation_info>& deviations) {
    std::string text;
    for (const auto& d : deviations) {
        text += text.empty() ? "" : "; ";
        text += fmt::format("{} ({}): {}", d.id, d.clause, d.reason);
    }
    return text;
}

void add_suite_properties(pugi::xml_node suite, const run_metadata& m, const section_view& s) {
    auto properties = suite.append_child("properties");
    add_property(properties, "dut.link", m.dut_link);
    add_property(properties, "dut.firmware", m.firmware);
    add_property(properties, "dut.sn", m.serial_number);
    add_property(properties, "dut.imei", m.imei);
    add_property(properties, "dut.model", m.model);
    add_property(properties, "profile", m.profile);
    add_property(properties, "profile.deviations", deviations_text(m.deviations));
    add_property(properties, "clause", s.clauses());
    add_property(properties, "host", m.host);
    add_property(properties, "athil.version", m.tool_version);
    add_property(properties, "athil.command", m.command_line);
    add_property(properties, "athil.rerun", m.rerun_command);
    add_property(properties, "sim.args", join(m.simulator_args, " "));
    add_property(properties, "sim.quirks", join(m.quirks, " "));
    add_property(properties, "athil.outcome", to_string(m.outcome));
    add_property(properties, "athil.outcome.reason", m.outcome_reason);
}

void add_verdict(pugi::xml_node testcase, const case_result& c) {
    const char* element = nullptr;
    const char* type = nullptr;
    switch (c.status) {
    case case_status::passed:
    case case_status::flaky: // its earlier attempts are the flakyFailure elements
        return;
    case case_status::failed:
        element = "failure";
        type = "nonconformance";
        break;
    case case_status::error:
        element = "error";
        type = "infrastructure";
        break;
    case case_status::known_deviation:
        element = "skipped";
        type = "known-deviation";
        break;
    case case_status::skipped:
        element = "skipped";
        type = "skipped";
        break;
    }
    auto node = testcase.append_child(element);
    set_attribute(node, "message", c.message);
    set_attribute(node, "type", type);
    if (!c.details.empty()) {
        node.text().set(printable_text(c.details).c_str());
    }
}

// Maven Surefire's rerun elements, which the Jenkins schema allows and dashboards understand:
// flakyFailure/flakyError when the case passed in the end, rerunFailure/rerunError when it
// did not. Each carries its attempt's assertions and transcript.
void add_attempts(pugi::xml_node testcase, const case_result& c) {
    const bool flaky = c.status == case_status::flaky;
    for (const auto& a : c.failed_attempts) {
        const char* element = flaky ? (a.error ? "flakyError" : "flakyFailure")
                                    : (a.error ? "rerunError" : "rerunFailure");
        auto node = testcase.append_child(element);
        set_attribute(node, "message", a.message);
        set_attribute(node, "type", a.error ? "infrastructure" : "nonconformance");
        node.append_child("stackTrace").text().set(printable_text(a.details).c_str());
        const auto out = fmt::format("attempt: {} of {}\ntime: {}\n--- transcript ---\n{}",
                                     a.number, c.retries + 1, seconds(a.duration), a.transcript);
        node.append_child("system-out").text().set(printable_text(out).c_str());
    }
}

void add_testcase(pugi::xml_node parent, const case_result& c) {
    auto testcase = parent.append_child("testcase");
    set_attribute(testcase, "name", c.name);
    set_attribute(testcase, "classname", c.section);
    set_attribute(testcase, "time", seconds(c.duration));
    add_verdict(testcase, c);
    add_attempts(testcase, c);
    testcase.append_child("system-out").text().set(printable_text(case_system_out(c)).c_str());
}

void append_block(std::string& out, std::string_view title, std::string_view body) {
    if (body.empty()) {
        return;
    }
    out += fmt::format("\n--- {} ---\n", title);
    out += body;
    if (body.back() != '\n') {
        out += '\n';
    }
}

} // namespace

std::string case_system_out(const case_result& c) {
    std::string out;
    const auto line = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) {
            out += fmt::format("{}: {}\n", key, value);
        }
    };
    line("case", c.full_name());
    line("clause", c.clause);
    line("command", c.command);
    line("source", c.source);
    line("verdict", to_string(c.status));
    line("deviation", c.deviation);
    line("retries", std::to_string(c.retries));
    for (const auto& [key, value] : c.extra) {
        line(key, value);
    }
    append_block(out, "transcript", c.transcript);
    if (!c.timeline.empty()) {
        // Holds the packets and the broker log lines too, in order with the serial line.
        append_block(out, "timeline", render_timeline(c.timeline, c.started_at));
        return out;
    }
    append_block(out, "broker log", c.broker_log);
    std::string packets;
    for (const auto& p : c.packets) {
        packets += p;
        packets += '\n';
    }
    append_block(out, "packets", packets);
    return out;
}

std::string testcase_xml(const case_result& c) {
    pugi::xml_document doc;
    add_testcase(doc, c);
    std::ostringstream out;
    doc.first_child().print(out, "  ", pugi::format_indent, pugi::encoding_utf8, 2);
    return out.str();
}

std::string junit_xml(const run_result& run, const std::vector<std::string>& testcases) {
    const auto totals = run.counts();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"athil\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
                       "time=\"{}\">\n",
                       totals.total, totals.failed, totals.errors, seconds(run.metadata.duration));
    const auto timestamp = iso8601_utc(run.metadata.start_time);
    for (const auto& section : group_by_section(run)) {
        const auto counts = section.counts();
        pugi::xml_document doc;
        auto suite = doc.append_child("testsuite");
        set_attribute(suite, "name", section.name);
        set_attribute(suite, "tests", counts.total);
        set_attribute(suite, "failures", counts.failed);
        set_attribute(suite, "errors", counts.errors);
        set_attribute(suite, "skipped", counts.skipped + counts.known_deviations);
        set_attribute(suite, "time", seconds(section.duration()));
        set_attribute(suite, "timestamp", timestamp);
        set_attribute(suite, "hostname", run.metadata.host);
        add_suite_properties(suite, run.metadata, section);
        std::ostringstream head;
        suite.print(head, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
        // The suite always has its properties child, so it closes with its own end tag; the
        // already rendered cases go right before it.
        const auto text = head.str();
        const auto close = text.rfind("  </testsuite>");
        out.append(text, 0, close);
        for (const auto* c : section.cases) {
            out += testcases.at(static_cast<std::size_t>(c - run.cases.data()));
        }
        out.append(text, close);
    }
    return out + "</testsuites>\n";
}

std::string junit_xml(const run_result& run) {
    std::vector<std::string> testcases;
    testcases.reserve(run.cases.size());
    for (const auto& c : run.cases) {
        testcases.push_back(testcase_xml(c));
    }
    return junit_xml(run, testcases);
}

void write_junit(const run_result& run, const std::filesystem::path& file) {
    write_file_atomically(file, junit_xml(run));
}

} // namespace athil::report
