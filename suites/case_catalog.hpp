#pragma once
// Every case of a manual, in a stable order, and the selection the runner applies to them.

#include "suites/case_def.hpp"

#include <string>
#include <vector>

namespace athil::suites {

// Per section: behaviour checks and command cases. `manual` must outlive the cases.
case_list build_cases(const spec::manual& manual);

// True when `clause` equals `prefix` or lies below it ("2.1" covers 2.1 and 2.1.4, not 2.10).
bool clause_under(std::string_view clause, std::string_view prefix) noexcept;

// GoogleTest's filter syntax: "POS1:POS2-NEG1:NEG2" with * and ? wildcards.
bool matches_gtest_filter(std::string_view full_name, std::string_view filter);

// One entry per manual section (two files of one section are one entry). `cases` counts what
// `--filter <section>` runs: the cases whose clause lies at or below the section, wherever they
// are defined (the TLS behaviour checks of 3.1 carry clauses 2.20 and 2.21). Sections nest
// (3.1 holds 3.1.1), so the counts do not add up to the number of cases.
struct section_count {
    std::string section; // "2.3"
    std::string title;
    std::vector<std::string> clauses;
    std::size_t cases = 0;
};
std::vector<section_count> count_by_section(const spec::manual& manual, const case_list& cases);

} // namespace athil::suites
