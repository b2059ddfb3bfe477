// The soak's counting: duplicates, losses, order and records split across serial reads.
#include "tests/soak/soak_tally.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::soak;

TEST(SoakTally, CountsDuplicatesLossesAndOrder) {
    stream_tally t;
    for (std::uint64_t n = 0; n < 6; ++n) {
        t.sent(n);
    }
    for (const std::uint64_t n : {0u, 1u, 1u, 3u, 2u, 5u, 9u}) {
        t.arrived(n);
    }
    const auto c = t.counts();
    EXPECT_EQ(c.sent, 6u);
    EXPECT_EQ(c.received, 7u);
    EXPECT_EQ(c.duplicates, 1u);
    EXPECT_EQ(c.lost, 1u);         // 4
    EXPECT_EQ(c.out_of_order, 1u); // 2 after 3
    EXPECT_EQ(c.unexpected, 1u);   // 9
    EXPECT_EQ(t.delivered(), 5u);
}

TEST(SoakTally, RecordsAcrossReadsAndBetweenSlotPrefixes) {
    EXPECT_EQ(record('D', 42), "D000000042;");
    std::string rest;
    const std::string stream = "1," + record('D', 7) + "2," + record('E', 1) + record('D', 8);
    auto got = parse_records(rest, stream.substr(0, 20), 'D');
    EXPECT_EQ(got, (std::vector<std::uint64_t>{7}));
    got = parse_records(rest, stream.substr(20), 'D');
    EXPECT_EQ(got, (std::vector<std::uint64_t>{8}));
    EXPECT_TRUE(rest.empty());
    std::string other;
    EXPECT_EQ(parse_records(other, stream, 'E'), (std::vector<std::uint64_t>{1}));
    // Garbage that starts like a record is skipped, not taken.
    std::string junk;
    EXPECT_TRUE(parse_records(junk, "D12x4567890;", 'D').empty());
}

} // namespace
