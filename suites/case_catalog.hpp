#pragma once
// Every case of a manual, in a stable order, and the selection the runner applies to them.

#include "suites/case_def.hpp"

#include <string>
#include <vector>

namespace athil::suites {

// Per section: behaviour checks and command cases. `manual` must outlive the cases.
case_list build_cases(const spec::manual& manual);

// True when `filter` is a list of clause prefixes ("2.3,3.1.3", "S", "1") rather than a
// gtest filter.
bool is_clause_filter(std::string_view filter);

// Keeps the cases whose clause equals a prefix or lies below it ("2.1" keeps 2.1 and 2.1.4,
// not 2.10).
case_list select_clauses(case_list cases, std::string_view prefixes);

// GoogleTest's filter syntax: "POS1:POS2-NEG1:NEG2" with * and ? wildcards.
bool matches_gtest_filter(std::string_view full_name, std::string_view filter);

struct section_count {
    std::string section; // "2.3"
    std::string title;
    std::vector<std::string> clauses;
    std::size_t cases = 0;
};
std::vector<section_count> count_by_section(const spec::manual& manual, const case_list& cases);

} // namespace athil::suites
