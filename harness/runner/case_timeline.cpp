#include "harness/runner/case_timeline.hpp"

#include "fixtures/tap/tap_journal.hpp"
#include "harness/core/redactor.hpp"
#include "harness/mqtt/describe.hpp"
#include "harness/mqtt/packet_fields.hpp"
#include "harness/report/printable_text.hpp"
#include "suites/bytes_text.hpp"
#include "suites/mqtt/rig.hpp"

#include <algorithm>
#include <string>

namespace athil::runner {
namespace {

using report::timeline_event;
using report::timeline_source;

std::string_view serial_kind(session::direction d) {
    switch (d) {
    case session::direction::tx:
        return "tx";
    case session::direction::rx:
        return "rx";
    case session::direction::note:
        break;
    }
    return "note";
}

void add_serial(const suites::run_environment& env, const session::transcript_mark& mark,
                std::vector<timeline_event>& out) {
    auto& log = env.session->log();
    const auto& entries = log.entries();
    for (auto i = log.first_index(mark); i < entries.size(); ++i) {
        const auto& e = entries[i];
        out.push_back({env.on_clock(log.origin() + e.at),
                       timeline_source::serial,
                       std::string(serial_kind(e.dir)),
                       e.dir == session::direction::note ? e.bytes : suites::escape_bytes(e.bytes),
                       {}});
    }
}

void add_tap(const suites::run_environment& env, const fixtures::wire_tap& tap,
             std::string_view target, steady_clock::time_point since,
             std::vector<timeline_event>& out) {
    for (const auto& p : tap.packets()) {
        if (p.at < since) {
            continue;
        }
        auto fields = mqtt::packet_fields(p.packet);
        fields.insert(fields.begin(), {{"broker", std::string(target)},
                                       {"connection", std::to_string(p.connection)},
                                       {"dir", fixtures::to_string(p.dir)}});
        out.push_back({env.on_clock(p.at), timeline_source::wire, "packet",
                       "c" + std::to_string(p.connection) + " " + fixtures::to_string(p.dir) + " " +
                           mqtt::describe(p.packet),
                       std::move(fields)});
    }
    for (const auto& e : tap.events()) {
        if (e.at < since) {
            continue;
        }
        const bool whole = e.connection == fixtures::tap_event::whole_tap;
        const std::string kind = e.kind == fixtures::tap_event_kind::fault          ? "fault"
                                 : e.kind == fixtures::tap_event_kind::client_hello ? "tls"
                                                                                    : "connection";
        out.push_back({env.on_clock(e.at),
                       timeline_source::wire,
                       kind,
                       (whole ? std::string(target) + " tap" : "c" + std::to_string(e.connection)) +
                           " " + fixtures::to_string(e.kind) + ": " + e.text,
                       {{"broker", std::string(target)}}});
    }
}

void add_rig(const suites::run_environment& env, steady_clock::time_point since,
             std::vector<timeline_event>& out) {
    for (std::size_t i = 0; i < suites::mqtt::target_count; ++i) {
        const auto t = static_cast<suites::mqtt::target>(i);
        const std::string name = suites::mqtt::to_string(t);
        add_tap(env, env.rig->tap(t), name, since, out);
        for (auto& line : env.rig->broker(t).log_lines_since(since)) {
            out.push_back({env.on_clock(line.at),
                           timeline_source::broker,
                           "log",
                           std::move(line.text),
                           {{"broker", name}}});
        }
    }
}

// Redacted and printable, one line, bounded: every text of the timeline passes here.
void scrub(timeline_event& e) {
    const auto& secrets = run_redactor();
    auto text = report::printable_text(secrets.redact(e.text));
    if (text.size() > max_event_text) {
        text = text.substr(0, max_event_text) + "...[" +
               std::to_string(text.size() - max_event_text) + " more]";
    }
    e.text = std::move(text);
    for (auto& [key, value] : e.fields) {
        value = report::printable_text(secrets.redact(value));
    }
}

void bound(std::vector<timeline_event>& events) {
    if (events.size() <= max_timeline_events) {
        return;
    }
    const auto half = max_timeline_events / 2;
    const auto dropped = events.size() - 2 * half;
    timeline_event gap{events[half].at,
                       timeline_source::harness,
                       "cut",
                       std::to_string(dropped) + " events not kept",
                       {}};
    events.erase(events.begin() + static_cast<std::ptrdiff_t>(half),
                 events.end() - static_cast<std::ptrdiff_t>(half));
    events.insert(events.begin() + static_cast<std::ptrdiff_t>(half), std::move(gap));
}

} // namespace

std::vector<timeline_event> collect_timeline(suites::run_environment& env,
                                             const session::transcript_mark& mark,
                                             steady_clock::time_point case_start) {
    std::vector<timeline_event> events = std::move(env.notes);
    env.notes.clear();
    if (env.session) {
        env.session->log().flush();
        add_serial(env, mark, events);
    }
    if (env.rig) {
        add_rig(env, case_start, events);
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const timeline_event& a, const timeline_event& b) { return a.at < b.at; });
    bound(events);
    for (auto& e : events) {
        scrub(e);
    }
    return events;
}

} // namespace athil::runner
