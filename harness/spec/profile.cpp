#include "harness/spec/profile.hpp"

#include <algorithm>

namespace athil::spec {

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative wildcard match with one backtrack point: linear enough for case names.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

bool deviation::covers(std::string_view full_case_name) const {
    for (const auto& pattern : cases) {
        if (glob_match(pattern, full_case_name)) {
            return true;
        }
    }
    return false;
}

const deviation* profile::deviation_for(std::string_view full_case_name) const {
    for (const auto& d : deviations) {
        if (d.statements.empty() && d.covers(full_case_name)) {
            return &d;
        }
    }
    return nullptr;
}

const deviation* profile::statement_deviation(std::string_view full_case_name,
                                              std::string_view statement) const {
    for (const auto& d : deviations) {
        const bool listed =
            std::find(d.statements.begin(), d.statements.end(), statement) != d.statements.end();
        if (listed && (d.cases.empty() || d.covers(full_case_name))) {
            return &d;
        }
    }
    return nullptr;
}

} // namespace athil::spec
