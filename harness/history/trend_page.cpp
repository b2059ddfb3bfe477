#include "harness/history/trend_page.hpp"

#include "harness/report/html_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace athil::history {
namespace {

using report::case_status;
using report::html_escape;

bool failing(case_status s) {
    return s == case_status::failed || s == case_status::error;
}

struct case_stats {
    std::size_t judged = 0; // runs that gave a verdict (skipped ones did not)
    std::size_t passed = 0; // passed, flaky or a known deviation: not failing
    std::size_t flaky = 0;
    std::size_t failed = 0;
    std::int64_t streak_run = 0; // the run where the current failing streak began; 0: none
    std::string streak_start;
    case_status last = case_status::skipped;
};

struct pass_count {
    std::size_t judged = 0;
    std::size_t passed = 0;
};

void count(const trend_row& r, case_stats& s) {
    if (r.status == case_status::skipped) {
        return;
    }
    ++s.judged;
    s.last = r.status;
    if (failing(r.status)) {
        ++s.failed;
        if (s.streak_run == 0) {
            s.streak_run = r.run_id;
            s.streak_start = r.start_time;
        }
        return;
    }
    ++s.passed;
    s.flaky += r.status == case_status::flaky ? 1U : 0U;
    s.streak_run = 0;
    s.streak_start.clear();
}

double rate(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string percent(double r) {
    return fmt::format("{:.0f}%", r * 100.0);
}

// Green at 100 %, through yellow, to red at 0 %.
std::string colour(double r) {
    const int hue = static_cast<int>(r * r * 120.0);
    return fmt::format("hsl({},70%,80%)", hue);
}

constexpr std::string_view style =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;margin-bottom:1.5em;font-size:.9em}"
    "td,th{border:1px solid #ccc;padding:.2em .45em;text-align:left}"
    "td.n{text-align:right}th.night{writing-mode:vertical-rl;font-weight:normal}"
    "#filter{margin:.5em 0;padding:.3em;width:30em}";

// The filter box and #q= both hide the case rows that do not contain the text.
constexpr std::string_view script =
    "(function(){var box=document.getElementById('filter');"
    "function apply(){var q=box.value.toLowerCase(),shown=0;"
    "document.querySelectorAll('#cases tbody tr').forEach(function(tr){"
    "var hit=tr.textContent.toLowerCase().indexOf(q)>=0;tr.hidden=!hit;if(hit)shown++;});"
    "document.getElementById('shown').textContent=shown+' shown';}"
    "var m=/[#&]q=([^&]*)/.exec(location.hash);if(m)box.value=decodeURIComponent(m[1]);"
    "box.addEventListener('input',apply);apply();})();";

} // namespace

std::string trend_html(const std::vector<trend_row>& rows, const std::string& store,
                       const trend_options& options) {
    using key = std::tuple<std::string, std::string, std::string>; // case, DUT, firmware
    std::map<key, case_stats> cases;
    std::map<std::string, std::map<std::string, pass_count>> matrix; // section -> night
    std::set<std::string> nights;
    std::set<std::int64_t> runs;
    for (const auto& r : rows) {
        runs.insert(r.run_id);
        count(r, cases[{r.section + "." + r.name, r.dut, r.firmware}]);
        if (r.status == case_status::skipped) {
            continue;
        }
        const auto night = r.start_time.substr(0, 10);
        nights.insert(night);
        auto& cell = matrix[r.section][night];
        ++cell.judged;
        cell.passed += failing(r.status) ? 0U : 1U;
    }
    std::vector<std::string> shown_nights(nights.begin(), nights.end());
    if (shown_nights.size() > options.max_nights) {
        shown_nights.erase(shown_nights.begin(),
                           shown_nights.end() - static_cast<std::ptrdiff_t>(options.max_nights));
    }

    std::string page;
    page.reserve(256 + cases.size() * 220 + matrix.size() * shown_nights.size() * 60);
    page += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>athil history trend</title><style>";
    page += style;
    page += "</style></head><body>\n<h1>athil history trend</h1>\n<p id=\"summary\">";
    page += fmt::format("{} runs, {} case results from {}", runs.size(), rows.size(),
                        html_escape(store));
    page += "</p>\n<h2>Sections &times; nights</h2>\n";
    if (nights.size() > shown_nights.size()) {
        page +=
            fmt::format("<p>The newest {} of {} nights.</p>\n", shown_nights.size(), nights.size());
    }
    page += "<table id=\"nights\"><thead><tr><th>section</th>";
    for (const auto& n : shown_nights) {
        page += "<th class=\"night\">" + html_escape(n) + "</th>";
    }
    page += "</tr></thead><tbody>\n";
    for (const auto& [section, by_night] : matrix) {
        page += "<tr><th>" + html_escape(section) + "</th>";
        for (const auto& n : shown_nights) {
            const auto it = by_night.find(n);
            if (it == by_night.end()) {
                page += "<td></td>";
                continue;
            }
            const double r = rate(it->second.passed, it->second.judged);
            page +=
                fmt::format("<td class=\"n\" style=\"background:{}\" title=\"{} of {}\">{}</td>",
                            colour(r), it->second.passed, it->second.judged, percent(r));
        }
        page += "</tr>\n";
    }
    page += "</tbody></table>\n<h2>Cases</h2>\n"
            "<input id=\"filter\" type=\"search\" placeholder=\"filter: case, DUT, firmware\">"
            " <span id=\"shown\"></span>\n"
            "<table id=\"cases\"><thead><tr><th>case</th><th>DUT</th><th>firmware</th>"
            "<th>runs</th><th>pass rate</th><th>flake rate</th><th>last</th>"
            "<th>failing since</th></tr></thead><tbody>\n";
    std::vector<std::pair<const key*, const case_stats*>> order;
    for (const auto& [k, s] : cases) {
        order.emplace_back(&k, &s);
    }
    // The worst first: lowest pass rate, then the flakiest.
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        const double ra = rate(a.second->passed, a.second->judged);
        const double rb = rate(b.second->passed, b.second->judged);
        if (ra != rb) {
            return ra < rb;
        }
        return rate(a.second->flaky, a.second->judged) > rate(b.second->flaky, b.second->judged);
    });
    for (const auto& [k, s] : order) {
        const double pass = rate(s->passed, s->judged);
        page += "<tr><td>" + html_escape(std::get<0>(*k)) + "</td><td>" +
                html_escape(std::get<1>(*k)) + "</td><td>" + html_escape(std::get<2>(*k)) + "</td>";
        page += fmt::format("<td class=\"n\">{}</td><td class=\"n\" style=\"background:{}\">{}"
                            "</td><td class=\"n\">{}</td><td>{}</td><td>",
                            s->judged, colour(pass), percent(pass),
                            percent(rate(s->flaky, s->judged)), report::verdict_label(s->last));
        if (s->streak_run != 0) {
            page += fmt::format("run {} ({})", s->streak_run, html_escape(s->streak_start));
        }
        page += "</td></tr>\n";
    }
    page += "</tbody></table>\n<script>";
    page += script;
    page += "</script>\n</body></html>\n";
    return page;
}

} // namespace athil::history
