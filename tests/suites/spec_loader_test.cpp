// The spec loader: the repository's own data loads, and every kind of malformed file stops
// with "file:line: what is wrong".

#include "harness/core/error.hpp"
#include "harness/spec/spec_loader.hpp"
#include "tests/suites/temp_yaml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace athil::spec {
namespace {

using testing::HasSubstr;

const std::string good_command = R"(section: "2.2"
title: keepalive
commands:
  - name: MQTTCFG
    clause: "2.2"
    title: keepalive and clean session
    forms: [test, query, set]
    test_text: "+MQTTCFG:<0~65535>,<0,1>"
    query: {layout: single}
    default: "60,0"
    parameters:
      - {name: keepalive, type: int, min: 0, max: 65535}
      - {name: cleansession, type: enum, values: ["0", "1"]}
)";

std::string load_error(const std::string& text) {
    test::temp_yaml_dir dir;
    const auto file = dir.write("s.yaml", text);
    try {
        load_section(file);
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        const std::string what = e.what();
        EXPECT_THAT(what, HasSubstr(file.string() + ":"));
        return what.substr(file.string().size());
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    return text.replace(pos, from.size(), to);
}

TEST(SpecLoader, LoadsAWellFormedSection) {
    test::temp_yaml_dir dir;
    const auto s = load_section(dir.write("s.yaml", good_command));
    ASSERT_EQ(s.commands.size(), 1U);
    const auto& c = s.commands[0];
    EXPECT_EQ(c.name, "MQTTCFG");
    EXPECT_EQ(c.clause, "2.2");
    EXPECT_EQ(c.test_text.value_or(""), "+MQTTCFG:<0~65535>,<0,1>");
    ASSERT_EQ(c.parameters.size(), 2U);
    EXPECT_EQ(c.parameters[0].type, param_type::integer);
    EXPECT_EQ(c.parameters[0].max, 65535);
    EXPECT_EQ(c.parameters[1].values.size(), 2U);
    EXPECT_EQ(c.defaults, std::vector<std::string>{"60,0"});
    EXPECT_EQ(c.line, 4);
}

TEST(SpecLoader, UnknownKeyNamesFileLineAndKey) {
    const auto what =
        load_error(replaced(good_command, "    forms:", "    froms: [x]\n    forms:"));
    EXPECT_THAT(what, HasSubstr(":7: unknown key 'froms'"));
}

TEST(SpecLoader, MinGreaterThanMax) {
    const auto what = load_error(replaced(good_command, "min: 0, max: 65535", "min: 9, max: 3"));
    EXPECT_THAT(what, HasSubstr(":12: parameter 'keepalive': min 9 > max 3"));
}

TEST(SpecLoader, WrongTypeOfValue) {
    const auto what = load_error(replaced(good_command, "max: 65535", "max: lots"));
    EXPECT_THAT(what, HasSubstr(":12: 'max' must be an integer, not 'lots'"));
}

TEST(SpecLoader, MissingRequiredKey) {
    const auto what = load_error(replaced(good_command, "    clause: \"2.2\"\n", ""));
    EXPECT_THAT(what, HasSubstr(":4: a command lacks the required key 'clause'"));
}

TEST(SpecLoader, BadYamlSyntax) {
    const auto what =
        load_error(replaced(good_command, "forms: [test, query, set]", "forms: [test, query"));
    EXPECT_THAT(what, HasSubstr("malformed YAML"));
}

TEST(SpecLoader, UnknownTypeAndForm) {
    EXPECT_THAT(load_error(replaced(good_command, "type: int", "type: integer")),
                HasSubstr("type must be enum, int, string, rest or pem, not 'integer'"));
    EXPECT_THAT(load_error(replaced(good_command, "[test, query, set]", "[test, read, set]")),
                HasSubstr(":7: forms are test, query or set, not 'read'"));
}

TEST(SpecLoader, FormsAndTheirData) {
    EXPECT_THAT(
        load_error(replaced(good_command, "    test_text: \"+MQTTCFG:<0~65535>,<0,1>\"\n", "")),
        HasSubstr("'test_text' goes with (only) the test form"));
    EXPECT_THAT(load_error(replaced(good_command, "    query: {layout: single}\n", "")),
                HasSubstr("'query' goes with (only) the query form"));
}

TEST(SpecLoader, SlotDefaultsMustMatchTheSlotCount) {
    const std::string slots = R"(section: "2.4"
title: t
commands:
  - name: MQTTSUBTP
    clause: "2.4"
    title: t
    forms: [query, set]
    query: {layout: slots, slots: 3}
    defaults: ["1,1,/a,0", "2,0,/b,0"]
    parameters:
      - {name: n, type: int, min: 1, max: 3, slot_index: true}
      - {name: topic, type: string, min: 1, max: 8}
)";
    EXPECT_THAT(load_error(slots), HasSubstr(":9: command MQTTSUBTP: 2 defaults for 3 slots"));
}

TEST(SpecLoader, ExampleValuesRepeatAndLabel) {
    test::temp_yaml_dir dir;
    const auto s = load_section(dir.write(
        "s.yaml", replaced(good_command, "{name: keepalive, type: int, min: 0, max: 65535}",
                           "{name: keepalive, type: int, min: 0, max: 65535, reject: [\"-1\", "
                           "{repeat: \"12\", times: 3}, {text: \"x y\", label: Spaced}]}")));
    const auto& rejects = s.commands[0].parameters[0].reject;
    ASSERT_EQ(rejects.size(), 3U);
    EXPECT_EQ(rejects[0].label, "Minus1");
    EXPECT_EQ(rejects[1].text, "121212");
    EXPECT_EQ(rejects[1].label, "Length6");
    EXPECT_EQ(rejects[2].label, "Spaced");
}

TEST(SpecLoader, CamelCaseAndValueLabels) {
    EXPECT_EQ(camel_case("MQTT,NOR"), "MqttNor");
    EXPECT_EQ(camel_case("cn-shanghai"), "CnShanghai");
    EXPECT_EQ(camel_case("crt_code"), "CrtCode");
    EXPECT_EQ(value_label("-1"), "Minus1");
    EXPECT_EQ(value_label("65536"), "65536");
}

TEST(SpecLoader, DuplicateCommandAcrossFiles) {
    test::temp_yaml_dir dir;
    dir.write("a.yaml", good_command);
    dir.write("b.yaml", good_command);
    try {
        load_manual(dir.path());
        FAIL() << "duplicate accepted";
    } catch (const athil_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("b.yaml:4: command MQTTCFG is described twice"));
    }
}

TEST(SpecLoader, RepositorySpecLoads) {
    const auto m = load_manual(ATHIL_SPEC_DIR);
    // 1, 2.1 .. 2.21, S (and the section-3 files)
    EXPECT_GE(m.sections.size(), 23U);
    ASSERT_NE(m.find("MQTTPUBTP"), nullptr);
    EXPECT_EQ(m.find("MQTTPUBTP")->query.slot_count, 10U);
    ASSERT_NE(m.find("WKMOD"), nullptr);
    EXPECT_EQ(m.find("WKMOD")->parameters[0].values.back().reads_back, "MQTT,NOR");
    ASSERT_NE(m.find("MQTTPSW"), nullptr);
    EXPECT_TRUE(m.find("MQTTPSW")->parameters[0].secret);
    EXPECT_FALSE(m.find("MQTTSTA")->has(form::set));
    EXPECT_EQ(m.find("MQTTCID")->default_from, "SN");
}

} // namespace
} // namespace athil::spec
