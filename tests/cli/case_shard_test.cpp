#include "harness/runner/case_shard.hpp"

#include "harness/core/error.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace athil::runner {
namespace {

using suites::case_def;
using suites::case_list;

case_list make_cases(std::size_t n) {
    case_list cases;
    for (std::size_t i = 0; i < n; ++i) {
        case_def c;
        c.suite = "S2_" + std::to_string(i / 4);
        c.name = "Case" + std::to_string(i);
        cases.push_back(c);
    }
    return cases;
}

std::vector<std::string> names(const case_list& cases) {
    std::vector<std::string> out;
    for (const auto& c : cases) {
        out.push_back(c.full_name());
    }
    return out;
}

// Every case in exactly one shard, each shard in catalogue order.
void expect_partition(const case_list& all, unsigned count, const case_durations& durations) {
    std::vector<std::string> joined;
    for (unsigned i = 1; i <= count; ++i) {
        const auto part = names(select_shard(all, {i, count}, durations));
        auto sorted_by_catalogue = part;
        const auto all_names = names(all);
        std::sort(sorted_by_catalogue.begin(), sorted_by_catalogue.end(),
                  [&](const std::string& a, const std::string& b) {
                      return std::find(all_names.begin(), all_names.end(), a) <
                             std::find(all_names.begin(), all_names.end(), b);
                  });
        EXPECT_EQ(part, sorted_by_catalogue) << "shard " << i << " out of catalogue order";
        joined.insert(joined.end(), part.begin(), part.end());
    }
    auto expected = names(all);
    std::sort(joined.begin(), joined.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(joined, expected);
}

TEST(ParseShard, ReadsIndexAndCount) {
    const auto s = parse_shard("2/3");
    EXPECT_EQ(s.index, 2U);
    EXPECT_EQ(s.count, 3U);
}

TEST(ParseShard, RejectsMalformedAndOutOfRange) {
    for (const auto* text : {"", "2", "0/3", "4/3", "1/0", "a/3", "1/3x", "-1/3", "1//3"}) {
        try {
            parse_shard(text);
            ADD_FAILURE() << "accepted '" << text << "'";
        } catch (const athil_error& e) {
            EXPECT_EQ(e.code(), make_error_code(errc::bad_input)) << text;
            EXPECT_NE(std::string(e.what()).find("--shard"), std::string::npos) << e.what();
        }
    }
}

TEST(SelectShard, RoundRobinWithoutDurations) {
    const auto all = make_cases(7);
    EXPECT_EQ(names(select_shard(all, {1, 3})),
              (std::vector<std::string>{"S2_0.Case0", "S2_0.Case3", "S2_1.Case6"}));
    EXPECT_EQ(names(select_shard(all, {3, 3})),
              (std::vector<std::string>{"S2_0.Case2", "S2_1.Case5"}));
    expect_partition(all, 3, {});
    expect_partition(all, 1, {});
    expect_partition(all, 9, {}); // more shards than cases: some are empty
}

TEST(SelectShard, DurationsBalanceTheParts) {
    const auto all = make_cases(6);
    // One long case and five short ones: the long one runs alone.
    case_durations d{{"S2_0.Case2", std::chrono::milliseconds(1000)}};
    for (const auto* n : {"S2_0.Case0", "S2_0.Case1", "S2_0.Case3", "S2_1.Case4", "S2_1.Case5"}) {
        d[n] = std::chrono::milliseconds(100);
    }
    EXPECT_EQ(names(select_shard(all, {1, 2}, d)), (std::vector<std::string>{"S2_0.Case2"}));
    EXPECT_EQ(names(select_shard(all, {2, 2}, d)).size(), 5U);
    expect_partition(all, 2, d);
    expect_partition(all, 4, d);
}

TEST(SelectShard, UnknownCasesCountAsTheMean) {
    const auto all = make_cases(4);
    // Case0 known at 300 ms; the others are unknown and count 300 ms each: two per shard.
    const case_durations d{{"S2_0.Case0", std::chrono::milliseconds(300)}};
    EXPECT_EQ(names(select_shard(all, {1, 2}, d)).size(), 2U);
    EXPECT_EQ(names(select_shard(all, {2, 2}, d)).size(), 2U);
    expect_partition(all, 2, d);
}

TEST(SelectShard, SameInputSameSplit) {
    const auto all = make_cases(20);
    case_durations d;
    for (std::size_t i = 0; i < all.size(); ++i) {
        d[all[i].full_name()] = std::chrono::milliseconds((i * 37) % 11 + 1);
    }
    EXPECT_EQ(names(select_shard(all, {2, 3}, d)), names(select_shard(all, {2, 3}, d)));
}

} // namespace
} // namespace athil::runner
