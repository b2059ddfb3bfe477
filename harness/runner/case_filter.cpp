#include "harness/runner/case_filter.hpp"

#include "harness/core/error.hpp"
#include "suites/case_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace athil::runner {

using suites::case_def;
using suites::case_list;
using suites::clause_under;
using suites::matches_gtest_filter;

namespace {

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// "2.3", "3.1.1", "S" (any case); the suite-name form "S2_3" / "s1" reads as clause 2.3 / 1.
std::string clause_of(const std::string& item) {
    static const std::regex clause_re("[0-9]+(\\.[0-9]+)*");
    static const std::regex suite_form_re("[sS]([0-9]+(_[0-9]+)*)");
    if (item == "S" || item == "s") {
        return "S";
    }
    if (std::regex_match(item, clause_re)) {
        return item;
    }
    std::smatch m;
    if (std::regex_match(item, m, suite_form_re)) {
        auto clause = m[1].str();
        std::replace(clause.begin(), clause.end(), '_', '.');
        return clause;
    }
    return {};
}

// Case names are letters, digits and '_' around one '.'; gtest adds * ? : and '-'.
bool is_name_pattern(const std::string& item) {
    static const std::regex re("[A-Za-z0-9_.*?:\\-]+");
    return std::regex_match(item, re);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The three candidates nearest to `wanted`, as "a, b or c".
std::string nearest(std::string_view wanted, const std::set<std::string>& candidates) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& c : candidates) {
        scored.emplace_back(edit_distance(wanted, c), c);
    }
    const auto n = std::min<std::size_t>(3, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n),
                      scored.end());
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + scored[i].second;
    }
    return out;
}

std::string no_match_message(const filter_item& item, const case_list& all) {
    std::set<std::string> candidates;
    for (const auto& c : all) {
        if (item.pattern.empty()) {
            candidates.insert(c.clause);
        } else {
            candidates.insert(c.suite);
            candidates.insert(c.full_name());
        }
    }
    // Wildcards say nothing about the name the user meant.
    std::string wanted = item.pattern.empty() ? item.clause : item.pattern;
    std::erase_if(wanted, [](char ch) { return ch == '*' || ch == '?'; });
    return "no case matches --filter " + item.text + "; nearest " +
           (item.pattern.empty() ? "clauses: " : "names: ") + nearest(wanted, candidates) +
           " (athil list shows every section and clause, athil run --list every case)";
}

} // namespace

bool case_filter::selects(const case_def& c) const {
    if (items.empty()) {
        return true;
    }
    return std::any_of(items.begin(), items.end(), [&](const filter_item& i) {
        return i.pattern.empty() ? clause_under(c.clause, i.clause)
                                 : matches_gtest_filter(c.full_name(), i.pattern);
    });
}

case_filter parse_case_filter(const std::vector<std::string>& values) {
    case_filter out;
    for (const auto& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = std::min(value.find(',', start), value.size());
            const auto text = trimmed(std::string_view(value).substr(start, comma - start));
            start = comma + 1;
            if (text.empty()) {
                continue; // "2.2," or "2.2,,2.7": an empty item says nothing
            }
            filter_item item{text, clause_of(text), {}};
            if (item.clause.empty()) {
                if (!is_name_pattern(text)) {
                    throw athil_error(errc::bad_input,
                                      "--filter item '" + text +
                                          "' is neither a clause (2.3, 3.1.1, S) nor a case name "
                                          "(S2_3_*.SetRejects*); separate items with commas");
                }
                // A bare suite name ("S2_3_MQTTPUBTP") means every case of that suite.
                const bool bare = text.find_first_of(".*?:-") == std::string::npos;
                item.pattern = bare ? text + ".*" : text;
            }
            out.items.push_back(std::move(item));
        }
    }
    return out;
}

case_list select_cases(case_list all, const case_filter& filter) {
    for (const auto& item : filter.items) {
        const case_filter one{{item}};
        if (std::none_of(all.begin(), all.end(),
                         [&](const case_def& c) { return one.selects(c); })) {
            throw athil_error(errc::bad_input, no_match_message(item, all));
        }
    }
    std::erase_if(all, [&](const case_def& c) { return !filter.selects(c); });
    return all;
}

} // namespace athil::runner
