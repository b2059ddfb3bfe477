// The state file ("flash"): round trip, atomic replace, missing and corrupt files.
#include "fixtures/sim/persistence.hpp"
#include "harness/core/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace athil::sim {
namespace {

class persistence_test : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("athil-sim-state-" + std::to_string(std::random_device{}()) + "-" +
               std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
        std::filesystem::create_directories(dir);
        file = dir / "state.json";
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    void write_file(const std::string& text) { std::ofstream(file) << text; }

    std::filesystem::path dir;
    std::filesystem::path file;
};

TEST_F(persistence_test, EverySettingSurvivesARoundTrip) {
    settings s = factory_defaults("123");
    s.mode = work_mode::mqtt_ali;
    s.keepalive = 65535;
    s.clean_session = true;
    s.publish[9] = {true, "/p10", 2, true, true};
    s.subscribe[4] = {true, "/s/#", 1};
    s.will = {true, "/w", 1, true, "bye, now"};
    s.transfer = transfer_mode::distribution;
    s.mqtt_version = 4;
    s.server = "10.1.2.3";
    s.port = 8883;
    s.username.clear();
    s.aliyun = {"cn-shanghai", "pk", "secret", "dev", "42"};
    s.tls = {true, tls_auth::all, {true, false, true, false}, "CA\r\n", "CERT", "KEY"};
    s.echo = false;
    s.packing_time_ms = 500;
    s.packing_length = 5;
    s.heartbeat_enabled = true;
    s.heartbeat_data = "0A0B";
    s.heartbeat_interval_s = 7;
    s.command_password = "pw#";
    s.serial_at_enabled = false;
    save_state(file, s);
    auto loaded = load_state(file);
    ASSERT_TRUE(std::holds_alternative<settings>(loaded));
    EXPECT_EQ(to_json_text(std::get<settings>(loaded)), to_json_text(s));
    EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp"));
}

TEST_F(persistence_test, MissingFileIsReportedAsMissing) {
    EXPECT_TRUE(std::holds_alternative<state_missing>(load_state(file)));
}

TEST_F(persistence_test, CorruptFilesAreReportedNotThrown) {
    const auto good = to_json_text(factory_defaults("1"));
    const std::string cases[] = {
        "",
        "{",
        "not json",
        "[]",
        "{\"format\":1}",
        good.substr(0, good.size() / 2),
        [&] {
            auto t = good;
            t.replace(t.find("\"keepalive\": 60"), 15, "\"keepalive\": 70000");
            return t;
        }(),
        [&] {
            auto t = good;
            t.replace(t.find("\"mqtt_version\": 3"), 17, "\"mqtt_version\": 9");
            return t;
        }(),
        [&] {
            auto t = good;
            t.replace(t.find("\"echo\": true"), 12, "\"echo\": \"yes\"");
            return t;
        }(),
        std::string("\0\1\2\xff", 4),
    };
    for (const auto& text : cases) {
        write_file(text);
        EXPECT_TRUE(std::holds_alternative<state_corrupt>(load_state(file))) << text.substr(0, 40);
    }
    write_file(good);
    EXPECT_TRUE(std::holds_alternative<settings>(load_state(file)));
}

TEST_F(persistence_test, SaveReplacesTheWholeFile) {
    write_file(std::string(100000, 'x'));
    save_state(file, factory_defaults("9"));
    EXPECT_TRUE(std::holds_alternative<settings>(load_state(file)));
}

TEST_F(persistence_test, UnwritablePlaceThrows) {
    EXPECT_THROW(save_state(dir / "no" / "such" / "dir.json", factory_defaults("9")), athil_error);
}

} // namespace
} // namespace athil::sim
