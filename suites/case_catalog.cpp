#include "suites/case_catalog.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/profile.hpp"
#include "suites/behaviour_checks.hpp"
#include "suites/command_cases.hpp"

#include <algorithm>
#include <regex>
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
    return out;
}

bool is_clause_filter(std::string_view filter) {
    static const std::regex re("(S|[0-9]+(\\.[0-9]+)*)(,(S|[0-9]+(\\.[0-9]+)*))*");
    return std::regex_match(filter.begin(), filter.end(), re);
}

namespace {

bool under(std::string_view clause, std::string_view prefix) {
    return clause == prefix || (clause.size() > prefix.size() && clause.starts_with(prefix) &&
                                clause[prefix.size()] == '.');
}

} // namespace

case_list select_clauses(case_list cases, std::string_view prefixes) {
    std::vector<std::string> list;
    std::size_t start = 0;
    while (start <= prefixes.size()) {
        const auto comma = std::min(prefixes.find(',', start), prefixes.size());
        list.emplace_back(prefixes.substr(start, comma - start));
        start = comma + 1;
    }
    std::erase_if(cases, [&](const case_def& c) {
        return std::none_of(list.begin(), list.end(),
                            [&](const std::string& p) { return under(c.clause, p); });
    });
    return cases;
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
        section_count count{s.id, s.title, {}, 0};
        std::set<std::string> clauses;
        for (const auto& c : cases) {
            if (c.file == s.file) {
                clauses.insert(c.clause);
                ++count.cases;
            }
        }
        count.clauses.assign(clauses.begin(), clauses.end());
        out.push_back(std::move(count));
    }
    return out;
}

} // namespace athil::suites
