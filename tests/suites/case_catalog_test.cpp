// The cases generated from the repository's spec: names, counts, clause selection, and the
// profile's effect on what is expected. No module needed.

#include "harness/core/error.hpp"
#include "harness/mqtt/statements.hpp"
#include "harness/runner/case_filter.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/case_catalog.hpp"
#include "suites/mqtt/mqtt_checks.hpp"
#include "suites/run_environment.hpp"
#include "tests/suites/temp_yaml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace athil::suites {
namespace {

using runner::parse_case_filter;
using runner::select_cases;

spec::profile profile_named(const std::string& name) {
    return spec::load_profile(spec::find_profile(name, {ATHIL_PROFILE_DIR}));
}

class CaseCatalog : public testing::Test {
protected:
    CaseCatalog()
        : manual_(apply_profile(spec::load_manual(ATHIL_SPEC_DIR), profile_named("reference")))
        , cases_(build_cases(manual_)) {}

    bool has(const std::string& full) const {
        return std::any_of(cases_.begin(), cases_.end(),
                           [&](const case_def& c) { return c.full_name() == full; });
    }

    spec::manual manual_;
    case_list cases_;
};

TEST_F(CaseCatalog, NamesFollowClauseAndCheck) {
    for (const auto* name : {"S2_2_MQTTCFG.QueryDefault",
                             "S2_2_MQTTCFG.TestForm",
                             "S2_2_MQTTCFG.SetAcceptsKeepalive65535",
                             "S2_2_MQTTCFG.SetRejectsKeepalive65536",
                             "S2_2_MQTTCFG.SetRejectsKeepaliveMinus1",
                             "S2_3_MQTTPUBTP.SetRejectsQos3",
                             "S2_3_MQTTPUBTP.SetAcceptsPubnum10",
                             "S2_3_MQTTPUBTP.SetRejectsPubnum11",
                             "S2_3_MQTTPUBTP.SetRejectsTopicLength129",
                             "S2_1_WKMOD.SetAcceptsModeMqttNor",
                             "S2_11_MQTTPSW.SecretRedacted",
                             "S2_12_MQTTSTA.SetFormRejected",
                             "S2_19_SSLCRT.QueryFormRejected",
                             "S2_19_SSLCRT.SetAcceptsCrtCode2",
                             "S2_19_SSLCRT.SecretRedacted",
                             "S2_8_MQTTSVR.SetWithoutPort",
                             "S2_2_MQTTCFG.SavePersists",
                             "S2_2_MQTTCFG.ZDiscardsUnsaved",
                             "S1_1_Framing.CrLfTerminated",
                             "S1_2_CommandMode.PlusHandshake",
                             "SS_CMDPW.SerialAtPrefixInDataMode",
                             "SS_UARTFT.SetRejectsMs501",
                             "S2_5_MQTTWILL.ShortFormKeepsFields"}) {
        EXPECT_TRUE(has(name)) << name;
    }
    EXPECT_FALSE(has("S2_12_MQTTSTA.SavePersists"));
    EXPECT_FALSE(has("S2_19_SSLCRT.QueryDefault"));
}

// docs/MQTT-COVERAGE.md credits cases by name: each name (or pattern) must select a case.
TEST_F(CaseCatalog, StatementTableNamesRealCases) {
    for (const auto& s : athil::mqtt::client_statements()) {
        if (s.how != athil::mqtt::coverage::cases && s.how != athil::mqtt::coverage::monitor) {
            continue;
        }
        std::string_view rest = s.where;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            auto name = std::string(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
            name.erase(0, name.find_first_not_of(' '));
            const bool found = std::any_of(cases_.begin(), cases_.end(), [&](const case_def& c) {
                return spec::glob_match(name, c.full_name());
            });
            EXPECT_TRUE(found) << s.id << " names " << name << ", which is no case";
        }
    }
}

// A statement a repository profile tolerates is one the table knows (a typo would tolerate
// nothing, silently).
TEST(ProfileStatements, RepositoryProfilesNameKnownStatements) {
    for (const auto* name : {"reference", "errata-firmware", "lenient-codes"}) {
        for (const auto& d : profile_named(name).deviations) {
            for (const auto& id : d.statements) {
                EXPECT_NE(athil::mqtt::find_statement(id), nullptr)
                    << name << " deviation " << d.id << " names " << id;
            }
        }
    }
}

TEST_F(CaseCatalog, NamesAreUniqueAndGtestFriendly) {
    std::set<std::string> seen;
    for (const auto& c : cases_) {
        EXPECT_TRUE(seen.insert(c.full_name()).second) << c.full_name();
        EXPECT_EQ(c.name.find('_'), std::string::npos) << c.full_name();
        EXPECT_TRUE(static_cast<bool>(c.body)) << c.full_name();
        EXPECT_FALSE(c.file.empty()) << c.full_name();
    }
    EXPECT_GT(cases_.size(), 300U);
}

TEST_F(CaseCatalog, EverySectionHasCases) {
    const auto counts = count_by_section(manual_, cases_);
    ASSERT_GE(counts.size(), 23U); // 1, 2.1 .. 2.21, S; section 3 files come on top
    std::set<std::string> ids;
    for (const auto& s : counts) {
        EXPECT_GT(s.cases, 0U) << s.section;
        EXPECT_TRUE(ids.insert(s.section).second) << "section " << s.section << " listed twice";
    }
}

// `athil list` says N cases for a section; `--filter <section>` must run exactly those N.
TEST_F(CaseCatalog, SectionCountsAreWhatTheirFilterRuns) {
    for (const auto& s : count_by_section(manual_, cases_)) {
        const auto selected = select_cases(cases_, parse_case_filter({s.section}));
        EXPECT_EQ(selected.size(), s.cases) << "section " << s.section;
    }
}

TEST_F(CaseCatalog, ClauseFilterKeepsOnlyThatClause) {
    const auto only = select_cases(cases_, parse_case_filter({"2.1"}));
    ASSERT_FALSE(only.empty());
    for (const auto& c : only) {
        EXPECT_EQ(c.clause, "2.1") << c.full_name(); // not 2.10 .. 2.19
    }
    const auto two = select_cases(cases_, parse_case_filter({"1,S"}));
    for (const auto& c : two) {
        EXPECT_TRUE(c.clause == "S" || c.clause.starts_with("1.")) << c.full_name();
    }
}

TEST_F(CaseCatalog, FilterIsTolerantWhereUnambiguous) {
    const auto strict = select_cases(cases_, parse_case_filter({"2.2,2.7"}));
    ASSERT_FALSE(strict.empty());
    // Spaces after commas, a repeated option, trailing commas: the same selection.
    EXPECT_EQ(select_cases(cases_, parse_case_filter({"2.2, 2.7"})).size(), strict.size());
    EXPECT_EQ(select_cases(cases_, parse_case_filter({"2.2", " 2.7 ,"})).size(), strict.size());
    // "s" is the supplementary section; "s1" and "S2_3" are the suite-name form of a clause.
    EXPECT_EQ(select_cases(cases_, parse_case_filter({"s"})).size(),
              select_cases(cases_, parse_case_filter({"S"})).size());
    EXPECT_EQ(select_cases(cases_, parse_case_filter({"s1"})).size(),
              select_cases(cases_, parse_case_filter({"1"})).size());
    EXPECT_EQ(select_cases(cases_, parse_case_filter({"S2_3"})).size(),
              select_cases(cases_, parse_case_filter({"2.3"})).size());
    // Case names, comma-separated, and a bare suite name for all its cases.
    const auto names = select_cases(
        cases_, parse_case_filter({"S2_3_MQTTPUBTP.SetRejectsQos3,S2_2_MQTTCFG.QueryDefault"}));
    EXPECT_EQ(names.size(), 2U);
    const auto suite = select_cases(cases_, parse_case_filter({"S2_3_MQTTPUBTP"}));
    EXPECT_EQ(suite.size(), select_cases(cases_, parse_case_filter({"S2_3_MQTTPUBTP.*"})).size());
    EXPECT_GT(suite.size(), 5U);
}

TEST_F(CaseCatalog, FilterSelectingNothingIsAnErrorWithSuggestions) {
    const auto message = [&](const std::string& filter) -> std::string {
        try {
            select_cases(cases_, parse_case_filter({filter}));
        } catch (const athil_error& e) {
            EXPECT_EQ(e.code(), errc::bad_input);
            return e.what();
        }
        return "selected cases";
    };
    EXPECT_THAT(message("9.9"), testing::HasSubstr("no case matches --filter 9.9"));
    // One item of several that matches nothing is enough to stop: a typo is never silent.
    EXPECT_THAT(message("2.2,2.77"), testing::HasSubstr("--filter 2.77; nearest clauses: "));
    EXPECT_THAT(message("2.2,2.77"), testing::HasSubstr(" 2.7 "));
    EXPECT_THAT(message("S2_3_MQTTPUBTP.SetRejectsQos9"),
                testing::HasSubstr("nearest names: S2_3_MQTTPUBTP.SetRejectsQos3"));
    EXPECT_THAT(message("2.2 2.7"), testing::HasSubstr("separate items with commas"));
    // An empty filter selects every case.
    EXPECT_EQ(select_cases(cases_, parse_case_filter({})).size(), cases_.size());
}

TEST_F(CaseCatalog, GtestFilterSyntax) {
    EXPECT_TRUE(matches_gtest_filter("S2_3_MQTTPUBTP.SetRejectsQos3", "S2_3_*"));
    EXPECT_FALSE(matches_gtest_filter("S2_3_MQTTPUBTP.SetRejectsQos3", "S2_3_*-*Qos3"));
    EXPECT_TRUE(matches_gtest_filter("S2_3_MQTTPUBTP.SetRejectsQos3", "S1_*:*.SetRejects*"));
    EXPECT_TRUE(matches_gtest_filter("X.Y", ""));
}

TEST(ApplyProfile, PinsChangeTheExpectations) {
    spec::profile p = profile_named("reference");
    p.pubtp_fields = 5;
    p.mqttsta_quoted = false;
    p.echo_default = false;
    const auto m = apply_profile(spec::load_manual(ATHIL_SPEC_DIR), p);
    EXPECT_EQ(m.find("MQTTPUBTP")->parameters.size(), 5U);
    EXPECT_EQ(m.find("MQTTPUBTP")->defaults.front(), "1,1,/PubTopic1,0,0");
    EXPECT_EQ(m.find("MQTTSTA")->defaults.front(), "DISCONNECTION");
    EXPECT_EQ(m.find("E")->defaults.front(), "OFF");
}

std::string build_error(const std::string& yaml) {
    test::temp_yaml_dir dir;
    dir.write("s.yaml", yaml);
    const auto m = spec::load_manual(dir.path());
    try {
        build_cases(m);
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        return e.what();
    }
    ADD_FAILURE() << "accepted:\n" << yaml;
    return {};
}

TEST(CaseCatalogErrors, CheckWithoutImplementationIsALoadError) {
    // The line of the `check:` key, the implementation asked for and the case naming it.
    EXPECT_THAT(build_error(R"(section: "1"
title: t
checks:
  - id: CrTerminatedAgain
    check: NoSuchCheck
    group: Framing
    clause: "1.1"
    title: nothing implements this
)"),
                testing::HasSubstr("s.yaml:5: no implementation for check 'NoSuchCheck' (named by "
                                   "CrTerminatedAgain"));
}

TEST(CaseCatalogErrors, CheckKeyIsRequired) {
    test::temp_yaml_dir dir;
    dir.write("s.yaml", R"(section: "1"
title: t
checks:
  - id: CrTerminated
    group: Framing
    clause: "1.1"
    title: the implementation is not guessed from the id
)");
    try {
        spec::load_manual(dir.path());
        FAIL() << "accepted";
    } catch (const athil_error& e) {
        EXPECT_THAT(e.what(),
                    testing::HasSubstr("s.yaml:4: a check lacks the required key 'check'"));
    }
}

// A case that only changes inputs is data: a new id naming an existing implementation.
TEST(CaseCatalogVariants, NeedOnlyData) {
    test::temp_yaml_dir dir;
    dir.write("s.yaml", R"(section: "3.1.1"
title: t
checks:
  - id: PackingByIdleTimeShortGap
    check: PackingByIdleTime
    group: Transparent
    clause: "3.1.1"
    title: a variant with other inputs
    inputs: {gap_ms: "80"}
)");
    const auto m = spec::load_manual(dir.path());
    const auto cases = build_cases(m);
    ASSERT_EQ(cases.size(), 1U);
    EXPECT_EQ(cases[0].full_name(), "S3_1_1_Transparent.PackingByIdleTimeShortGap");
    EXPECT_EQ(cases[0].check, "PackingByIdleTime");
    EXPECT_TRUE(mqtt::needs_rig(cases)) << "the rig follows the implementation, not the name";
}

// A misspelt input would leave the variant running with the code's default: the same case twice.
TEST(CaseCatalogErrors, InputTheImplementationDoesNotReadIsALoadError) {
    EXPECT_THAT(build_error(R"(section: "3.1.1"
title: t
checks:
  - id: PackingByIdleTimeTypo
    check: PackingByIdleTime
    group: Transparent
    clause: "3.1.1"
    title: t
    inputs: {gap: "250"}
)"),
                testing::HasSubstr("s.yaml:4: check PackingByIdleTimeTypo: input 'gap' is not read "
                                   "by check 'PackingByIdleTime' (it reads: gap_ms)"));
}

TEST(CaseCatalogErrors, MissingRequiredInputIsALoadError) {
    EXPECT_THAT(build_error(R"(section: "3.1"
title: t
checks:
  - id: Qos1Somewhere
    check: QosHandshake
    group: MQTT
    clause: "3.1"
    title: t
    inputs: {qos: "1"}
)"),
                testing::HasSubstr("s.yaml:4: check Qos1Somewhere: check 'QosHandshake' needs "
                                   "input 'direction' (it needs: qos, direction)"));
}

// Without a query nothing reads a set value back: no generator, no silence.
TEST(CaseCatalogErrors, SetOnlyCommandWithoutGeneratorIsALoadError) {
    EXPECT_THAT(build_error(R"(section: "S"
title: t
commands:
  - name: NEWSET
    clause: "S"
    title: a set-only command nothing can read back
    forms: [test, set]
    test_text: "+NEWSET:<0~9>"
    parameters:
      - {name: level, type: int, min: 0, max: 9}
)"),
                testing::HasSubstr("s.yaml:4: command NEWSET has a set form but no query form, "
                                   "and no generator of set-only value cases takes it"));
}

} // namespace
} // namespace athil::suites
