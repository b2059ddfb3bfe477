#include "suites/share_groups.hpp"

#include <algorithm>
#include <map>

namespace athil::suites {

void keep_share_groups_together(case_list& cases) {
    case_list out;
    out.reserve(cases.size());
    // Where the next case of each group goes: right after the last one placed.
    std::map<std::string, std::size_t> group_end;
    for (auto& c : cases) {
        const auto group = c.share_group;
        if (const auto it = group_end.find(group); !group.empty() && it != group_end.end()) {
            const auto at = it->second;
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), std::move(c));
            for (auto& [name, end] : group_end) {
                if (end > at) {
                    ++end; // a group placed behind the insertion moves one down
                }
            }
            it->second = at + 1;
            continue;
        }
        out.push_back(std::move(c));
        if (!group.empty()) {
            group_end[group] = out.size();
        }
    }
    cases = std::move(out);
}

} // namespace athil::suites
