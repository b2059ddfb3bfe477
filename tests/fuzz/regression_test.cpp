// Bugs the fuzz targets found, each pinned by the behaviour it broke. The inputs themselves are
// kept in corpus/<target>/regression-* and replayed by corpus_replay_test.
#include "fixtures/sim/executor.hpp"
#include "fixtures/sim/persistence.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace athil::sim;

// sim_command: AT+MQTTCID=dev1<0x99> was accepted, then every save threw (the state file is
// JSON, which holds only UTF-8): AT+S answered OK and lost all settings at the next boot.
TEST(FuzzRegression, SimSavesSettingsHoldingNonUtf8Bytes) {
    const identity id;
    const quirk_set quirks;
    settings s = factory_defaults(id.serial_number);
    ASSERT_TRUE(execute(s, "AT+MQTTUSER=kept", command_context{id, quirks, false}).ok);
    const auto set = execute(s, "AT+MQTTCID=dev1\x99", command_context{id, quirks, false});
    ASSERT_TRUE(set.ok) << set.response;

    std::string text;
    ASSERT_NO_THROW(text = to_json_text(s));
    const settings loaded = from_json_text(text);
    EXPECT_EQ(loaded.username, "kept");
    EXPECT_EQ(loaded.client_id, "dev1"); // JSON cannot hold the byte: it is dropped
    EXPECT_EQ(to_json_text(loaded), text);
}

// sim_command, after a first fix that replaced each such byte by U+FFFD (three bytes): a
// server name near its length limit grew past it in the state file, which then no longer
// loaded, so again every setting was lost at the next boot.
TEST(FuzzRegression, SimStateFileWithNonUtf8BytesStaysLoadable) {
    const identity id;
    const quirk_set quirks;
    settings s = factory_defaults(id.serial_number);
    const std::string server = "broker." + std::string(90, '\xf1') + ".example";
    const auto set =
        execute(s, "AT+MQTTSVR=" + server + ",1884", command_context{id, quirks, false});
    ASSERT_TRUE(set.ok) << set.response;

    const settings loaded = from_json_text(to_json_text(s));
    EXPECT_EQ(loaded.server, "broker..example");
    EXPECT_EQ(loaded.port, 1884);
}

} // namespace
