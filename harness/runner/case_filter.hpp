#pragma once
// `--filter`: which cases a run selects. A value is a comma-separated list of items, each a
// clause prefix ("2.3", "3.1.1", "S") or a case-name pattern in GoogleTest's syntax
// ("S2_3_*.SetRejects*", "S2_3_MQTTPUBTP.SetRejectsQos3", "S3_*-*Keepalive*"); the option may
// be given several times. Parsing is tolerant where the meaning is unambiguous (spaces around
// items, "s" for "S", the suite-name form "s1" / "S2_3" of a clause, a bare suite name for all
// its cases) and strict otherwise: an item that is neither form, or that selects no case, is
// an error naming the item with the nearest clauses or names, never a run of zero cases.

#include "suites/case_def.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace athil::runner {

struct filter_item {
    std::string text;    // as the user wrote it (trimmed), for messages
    std::string clause;  // a clause prefix ("2.3", "S"); empty for a pattern
    std::string pattern; // a gtest filter ("S2_3_*.SetRejects*"); empty for a clause
};

struct case_filter {
    std::vector<filter_item> items; // empty: every case

    bool empty() const noexcept { return items.empty(); }
    bool selects(const suites::case_def& c) const;
};

// Throws athil_error(bad_input) for an item that is neither a clause nor a name pattern.
case_filter parse_case_filter(const std::vector<std::string>& values);

// The cases the filter selects, in catalogue order. Throws athil_error(bad_input) with
// "no case matches --filter ITEM" and the nearest clauses or names when an item selects
// nothing.
suites::case_list select_cases(suites::case_list all, const case_filter& filter);

} // namespace athil::runner
