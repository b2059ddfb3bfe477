#include "suites/case_catalog.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/profile.hpp"
#include "suites/behaviour_checks.hpp"
#include "suites/command_cases.hpp"
#include "suites/share_groups.hpp"

#include <algorithm>
#include <set>

namespace athil::suites {

case_list build_cases(const spec::manual& manual) {
    case_list out;
    std::set<std::string> names;
    const auto add = [&](case_def c) {
        if (!names.insert(c.full_name()).second) {
            throw athil_error(errc::bad_input, c.file + ":" + std::to_string(c.line) +
                                                   ": two checks are named " + c.full_name());
        }
        out.push_back(std::move(c));
    };
    for (const auto& s : manual.sections) {
        for (const auto& cmd : s.commands) {
            for (auto& c : command_cases(cmd)) {
                add(std::move(c));
            }
        }
        for (const auto& check : s.checks) {
            add(behaviour_case(check));
        }
    }
    // The checks that configure and save their own MQTT settings (section 3, the TLS matrix) run
    // after every other case: each leaves a live connection behind, which the cases that work
    // on running settings do not start from (run_environment::ready_for), so running them in
    // between would cost a clean boot at each change of kind.
    std::ranges::stable_partition(
        out, [](const case_def& c) { return c.needs != start_need::factory_settings; });
    keep_share_groups_together(out);
    return out;
}

bool clause_under(std::string_view clause, std::string_view prefix) noexcept {
    return clause == prefix || (clause.size() > prefix.size() && clause.starts_with(prefix) &&
                                clause[prefix.size()] == '.');
}

bool matches_gtest_filter(std::string_view full_name, std::string_view filter) {
    const auto dash = filter.find('-');
    const auto positive = filter.substr(0, dash);
    const auto negative =
        dash == std::string_view::npos ? std::string_view{} : filter.substr(dash + 1);
    const auto any = [&](std::string_view patterns) {
        std::size_t start = 0;
        while (start <= patterns.size()) {
            const auto end = std::min(patterns.find(':', start), patterns.size());
            const auto p = patterns.substr(start, end - start);
            if (!p.empty() && spec::glob_match(p, full_name)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    };
    return (positive.empty() || any(positive)) && !any(negative);
}

std::vector<section_count> count_by_section(const spec::manual& manual, const case_list& cases) {
    std::vector<section_count> out;
    for (const auto& s : manual.sections) {
        // Two files of one section (3.1: the generic server and TLS) are one entry.
        auto same = std::find_if(out.begin(), out.end(),
                                 [&](const section_count& c) { return c.section == s.id; });
        if (same != out.end()) {
            same->title += "; " + s.title;
            continue;
        }
        out.push_back({s.id, s.title, {}, 0});
    }
    for (auto& count : out) {
        std::set<std::string> clauses;
        for (const auto& c : cases) {
            if (clause_under(c.clause, count.section)) {
                clauses.insert(c.clause);
                ++count.cases;
            }
        }
        count.clauses.assign(clauses.begin(), clauses.end());
    }
    return out;
}

} // namespace athil::suites
