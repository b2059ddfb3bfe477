#include "harness/history/run_diff.hpp"

#include "harness/report/html_writer.hpp"

#include <fmt/format.h>

#include <map>

namespace athil::history {
namespace {

using report::case_status;

bool failing(case_status s) {
    return s == case_status::failed || s == case_status::error;
}

// A case run more than once (--repeat) that both passed and failed is flaky in that run.
struct case_summary {
    const report::case_result* last = nullptr;
    case_status status = case_status::passed;
};

std::map<std::string, case_summary> by_name(const report::run_result& run,
                                            std::vector<std::string>& order) {
    std::map<std::string, case_summary> out;
    for (const auto& c : run.cases) {
        const auto name = c.full_name();
        auto [it, fresh] = out.try_emplace(name);
        if (fresh) {
            order.push_back(name);
            it->second.status = c.status;
        } else if (failing(it->second.status) != failing(c.status) &&
                   it->second.status != case_status::skipped && c.status != case_status::skipped) {
            it->second.status = case_status::flaky;
        } else if (it->second.status != case_status::flaky) {
            it->second.status = c.status;
        }
        it->second.last = &c;
    }
    return out;
}

void compare_field(run_diff& d, const char* field, const std::string& a, const std::string& b) {
    if (a != b) {
        d.identity.push_back({field, a, b});
    }
}

void compare_identity(run_diff& d, const report::run_metadata& a, const report::run_metadata& b) {
    compare_field(d, "dut", a.dut_link, b.dut_link);
    compare_field(d, "model", a.model, b.model);
    compare_field(d, "firmware", a.firmware, b.firmware);
    compare_field(d, "serial number", a.serial_number, b.serial_number);
    compare_field(d, "profile", a.profile, b.profile);
    compare_field(d, "quirks", report::join(a.quirks, ", "), report::join(b.quirks, ", "));
    compare_field(d, "tool version", a.tool_version, b.tool_version);
    compare_field(d, "outcome", std::string(report::to_string(a.outcome)),
                  std::string(report::to_string(b.outcome)));
}

std::string status_text(const std::optional<case_status>& s) {
    return s ? std::string(report::to_string(*s)) : "absent";
}

std::string duration_text(std::chrono::milliseconds ms) {
    return fmt::format("{:.2f} s", static_cast<double>(ms.count()) / 1000.0);
}

struct category {
    const char* key;   // JSON key
    const char* title; // terminal and HTML heading
    const std::vector<case_change> run_diff::*cases;
    bool with_message = true; // durations: the verdict's message is already said above
};

constexpr category categories[] = {
    {"new_failures", "new failures", &run_diff::new_failures},
    {"fixed", "fixed", &run_diff::fixed},
    {"still_failing", "still failing", &run_diff::still_failing},
    {"newly_flaky", "newly flaky", &run_diff::newly_flaky},
    {"added", "added cases", &run_diff::added},
    {"removed", "removed cases", &run_diff::removed},
    {"deviation_changes", "known-deviation changes", &run_diff::deviation_changes},
    {"slower", "slower", &run_diff::slower, false},
    {"faster", "faster", &run_diff::faster, false},
};

std::string change_line(const case_change& c, bool with_message) {
    std::string line =
        c.name + "  " + status_text(c.old_status) + " -> " + status_text(c.new_status);
    if (c.old_deviation != c.new_deviation) {
        line += " (deviation " + (c.old_deviation.empty() ? "none" : c.old_deviation) + " -> " +
                (c.new_deviation.empty() ? "none" : c.new_deviation) + ")";
    }
    if (c.old_duration != c.new_duration && c.old_status && c.new_status) {
        line += "  " + duration_text(c.old_duration) + " -> " + duration_text(c.new_duration);
    }
    if (with_message && !c.message.empty()) {
        line += ": " + c.message;
    }
    return line;
}

std::string verdict_line(const run_diff& d) {
    if (!d.regressed()) {
        return fmt::format("no regression: {} new failures, {} fixed, {} still failing",
                           d.new_failures.size(), d.fixed.size(), d.still_failing.size());
    }
    std::string why = fmt::format("{} new failures", d.new_failures.size());
    if (d.new_incomplete) {
        why += ", and NEW did not complete";
    }
    return "NEW regressed: " + why;
}

} // namespace

run_diff diff_runs(const report::run_result& old_run, const report::run_result& new_run,
                   const diff_options& options) {
    run_diff d;
    compare_identity(d, old_run.metadata, new_run.metadata);
    d.new_incomplete = new_run.metadata.outcome != report::run_outcome::complete &&
                       old_run.metadata.outcome == report::run_outcome::complete;
    std::vector<std::string> old_order;
    std::vector<std::string> new_order;
    const auto olds = by_name(old_run, old_order);
    const auto news = by_name(new_run, new_order);
    for (const auto& name : new_order) {
        const auto& n = news.at(name);
        case_change c{name, std::nullopt,      n.status, n.last->message,
                      {},   n.last->deviation, {},       n.last->duration};
        const auto o = olds.find(name);
        if (o == olds.end()) {
            d.added.push_back(c);
            if (failing(n.status)) {
                d.new_failures.push_back(c);
            }
            continue;
        }
        ++d.compared;
        c.old_status = o->second.status;
        c.old_deviation = o->second.last->deviation;
        c.old_duration = o->second.last->duration;
        const bool was_failing = failing(*c.old_status);
        const bool is_failing = failing(n.status);
        if (is_failing && was_failing) {
            d.still_failing.push_back(c);
        } else if (is_failing) {
            d.new_failures.push_back(c);
        } else if (was_failing && n.status != case_status::skipped) {
            c.message = o->second.last->message; // what was wrong before
            d.fixed.push_back(c);
        }
        if (n.status == case_status::flaky && *c.old_status != case_status::flaky) {
            d.newly_flaky.push_back(c);
        }
        const bool old_dev = *c.old_status == case_status::known_deviation;
        const bool new_dev = n.status == case_status::known_deviation;
        if (old_dev != new_dev || c.old_deviation != c.new_deviation) {
            d.deviation_changes.push_back(c);
        }
        const auto delta = c.new_duration - c.old_duration;
        const auto limit =
            std::max<double>(options.duration_ratio * static_cast<double>(c.old_duration.count()),
                             static_cast<double>(options.duration_floor.count()));
        if (static_cast<double>(std::chrono::abs(delta).count()) > limit) {
            (delta.count() > 0 ? d.slower : d.faster).push_back(c);
        }
    }
    for (const auto& name : old_order) {
        if (news.count(name) == 0) {
            const auto& o = olds.at(name);
            d.removed.push_back({name,
                                 o.status,
                                 std::nullopt,
                                 o.last->message,
                                 o.last->deviation,
                                 {},
                                 o.last->duration,
                                 {}});
        }
    }
    return d;
}

void print_diff(const run_diff& d, std::ostream& out) {
    out << "OLD: " << d.old_label << "\nNEW: " << d.new_label << "\n";
    for (const auto& f : d.identity) {
        out << f.field << ": " << (f.old_value.empty() ? "(none)" : f.old_value) << " -> "
            << (f.new_value.empty() ? "(none)" : f.new_value) << "\n";
    }
    for (const auto& cat : categories) {
        const auto& cases = d.*cat.cases;
        if (cases.empty()) {
            continue;
        }
        out << cat.title << " (" << cases.size() << "):\n";
        for (const auto& c : cases) {
            out << "  " << change_line(c, cat.with_message) << "\n";
        }
    }
    out << d.compared << " cases in both runs; " << verdict_line(d) << "\n";
}

nlohmann::json diff_json(const run_diff& d) {
    nlohmann::json doc;
    doc["old"] = d.old_label;
    doc["new"] = d.new_label;
    doc["regressed"] = d.regressed();
    doc["new_incomplete"] = d.new_incomplete;
    doc["compared"] = d.compared;
    doc["identity"] = nlohmann::json::array();
    for (const auto& f : d.identity) {
        doc["identity"].push_back({{"field", f.field}, {"old", f.old_value}, {"new", f.new_value}});
    }
    for (const auto& cat : categories) {
        auto list = nlohmann::json::array();
        for (const auto& c : d.*cat.cases) {
            list.push_back({{"name", c.name},
                            {"old_status", c.old_status ? nlohmann::json(status_text(c.old_status))
                                                        : nlohmann::json()},
                            {"new_status", c.new_status ? nlohmann::json(status_text(c.new_status))
                                                        : nlohmann::json()},
                            {"old_deviation", c.old_deviation},
                            {"new_deviation", c.new_deviation},
                            {"old_duration_ms", c.old_duration.count()},
                            {"new_duration_ms", c.new_duration.count()},
                            {"message", c.message}});
        }
        doc[cat.key] = std::move(list);
    }
    return doc;
}

std::string diff_html(const run_diff& d) {
    using report::html_escape;
    std::string page =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>athil run diff</title><style>"
        "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
        "table{border-collapse:collapse;margin-bottom:1.2em}"
        "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
        ".regressed{color:#b00020}.ok{color:#1b5e20}"
        "h2 .n{color:#666;font-weight:normal}</style></head><body>\n"
        "<h1>athil run diff</h1>\n<table><tr><th>OLD</th><td id=\"old\">" +
        html_escape(d.old_label) + "</td></tr><tr><th>NEW</th><td id=\"new\">" +
        html_escape(d.new_label) + "</td></tr></table>\n";
    page += "<p id=\"verdict\" class=\"" + std::string(d.regressed() ? "regressed" : "ok") + "\">" +
            html_escape(verdict_line(d)) + " (" + std::to_string(d.compared) +
            " cases in both runs)</p>\n";
    if (!d.identity.empty()) {
        page += "<h2>Identity</h2><table id=\"identity\"><tr><th>field</th><th>OLD</th>"
                "<th>NEW</th></tr>";
        for (const auto& f : d.identity) {
            page += "<tr><td>" + html_escape(f.field) + "</td><td>" + html_escape(f.old_value) +
                    "</td><td>" + html_escape(f.new_value) + "</td></tr>";
        }
        page += "</table>\n";
    }
    for (const auto& cat : categories) {
        const auto& cases = d.*cat.cases;
        if (cases.empty()) {
            continue;
        }
        page += "<h2>" + std::string(cat.title) + " <span class=\"n\">" +
                std::to_string(cases.size()) + "</span></h2><table id=\"" + cat.key +
                "\"><tr><th>case</th><th>OLD</th><th>NEW</th><th>duration</th><th>message</th>"
                "</tr>";
        for (const auto& c : cases) {
            page += "<tr><td>" + html_escape(c.name) + "</td><td>" +
                    html_escape(status_text(c.old_status) +
                                (c.old_deviation.empty() ? "" : " " + c.old_deviation)) +
                    "</td><td>" +
                    html_escape(status_text(c.new_status) +
                                (c.new_deviation.empty() ? "" : " " + c.new_deviation)) +
                    "</td><td>" + duration_text(c.old_duration) + " &rarr; " +
                    duration_text(c.new_duration) + "</td><td>" + html_escape(c.message) +
                    "</td></tr>";
        }
        page += "</table>\n";
    }
    return page + "</body></html>\n";
}

} // namespace athil::history
