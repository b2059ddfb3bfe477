#include "harness/report/html_writer.hpp"

#include "harness/report/atomic_file.hpp"
#include "harness/report/printable_text.hpp"
#include "harness/report/report_templates.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace athil::report {
namespace {

std::string duration_text(std::chrono::milliseconds d) {
    const auto ms = d.count();
    if (ms < 1000) {
        return fmt::format("{} ms", ms);
    }
    if (ms < 60'000) {
        return fmt::format("{}.{} s", ms / 1000, (ms % 1000) / 100);
    }
    return fmt::format("{} min {} s", ms / 60'000, (ms % 60'000) / 1000);
}

// A merged run: one row per part (DUT or worker) with its identity and a link to its own report.
std::string parts_html(const std::vector<part_identity>& parts) {
    if (parts.empty()) {
        return {};
    }
    std::string out = "<table class=\"identity parts\">\n<tr><th>part</th><th>DUT</th><th>model"
                      "</th><th>firmware</th><th>SN</th><th>profile</th><th>outcome</th>"
                      "<th>cases</th><th>failed</th></tr>\n";
    for (const auto& p : parts) {
        const auto label =
            p.report.empty()
                ? html_escape(p.label)
                : fmt::format("<a href=\"{}\">{}</a>", html_escape(p.report), html_escape(p.label));
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                           "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           label, html_escape(p.dut_link), html_escape(p.model),
                           html_escape(p.firmware), html_escape(p.serial_number),
                           html_escape(p.profile), html_escape(p.outcome), p.cases, p.failed);
    }
    return out + "</table>\n";
}

std::string counts_html(const run_counts& c) {
    return fmt::format("<p class=\"counts\"><span><b>{}</b> cases</span>"
                       "<span class=\"c-passed\"><b>{}</b> passed</span>"
                       "<span class=\"c-flaky\"><b>{}</b> flaky</span>"
                       "<span class=\"c-failed\"><b>{}</b> failed</span>"
                       "<span class=\"c-known_deviation\"><b>{}</b> known deviations</span>"
                       "<span class=\"c-skipped\"><b>{}</b> skipped</span>"
                       "<span class=\"c-error\"><b>{}</b> errors</span></p>\n",
                       c.total, c.passed, c.flaky, c.failed, c.known_deviations, c.skipped,
                       c.errors);
}

std::string header_html(const run_result& run) {
    const auto& m = run.metadata;
    const auto counts = run.counts();
    std::string out = "<h1>athil conformance report</h1>\n";
    if (m.outcome == run_outcome::rig_failed) {
        out += fmt::format("<p><span class=\"verdict-banner infrastructure\">RIG FAILURE BEFORE "
                           "THE FIRST CASE: no verdict about the module</span> {}</p>\n",
                           html_escape(m.outcome_reason));
    } else if (m.outcome == run_outcome::interrupted) {
        out += fmt::format("<p><span class=\"verdict-banner infrastructure\">INTERRUPTED: only "
                           "the cases that finished are in this report</span> {}</p>\n",
                           html_escape(m.outcome_reason));
    } else if (m.outcome == run_outcome::stopped) {
        out += fmt::format("<p><span class=\"verdict-banner nonconformance\">STOPPED: the cases "
                           "after the limit were not run</span> {}</p>\n",
                           html_escape(m.outcome_reason));
    } else if (counts.errors > 0) {
        out += "<p><span class=\"verdict-banner infrastructure\">INFRASTRUCTURE ERRORS: "
               "no verdict for some cases</span></p>\n";
    } else if (counts.failed > 0) {
        out += "<p><span class=\"verdict-banner nonconformance\">NONCONFORMANCE FOUND</span></p>\n";
    } else {
        out += "<p><span class=\"verdict-banner conforms\">CONFORMS</span></p>\n";
    }
    if (!m.quirks.empty()) {
        out += fmt::format("<p><span class=\"verdict-banner quirked\">SIMULATOR WITH DELIBERATE "
                           "DEVIATIONS: {}</span></p>\n",
                           html_escape(join(m.quirks, ", ")));
    }
    out += "<table class=\"identity\">\n";
    const auto row = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) {
            out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", key, html_escape(value));
        }
    };
    row("DUT", m.dut_link);
    row("model", m.model);
    row("firmware", m.firmware);
    row("SN", m.serial_number);
    row("IMEI", m.imei);
    row("profile", m.profile);
    row("timing", m.timing);
    for (const auto& d : m.deviations) {
        row("allowed deviation", fmt::format("{} (clause {}): {}", d.id, d.clause, d.reason));
    }
    row("started", iso8601_utc(m.start_time));
    row("duration", duration_text(m.duration));
    row("module restarts", std::to_string(run.restarts()));
    row("host", m.host);
    row("athil", m.tool_version);
    row("command", m.command_line);
    row("simulator", join(m.simulator_args, " "));
    out += "</table>\n";
    out += parts_html(m.parts);
    out += counts_html(counts);
    return out;
}

// "case-S3_1_Qos.Qos1OutboundPuback": a link to report.html#case-<Suite.Case> opens the case.
// A name seen before in the same report (a merged run of several DUTs) gets its index too.
std::string case_anchor(const case_result& c, std::size_t index, bool repeated) {
    const auto name = html_escape(c.full_name());
    return repeated ? fmt::format("case-{}-{}", name, index) : "case-" + name;
}

std::string cell_attributes(const case_result& c) {
    return fmt::format("data-status=\"{}\" data-section=\"{}\" data-name=\"{}\"",
                       to_string(c.status), html_escape(c.section), html_escape(c.full_name()));
}

std::string matrix_html(const std::vector<section_view>& sections,
                        const std::map<const case_result*, std::string>& anchors) {
    std::string out = "<table class=\"matrix\">\n";
    for (const auto& s : sections) {
        const auto counts = s.counts();
        out += fmt::format("<tr class=\"row\" data-section=\"{}\"><th>{}<span class=\"clause\">{}"
                           "</span></th><td class=\"cells\">",
                           html_escape(s.name), html_escape(s.name), html_escape(s.clauses()));
        for (const auto* c : s.cases) {
            out += fmt::format("<a class=\"cell {}\" href=\"#{}\" {} title=\"{}: {}\"></a>",
                               to_string(c->status), anchors.at(c), cell_attributes(*c),
                               html_escape(c->name), verdict_label(c->status));
        }
        out += fmt::format("</td><td class=\"tally\">{}/{} passed</td></tr>\n", counts.passed,
                           counts.total);
    }
    return out + "</table>\n";
}

// One row per event, in time order; the source sets the row's lane and colour.
std::string timeline_html(const case_result& c) {
    std::string out = "<table class=\"timeline\">\n<tr><th>time</th><th>source</th><th>what</th>"
                      "<th></th></tr>\n";
    for (const auto& e : c.timeline) {
        std::string title;
        for (const auto& [key, value] : e.fields) {
            title += (title.empty() ? "" : "\n") + key + ": " + value;
        }
        out += fmt::format("<tr class=\"src-{}\"{}><td class=\"t\">{}</td><td class=\"src\">{}"
                           "</td><td class=\"kind\">{}</td><td class=\"text\"><code>{}</code></td>"
                           "</tr>\n",
                           to_string(e.source),
                           title.empty() ? "" : " title=\"" + html_escape(title) + "\"",
                           relative_time(e.at, c.started_at), to_string(e.source),
                           html_escape(e.kind), html_escape(e.text));
    }
    return out + "</table>\n";
}

std::string packets_html(const std::vector<std::string>& packets) {
    std::string out = "<ol class=\"packets\">\n";
    for (const auto& p : packets) {
        // A leading time stamp ("12.345 C->B CONNECT ...") is set apart for the timeline.
        const auto space = p.find(' ');
        const auto head = p.substr(0, space);
        const bool timed = space != std::string::npos && !head.empty() &&
                           head.find_first_not_of("0123456789.:+s") == std::string::npos;
        if (timed) {
            out += fmt::format("<li><span class=\"t\">{}</span>{}</li>\n", html_escape(head),
                               html_escape(p.substr(space + 1)));
        } else {
            out += fmt::format("<li>{}</li>\n", html_escape(p));
        }
    }
    return out + "</ol>\n";
}

std::string case_html(const case_result& c, const std::string& anchor) {
    // A failure is open from the start; a pass is one line until clicked.
    const bool open = c.status == case_status::failed || c.status == case_status::error;
    std::string out = fmt::format(
        "<details class=\"case {}\" id=\"{}\" {}{}>\n<summary><span class=\"verdict\">{}"
        "</span> <span class=\"name\">{}</span><span class=\"clause\">{}</span><span "
        "class=\"time\">{}</span>",
        to_string(c.status), anchor, cell_attributes(c), open ? " open" : "",
        verdict_label(c.status), html_escape(c.full_name()), html_escape(c.clause),
        duration_text(c.duration));
    if (!c.message.empty()) {
        out += fmt::format("<span class=\"msg\">{}</span>", html_escape(c.message));
    }
    out += "</summary>\n<div class=\"body\">\n<dl class=\"meta\">";
    const auto meta = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) {
            out += fmt::format("<dt>{}</dt><dd>{}</dd>", html_escape(key), html_escape(value));
        }
    };
    meta("clause", c.clause);
    meta("command", c.command);
    meta("source", c.source);
    meta("deviation", c.deviation);
    meta("retries", std::to_string(c.retries));
    meta("restarts", std::to_string(c.restarts));
    meta("forced waits", duration_text(c.forced_wait));
    for (const auto& [key, value] : c.extra) {
        meta(key, value);
    }
    out += "</dl>\n";
    const auto block = [&out](std::string_view title, std::string_view cls, std::string_view text) {
        if (!text.empty()) {
            if (!title.empty()) {
                out += fmt::format("<h3>{}</h3>\n", title);
            }
            out += fmt::format("<pre class=\"{}\">{}</pre>\n", cls, html_escape(text));
        }
    };
    if (!c.check.empty()) {
        // The failed check's fields side by side: what was sent, expected and received.
        out += "<table class=\"check\">";
        const auto row = [&out](std::string_view key, std::string_view value) {
            out += fmt::format("<tr><th>{}</th><td><code>{}</code></td></tr>", key,
                               html_escape(value));
        };
        row("check", c.check.what);
        row("sent", c.check.sent);
        row("expected", c.check.expected);
        row("received", c.check.received);
        out += "</table>\n";
    }
    if (!c.timeline.empty()) {
        // Serial line, wire packets, broker log and the harness's steps on one clock: the
        // evidence read first, so it comes before the raw failure text and the transcript.
        out += "<h3>Timeline</h3>\n" + timeline_html(c);
    }
    block("Failure", "details", c.details);
    // Earlier attempts of a rerun case, each with what failed and its own transcript.
    for (const auto& a : c.failed_attempts) {
        out += fmt::format("<h3>Attempt {} of {}: {} ({})</h3>\n", a.number, c.retries + 1,
                           a.error ? "error" : "failed", duration_text(a.duration));
        block("", "details attempt", a.details.empty() ? a.message : a.details);
        block("", "transcript attempt", a.transcript);
    }
    block(c.failed_attempts.empty() ? "Transcript" : "Transcript of the last attempt", "transcript",
          c.transcript);
    if (c.timeline.empty()) { // a report read back from an earlier athil
        if (!c.packets.empty()) {
            out += "<h3>Packets</h3>\n" + packets_html(c.packets);
        }
        block("Broker log", "broker-log", c.broker_log);
    }
    return out + "</div>\n</details>\n";
}

// Fills @NAME@ slots of the template in one pass, so text from the run is never scanned for
// slots itself.
std::string fill(std::string_view page, const std::map<std::string_view, std::string>& slots) {
    std::string out;
    out.reserve(page.size() + 4096);
    while (!page.empty()) {
        const auto open = page.find('@');
        const auto close = open == std::string_view::npos ? open : page.find('@', open + 1);
        if (close == std::string_view::npos) {
            out += page;
            break;
        }
        const auto it = slots.find(page.substr(open + 1, close - open - 1));
        if (it == slots.end()) {
            out += page.substr(0, close); // not a slot: keep it, rescan from the second '@'
            page.remove_prefix(close);
            continue;
        }
        out += page.substr(0, open);
        out += it->second;
        page.remove_prefix(close + 1);
    }
    return out;
}

} // namespace

std::string html_escape(std::string_view text) {
    const auto clean = printable_text(text);
    std::string out;
    out.reserve(clean.size() + clean.size() / 8);
    for (const char ch : clean) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string html_report(const run_result& run) {
    const auto sections = group_by_section(run);
    std::map<const case_result*, std::string> anchors;
    std::set<std::string> names;
    for (std::size_t i = 0; i < run.cases.size(); ++i) {
        const auto& c = run.cases[i];
        anchors[&c] = case_anchor(c, i, !names.insert(c.full_name()).second);
    }
    std::string options;
    std::string cases;
    for (const auto& s : sections) {
        options += fmt::format("      <option value=\"{}\">{}</option>\n", html_escape(s.name),
                               html_escape(s.name));
        cases += fmt::format("<section class=\"group\" data-section=\"{}\">\n<h3>{}<span "
                             "class=\"clause\">{}</span></h3>\n",
                             html_escape(s.name), html_escape(s.name), html_escape(s.clauses()));
        for (const auto* c : s.cases) {
            cases += case_html(*c, anchors.at(c));
        }
        cases += "</section>\n";
    }
    const auto& m = run.metadata;
    const auto title = fmt::format("athil: {} {}", m.model.empty() ? m.dut_link : m.model,
                                   m.profile.empty() ? "" : "(" + m.profile + ")");
    return fill(templates::page,
                {{"TITLE", html_escape(title)},
                 {"STYLE", std::string(templates::style)},
                 {"SCRIPT", std::string(templates::script)},
                 {"HEADER", header_html(run)},
                 {"SECTION_OPTIONS", options},
                 {"MATRIX", matrix_html(sections, anchors)},
                 {"CASES", cases},
                 {"VERSION", m.tool_version.empty() ? "" : " " + html_escape(m.tool_version)}});
}

void write_html_report(const run_result& run, const std::filesystem::path& file) {
    write_file_atomically(file, html_report(run));
}

} // namespace athil::report
