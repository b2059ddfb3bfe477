// Every MQTT-side quirk name is in the simulator's registry and switches on exactly its flag.

#include "fixtures/sim/mqtt/mqtt_quirks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace athil::sim {
namespace {

std::size_t flags_on(const mqtt_quirk_flags& flags) {
    return static_cast<std::size_t>(
        std::count_if(mqtt_quirk_names.begin(), mqtt_quirk_names.end(),
                      [&](const mqtt_quirk_name& q) { return flags.*q.flag; }));
}

TEST(MqttQuirks, EachNameIsRegisteredAndSetsOnlyItsFlag) {
    const auto known = known_quirks();
    for (const auto& q : mqtt_quirk_names) {
        SCOPED_TRACE(std::string(q.name));
        EXPECT_TRUE(std::any_of(known.begin(), known.end(),
                                [&](const quirk_info& k) { return k.name == q.name; }));
        const auto flags = mqtt_quirks_from(quirk_set::parse({std::string(q.name)}));
        EXPECT_TRUE(flags.*q.flag);
        EXPECT_EQ(flags_on(flags), 1U);
    }
}

TEST(MqttQuirks, NoQuirkNoFlagAndModelQuirksAreIgnored) {
    EXPECT_EQ(flags_on(mqtt_quirks_from(quirk_set{})), 0U);
    EXPECT_EQ(flags_on(mqtt_quirks_from(quirk_set::parse({"no-echo", "mqttsta-unquoted"}))), 0U);
}

} // namespace
} // namespace athil::sim
