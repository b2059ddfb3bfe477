// The timing profile loader: the shipped profiles, the schema, and its one-line errors.

#include "harness/core/error.hpp"
#include "harness/spec/timing_profile_loader.hpp"
#include "tests/suites/temp_yaml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace athil::spec {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

const std::string good = R"(timing: rack-7
description: the module on rack 7 as measured
seed: 42
boot_ms: 300
registration_ms: 500
uplink:
  latency_ms: 100
  jitter_ms: 20
serial:
  baud: 9600
at_latency_ms: 50
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return text.replace(pos, from.size(), to);
}

std::string error_of(const std::string& text) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("t.yaml", text);
    try {
        read_timing_profile(file);
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        EXPECT_THAT(e.what(), HasSubstr(file.string() + ":")) << "names the file";
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line";
        return e.what();
    }
    ADD_FAILURE() << "accepted:\n" << text;
    return {};
}

TEST(TimingProfileLoader, ReadsEveryField) {
    test::temp_yaml_dir dir;
    const auto t = read_timing_profile(dir.write("t.yaml", good));
    EXPECT_EQ(t.name, "rack-7");
    EXPECT_EQ(t.description, "the module on rack 7 as measured");
    EXPECT_EQ(t.seed, 42U);
    EXPECT_EQ(t.boot, milliseconds(300));
    EXPECT_EQ(t.registration, milliseconds(500));
    EXPECT_EQ(t.uplink_latency, milliseconds(100));
    EXPECT_EQ(t.uplink_jitter, milliseconds(20));
    EXPECT_EQ(t.baud, 9600U);
    EXPECT_EQ(t.at_latency, milliseconds(50));
    EXPECT_THAT(t.file, HasSubstr("t.yaml"));
}

// Only the name and description are required; the rest keeps the instant defaults.
TEST(TimingProfileLoader, OmittedFieldsKeepTheInstantDefaults) {
    test::temp_yaml_dir dir;
    const auto t = read_timing_profile(dir.write("t.yaml", "timing: x\ndescription: d\n"));
    const timing_profile instant;
    EXPECT_EQ(t.boot, instant.boot);
    EXPECT_EQ(t.registration, milliseconds(0));
    EXPECT_EQ(t.uplink_latency, milliseconds(0));
    EXPECT_EQ(t.baud, 0U);
    EXPECT_EQ(t.seed, 1U);
}

TEST(TimingProfileLoader, ShippedProfilesLoadByName) {
    const std::filesystem::path suites = ATHIL_SUITES_DIR;
    const auto realistic = load_timing_profile("realistic", suites);
    EXPECT_EQ(realistic.name, "realistic");
    EXPECT_EQ(realistic.boot, milliseconds(10000));
    EXPECT_EQ(realistic.registration, milliseconds(3000));
    EXPECT_EQ(realistic.uplink_latency, milliseconds(150));
    EXPECT_EQ(realistic.uplink_jitter, milliseconds(50));
    EXPECT_EQ(realistic.baud, 115200U);
    EXPECT_GT(realistic.at_latency, milliseconds(0));

    // instant.yaml is what a run without --timing gets: it must equal the built-in default.
    const auto instant = load_timing_profile("instant", suites);
    const timing_profile builtin;
    EXPECT_EQ(instant.name, builtin.name);
    EXPECT_EQ(instant.boot, builtin.boot);
    EXPECT_EQ(instant.registration, builtin.registration);
    EXPECT_EQ(instant.uplink_latency, builtin.uplink_latency);
    EXPECT_EQ(instant.uplink_jitter, builtin.uplink_jitter);
    EXPECT_EQ(instant.baud, builtin.baud);
    EXPECT_EQ(instant.at_latency, builtin.at_latency);
}

TEST(TimingProfileLoader, LoadsByPath) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("mine.yaml", good);
    EXPECT_EQ(load_timing_profile(file.string(), "/nonexistent").name, "rack-7");
}

TEST(TimingProfileLoader, UnknownNameListsTheKnownOnes) {
    try {
        load_timing_profile("nope", ATHIL_SUITES_DIR);
        FAIL() << "accepted an unknown name";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        EXPECT_THAT(e.what(), HasSubstr("unknown timing profile 'nope'"));
        EXPECT_THAT(e.what(), HasSubstr("instant, realistic"));
    }
}

TEST(TimingProfileLoader, MissingFileIsNamed) {
    try {
        load_timing_profile("/no/such/rack.yaml", ATHIL_SUITES_DIR);
        FAIL() << "accepted a missing file";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        EXPECT_THAT(e.what(), HasSubstr("/no/such/rack.yaml:0: no such timing profile file"));
    }
}

TEST(TimingProfileLoader, RejectsUnknownKeysNamingThem) {
    EXPECT_THAT(error_of(good + "boot_time: 5\n"), HasSubstr("unknown key 'boot_time'"));
    EXPECT_THAT(error_of(replaced(good, "  jitter_ms: 20", "  jitter: 20")),
                HasSubstr("unknown key 'jitter' in 'uplink'"));
    EXPECT_THAT(error_of(replaced(good, "  baud: 9600", "  bauds: 9600")),
                HasSubstr("unknown key 'bauds' in 'serial'"));
}

TEST(TimingProfileLoader, RejectsNegativeNumbersNamingTheKey) {
    EXPECT_THAT(error_of(replaced(good, "boot_ms: 300", "boot_ms: -300")),
                HasSubstr(":4: 'boot_ms' must be in 0..600000, not -300"));
    EXPECT_THAT(error_of(replaced(good, "latency_ms: 100", "latency_ms: -1")),
                HasSubstr("'latency_ms'"));
    EXPECT_THAT(error_of(replaced(good, "baud: 9600", "baud: -9600")), HasSubstr("'baud'"));
    EXPECT_THAT(error_of(replaced(good, "at_latency_ms: 50", "at_latency_ms: -5")),
                HasSubstr("'at_latency_ms'"));
    EXPECT_THAT(error_of(replaced(good, "seed: 42", "seed: -1")), HasSubstr("'seed'"));
    EXPECT_THAT(error_of(replaced(good, "registration_ms: 500", "registration_ms: soon")),
                HasSubstr("'registration_ms' must be an integer"));
}

TEST(TimingProfileLoader, RejectsJitterBeyondLatency) {
    EXPECT_THAT(error_of(replaced(good, "jitter_ms: 20", "jitter_ms: 101")),
                HasSubstr(":8: 'jitter_ms' (101) must not exceed 'latency_ms' (100)"));
}

TEST(TimingProfileLoader, RequiresNameAndDescription) {
    EXPECT_THAT(error_of(replaced(good, "timing: rack-7\n", "")),
                HasSubstr("lacks the required key 'timing'"));
    EXPECT_THAT(error_of(replaced(good, "description: the module on rack 7 as measured\n", "")),
                HasSubstr("lacks the required key 'description'"));
}

} // namespace
} // namespace athil::spec
