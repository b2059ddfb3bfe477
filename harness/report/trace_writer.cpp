#include "harness/report/trace_writer.hpp"

#include "harness/report/printable_text.hpp"

#include <nlohmann/json.hpp>

namespace athil::report {
namespace {

using nlohmann::json;

constexpr int dut_process = 1;
constexpr std::size_t max_name = 60;

int track_of(timeline_source s) {
    return static_cast<int>(s) + 1;
}

// Short enough for a slice label; the whole text is in args.
std::string event_name(const timeline_event& e) {
    if (const auto* type = e.field("type")) {
        return *type;
    }
    auto name = e.kind + " " + e.text;
    if (name.size() > max_name) {
        name = name.substr(0, max_name) + "...";
    }
    return name;
}

json metadata_events(const run_result& run) {
    const auto& m = run.metadata;
    json out = json::array();
    const auto dut = printable_text(m.dut_link) +
                     (m.model.empty() ? "" : " " + printable_text(m.model)) +
                     (m.firmware.empty() ? "" : " " + printable_text(m.firmware));
    out.push_back({{"name", "process_name"},
                   {"ph", "M"},
                   {"pid", dut_process},
                   {"args", {{"name", "DUT " + dut}}}});
    for (std::size_t i = 0; i < timeline_source_count; ++i) {
        const auto s = static_cast<timeline_source>(i);
        out.push_back({{"name", "thread_name"},
                       {"ph", "M"},
                       {"pid", dut_process},
                       {"tid", track_of(s)},
                       {"args", {{"name", std::string(to_string(s))}}}});
        out.push_back({{"name", "thread_sort_index"},
                       {"ph", "M"},
                       {"pid", dut_process},
                       {"tid", track_of(s)},
                       {"args", {{"sort_index", i}}}});
    }
    return out;
}

json case_slice(const case_result& c) {
    return {{"name", printable_text(c.full_name())},
            {"cat", "case"},
            {"ph", "X"},
            {"ts", c.started_at.count()},
            {"dur", std::chrono::duration_cast<std::chrono::microseconds>(c.duration).count()},
            {"pid", dut_process},
            {"tid", track_of(timeline_source::harness)},
            {"args",
             {{"status", std::string(to_string(c.status))},
              {"clause", printable_text(c.clause)},
              {"message", printable_text(c.message)}}}};
}

json instant(const timeline_event& e, const case_result& c) {
    json args = {{"text", e.text}, {"case", printable_text(c.full_name())}};
    for (const auto& [key, value] : e.fields) {
        args[key] = value;
    }
    return {{"name", printable_text(event_name(e))},
            {"cat", std::string(to_string(e.source)) + "," + e.kind},
            {"ph", "i"},
            {"s", "t"},
            {"ts", e.at.count()},
            {"pid", dut_process},
            {"tid", track_of(e.source)},
            {"args", std::move(args)}};
}

} // namespace

std::string trace_json(const run_result& run) {
    auto events = metadata_events(run);
    for (const auto& c : run.cases) {
        events.push_back(case_slice(c));
        for (const auto& e : c.timeline) {
            events.push_back(instant(e, c));
        }
    }
    const json doc = {{"traceEvents", std::move(events)},
                      {"displayTimeUnit", "ms"},
                      {"otherData",
                       {{"tool", "athil"},
                        {"version", printable_text(run.metadata.tool_version)},
                        {"start_time", iso8601_utc(run.metadata.start_time)}}}};
    return doc.dump() + "\n";
}

} // namespace athil::report
