// The catalogue order that lets section-3 cases share a connection: a share group's cases run
// one after another where its first case stands, everything else keeps its relative order.

#include "suites/share_groups.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace athil::suites {
namespace {

case_def named(std::string name, std::string group = {}) {
    case_def c;
    c.suite = "S3_1_3_Distribution";
    c.name = std::move(name);
    c.share_group = std::move(group);
    c.may_share = !c.share_group.empty();
    return c;
}

std::vector<std::string> names(const case_list& cases) {
    std::vector<std::string> out;
    for (const auto& c : cases) {
        out.push_back(c.name);
    }
    return out;
}

TEST(ShareGroups, LaterMembersMoveUpBehindTheirGroupInTheirOwnOrder) {
    case_list cases{named("A1", "a"), named("X"),       named("B1", "b"), named("A2", "a"),
                    named("Y"),       named("B2", "b"), named("A3", "a")};
    keep_share_groups_together(cases);
    EXPECT_EQ(names(cases), (std::vector<std::string>{"A1", "A2", "A3", "X", "B1", "B2", "Y"}));
}

TEST(ShareGroups, CasesWithoutAGroupKeepTheirOrder) {
    case_list cases{named("X"), named("Y"), named("Z")};
    keep_share_groups_together(cases);
    EXPECT_EQ(names(cases), (std::vector<std::string>{"X", "Y", "Z"}));
}

} // namespace
} // namespace athil::suites
