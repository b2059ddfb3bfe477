// The profile loader and known-deviation matching.

#include "harness/core/error.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "tests/suites/temp_yaml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace athil::spec {
namespace {

using testing::HasSubstr;

const std::string good = R"(profile: p
description: d
errors: {style: cme, unknown_command: 58, invalid_parameter: 50}
echo_default: off
mqttsta_quoted: false
pubtp_fields: 5
boot_banner: "WH-GM5"
timing: {command_timeout_ms: 2000, restart_timeout_ms: 9000}
deviations:
  - id: E.1
    clause: "2.19"
    reason: prints +HTTPSCRT
    cases: ["S2_19_SSLCRT.TestForm", "S2_18_*.Query*"]
)";

std::string error_of(const std::string& text) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("p.yaml", text);
    try {
        load_profile(file);
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        return e.what();
    }
    ADD_FAILURE() << "accepted:\n" << text;
    return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return text.replace(pos, from.size(), to);
}

TEST(ProfileLoader, LoadsPinsAndDeviations) {
    test::temp_yaml_dir dir;
    const auto p = load_profile(dir.write("p.yaml", good));
    EXPECT_EQ(p.name, "p");
    EXPECT_EQ(p.errors.style, error_style::cme);
    EXPECT_EQ(p.errors.invalid_parameter.value_or(0), 50);
    EXPECT_FALSE(p.echo_default);
    EXPECT_FALSE(p.mqttsta_quoted);
    EXPECT_EQ(p.pubtp_fields, 5U);
    EXPECT_EQ(p.times.command_timeout, std::chrono::milliseconds(2000));
    EXPECT_EQ(p.times.guard_time, std::chrono::milliseconds(250)); // default kept
    ASSERT_EQ(p.deviations.size(), 1U);
    EXPECT_EQ(p.deviations[0].line, 10);
}

TEST(ProfileLoader, DeviationCoversByPattern) {
    test::temp_yaml_dir dir;
    const auto p = load_profile(dir.write("p.yaml", good));
    EXPECT_NE(p.deviation_for("S2_19_SSLCRT.TestForm"), nullptr);
    EXPECT_NE(p.deviation_for("S2_18_SSLEN.QueryDefault"), nullptr);
    EXPECT_EQ(p.deviation_for("S2_19_SSLCRT.TestFormX"), nullptr);
    EXPECT_EQ(p.deviation_for("S2_18_SSLEN.SetAcceptsOn"), nullptr);
}

// A deviation naming MQTT statements covers only the wire monitor's findings of those
// statements, never a case's own failure; one without cases covers every case.
TEST(ProfileLoader, StatementDeviationCoversOnlyItsStatements) {
    test::temp_yaml_dir dir;
    const auto p = load_profile(dir.write("p.yaml", good + R"(  - id: W.1
    clause: "3.1"
    reason: reuses packet ids
    statements: ["MQTT-2.3.1-2"]
  - id: W.2
    clause: "3.1"
    reason: DUP on QoS 0 in one case
    statements: ["MQTT-3.3.1-2"]
    cases: ["S3_1_Qos.*"]
)"));
    ASSERT_NE(p.statement_deviation("S3_1_1_Transparent.X", "MQTT-2.3.1-2"), nullptr);
    EXPECT_EQ(p.statement_deviation("S3_1_1_Transparent.X", "MQTT-2.3.1-2")->id, "W.1");
    EXPECT_EQ(p.statement_deviation("S3_1_1_Transparent.X", "MQTT-3.3.1-2"), nullptr);
    EXPECT_NE(p.statement_deviation("S3_1_Qos.Qos1InboundPuback", "MQTT-3.3.1-2"), nullptr);
    EXPECT_EQ(p.statement_deviation("S2_19_SSLCRT.TestForm", "MQTT-3.3.1-9"), nullptr);
    EXPECT_EQ(p.deviation_for("S3_1_Qos.Qos1InboundPuback"), nullptr);
    EXPECT_NE(p.deviation_for("S2_19_SSLCRT.TestForm"), nullptr);
}

TEST(ProfileLoader, DeviationNeedsCasesOrStatements) {
    EXPECT_THAT(error_of(replaced(
                    good, "    cases: [\"S2_19_SSLCRT.TestForm\", \"S2_18_*.Query*\"]\n", "")),
                HasSubstr("needs 'cases' (the case names it covers) or 'statements'"));
}

TEST(ProfileLoader, GlobMatch) {
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("a*b?d", "aXXbcd"));
    EXPECT_FALSE(glob_match("a*b?d", "aXXbd"));
    EXPECT_TRUE(glob_match("*.Query*", "S2_1_WKMOD.QueryDefault"));
}

TEST(ProfileLoader, SchemaErrors) {
    EXPECT_THAT(error_of(replaced(good, "pubtp_fields: 5", "pubtp_fields: 7")),
                HasSubstr("p.yaml:6: 'pubtp_fields' must be in 5..6, not 7"));
    EXPECT_THAT(error_of(replaced(good, "echo_default: off", "echo_default: maybe")),
                HasSubstr(":4: 'echo_default' must be on or off"));
    EXPECT_THAT(error_of(replaced(good, "description: d", "description: d\ncolour: red")),
                HasSubstr(":3: unknown key 'colour' in a profile file"));
    EXPECT_THAT(error_of(replaced(good, "style: cme", "style: loud")),
                HasSubstr("style must be cme, plain or any, not 'loud'"));
    EXPECT_THAT(error_of(replaced(good, "style: cme", "style: plain")),
                HasSubstr("error codes can only be pinned with style cme"));
    EXPECT_THAT(error_of(replaced(good, "    reason: prints +HTTPSCRT\n", "")),
                HasSubstr(":10: a deviation lacks the required key 'reason'"));
    EXPECT_THAT(error_of(replaced(good, "command_timeout_ms: 2000", "command_timeout_ms: x")),
                HasSubstr("'command_timeout_ms' must be an integer, not 'x'"));
    EXPECT_THAT(error_of(replaced(good, "boot_banner: \"WH-GM5\"", "boot_banner: \"([\"")),
                HasSubstr("boot_banner:"));
}

TEST(ProfileLoader, RejectsADeviationIdListedTwice) {
    const std::string twice = good + R"(  - id: E.1
    clause: "2.18"
    reason: again
    cases: ["S2_18_SSLEN.TestForm"]
)";
    EXPECT_THAT(error_of(twice),
                HasSubstr("p.yaml:14: deviation E.1 is listed twice (first at line 10)"));
}

TEST(ProfileLoader, RejectsADeviationOfNoClauseOfTheManual) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("p.yaml", replaced(good, "clause: \"2.19\"", "clause: \"2.99\""));
    const auto p = load_profile(file);
    const auto manual = load_manual(ATHIL_SPEC_DIR);
    try {
        check_deviation_clauses(p, manual);
        ADD_FAILURE() << "a deviation of clause 2.99 was accepted";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        EXPECT_THAT(e.what(), HasSubstr(file.string() + ":10: deviation E.1 names clause '2.99', "
                                                        "which is not a clause of the manual"));
    }
    // Every clause the repository's profiles name is one of the manual's, a section too.
    EXPECT_NO_THROW(check_deviation_clauses(
        load_profile(find_profile("errata-firmware", {ATHIL_PROFILE_DIR})), manual));
    auto whole_section = p;
    whole_section.deviations[0].clause = "3"; // section 3 as a whole: its parts are 3.1, 3.2
    EXPECT_NO_THROW(check_deviation_clauses(whole_section, manual));
}

TEST(ProfileLoader, FindsByNameOrFile) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("mine.yaml", good);
    EXPECT_EQ(find_profile("mine", {dir.path()}), file);
    EXPECT_EQ(find_profile(file.string(), {}), file);
    try {
        find_profile("nope", {dir.path()});
        FAIL();
    } catch (const athil_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("unknown profile 'nope' (known: mine)"));
    }
}

TEST(ProfileLoader, RepositoryProfilesLoad) {
    const auto ref = load_profile(find_profile("reference", {ATHIL_PROFILE_DIR}));
    EXPECT_EQ(ref.errors.unknown_command.value_or(0), 58);
    EXPECT_TRUE(ref.deviations.empty());
    const auto errata = load_profile(find_profile("errata-firmware", {ATHIL_PROFILE_DIR}));
    EXPECT_EQ(errata.errors.style, error_style::plain);
    ASSERT_NE(errata.deviation_for("S2_19_SSLCRT.TestForm"), nullptr);
    EXPECT_EQ(errata.deviation_for("S2_19_SSLCRT.TestForm")->id, "E.1");
    ASSERT_NE(errata.statement_deviation("S3_1_Qos.Qos1OutboundPuback", "MQTT-2.3.1-2"), nullptr);
    EXPECT_EQ(errata.statement_deviation("S3_1_Qos.Qos1OutboundPuback", "MQTT-2.3.1-2")->id, "F.3");
}

} // namespace
} // namespace athil::spec
