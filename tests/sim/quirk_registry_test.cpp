// The quirk registry: one row per enumerator, names as `--quirk` takes them, and the one
// parser of those names refusing an unknown one with the list of known ones.
#include "fixtures/sim/quirks/parse_quirks.hpp"
#include "fixtures/sim/quirks/quirk.hpp"
#include "harness/core/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace athil::sim {
namespace {

TEST(quirk_registry_test, UnknownNameIsRefusedWithTheKnownOnes) {
    try {
        parse_quirks({"no-echo", "no-such-quirk"});
        FAIL() << "no exception";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        const std::string what = e.what();
        EXPECT_NE(what.find("no-such-quirk"), std::string::npos) << what;
        EXPECT_NE(what.find("mqttsta-unquoted"), std::string::npos) << what;
    }
    const auto set = parse_quirks({"no-echo", "no-echo"});
    EXPECT_TRUE(set.has(quirk::no_echo));
    EXPECT_FALSE(set.has(quirk::no_pingreq));
    EXPECT_EQ(set.size(), 1u);
}

TEST(quirk_registry_test, EveryQuirkHasOneRowWithItsEnumeratorsName) {
    ASSERT_EQ(known_quirks().size(), quirk_count);
    std::set<std::string_view> names;
    for (const auto& q : known_quirks()) {
        SCOPED_TRACE(std::string(q.name));
        EXPECT_FALSE(q.description.empty());
        EXPECT_TRUE(names.insert(q.name).second) << "name given twice";
        EXPECT_EQ(quirk_name(q.id), q.name);
        const auto set = parse_quirks({std::string(q.name)});
        EXPECT_TRUE(set.has(q.id));
        EXPECT_EQ(set.size(), 1u);
    }
}

TEST(quirk_registry_test, EmptySetIsTheFaithfulModule) {
    const quirk_set none;
    EXPECT_TRUE(none.empty());
    for (const auto& q : known_quirks()) {
        EXPECT_FALSE(none.has(q.id)) << q.name;
    }
}

} // namespace
} // namespace athil::sim
