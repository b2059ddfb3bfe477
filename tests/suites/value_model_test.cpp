// Pure value arithmetic of the generated checks, on the repository's spec data.

#include "harness/spec/spec_loader.hpp"
#include "suites/bytes_text.hpp"
#include "suites/value_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace athil::suites {
namespace {

class ValueModel : public testing::Test {
protected:
    static void SetUpTestSuite() { manual_ = new spec::manual(spec::load_manual(ATHIL_SPEC_DIR)); }
    static void TearDownTestSuite() {
        delete manual_;
        manual_ = nullptr;
    }
    const spec::command& cmd(std::string_view name) {
        const auto* c = manual_->find(name);
        EXPECT_NE(c, nullptr) << name;
        return *c;
    }
    static std::vector<std::string> labels(const std::vector<probe_value>& v) {
        std::vector<std::string> out;
        for (const auto& p : v) {
            out.push_back(p.label);
        }
        return out;
    }
    static inline spec::manual* manual_ = nullptr;
};

TEST_F(ValueModel, SplitKeepsCommaEnumsAndRest) {
    EXPECT_EQ(split_fields(cmd("WKMOD"), "MQTT,NOR"), fields{"MQTT,NOR"});
    EXPECT_EQ(split_fields(cmd("WKMOD"), "NET"), fields{"NET"});
    EXPECT_EQ(split_fields(cmd("MQTTWILL"), "0,/will,0,0,off,line"),
              (fields{"0", "/will", "0", "0", "off,line"}));
    EXPECT_EQ(split_fields(cmd("MQTTPUBTP"), "10,0,/PubTopic10,0,0,0"),
              (fields{"10", "0", "/PubTopic10", "0", "0", "0"}));
    EXPECT_EQ(split_fields(cmd("MQTTSVR"), "mqtt.usr.cn,1883"), (fields{"mqtt.usr.cn", "1883"}));
    EXPECT_EQ(split_fields(cmd("MQTTCFG"), "60,0"), (fields{"60", "0"}));
}

TEST_F(ValueModel, SetLineAndReadBack) {
    EXPECT_EQ(set_line(cmd("MQTTCFG"), {"120", "1"}), "AT+MQTTCFG=120,1");
    EXPECT_EQ(reads_back(cmd("WKMOD").parameters[0], "MQTT"), "MQTT,NOR");
    EXPECT_EQ(reads_back(cmd("WKMOD").parameters[0], "CMD"), "CMD");
}

TEST_F(ValueModel, AcceptedValuesCoverEnumsAndBothEnds) {
    EXPECT_EQ(labels(accepted_values(cmd("MQTTCFG").parameters[0])),
              (std::vector<std::string>{"0", "65535"}));
    EXPECT_EQ(labels(accepted_values(cmd("MQTTPUBTP").parameters[3])),
              (std::vector<std::string>{"0", "1", "2"}));
    const auto topic = accepted_values(cmd("MQTTPUBTP").parameters[2]);
    ASSERT_EQ(topic.size(), 2U);
    EXPECT_EQ(topic[0].text.size(), 1U);
    EXPECT_EQ(topic[1].text.size(), 128U);
    const auto user = labels(accepted_values(cmd("MQTTUSER").parameters[0]));
    EXPECT_NE(std::find(user.begin(), user.end(), "Empty"), user.end());
    EXPECT_EQ(labels(accepted_values(cmd("WKMOD").parameters[0])),
              (std::vector<std::string>{"Cmd", "Net", "Httpd", "MqttNor", "MqttAli", "Mqtt"}));
}

TEST_F(ValueModel, RejectedValuesArePastTheEnds) {
    EXPECT_EQ(
        labels(rejected_values(cmd("MQTTCFG").parameters[0])),
        (std::vector<std::string>{"Minus1", "65536", "NotANumber", "TrailingGarbage", "Empty"}));
    EXPECT_EQ(labels(rejected_values(cmd("MQTTPUBTP").parameters[3])),
              (std::vector<std::string>{"3", "Empty"}));
    const auto topic = rejected_values(cmd("MQTTPUBTP").parameters[2]);
    ASSERT_EQ(topic.size(), 2U);
    EXPECT_EQ(topic[0].text.size(), 129U);
    EXPECT_EQ(topic[1].label, "Empty");
    const auto user = labels(rejected_values(cmd("MQTTUSER").parameters[0]));
    EXPECT_EQ(std::find(user.begin(), user.end(), "Empty"), user.end());
    const auto region = rejected_values(cmd("ALIREGION").parameters[0]);
    EXPECT_EQ(region[0].text.size(), 33U);
}

TEST_F(ValueModel, EveryValueIsJudgedLikeTheSpec) {
    for (const auto& s : manual_->sections) {
        for (const auto& c : s.commands) {
            for (const auto& p : c.parameters) {
                for (const auto& v : accepted_values(p)) {
                    EXPECT_TRUE(is_valid(p, v.text)) << c.name << " " << p.name << " " << v.label;
                }
                for (const auto& v : rejected_values(p)) {
                    if (p.type != spec::param_type::pem) {
                        EXPECT_FALSE(is_valid(p, v.text))
                            << c.name << " " << p.name << " " << v.label;
                    }
                }
            }
        }
    }
}

TEST_F(ValueModel, AlternateDiffersFromCurrent) {
    const auto& cfg = cmd("MQTTCFG");
    EXPECT_EQ(alternate_value(cfg.parameters[0], "60"), "65535");
    EXPECT_EQ(alternate_value(cfg.parameters[0], "65535"), "0");
    EXPECT_EQ(alternate_value(cfg.parameters[1], "0"), "1");
    EXPECT_EQ(alternate_value(cmd("WKMOD").parameters[0], "NET"), "CMD");
    const auto alt = alternate_value(cmd("MQTTUSER").parameters[0], "usr.cn");
    EXPECT_NE(alt, "usr.cn");
    EXPECT_TRUE(is_valid(cmd("MQTTUSER").parameters[0], alt));
}

TEST(BytesText, Escapes) {
    EXPECT_EQ(escape_bytes(std::string("AT\r\n\x01\\", 6)), "AT<CR><LF>\\x01\\\\");
    EXPECT_EQ(filler(5, "/athil"), "/athi");
    EXPECT_EQ(filler(8, "/a").size(), 8U);
}

} // namespace
} // namespace athil::suites
