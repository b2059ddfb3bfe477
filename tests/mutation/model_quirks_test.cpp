// The executor-side quirks added for the mutation table: each changes exactly the answer it
// names, and the same line without the quirk keeps the faithful answer (so a quirk run that
// the suites catch is a real deviation, not a broken simulator).
#include "fixtures/sim/executor.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace athil::sim {
namespace {

const std::string ok = "\r\nOK\r\n";

class model_quirks_test : public ::testing::Test {
protected:
    std::string answer(std::string_view line, std::optional<quirk> q = std::nullopt) {
        const auto quirks = q ? quirk_set{*q} : quirk_set{};
        return execute(s, line, command_context{id, quirks, false}).response;
    }
    std::string slot1_topic() {
        const auto text = answer("AT+MQTTPUBTP?");
        const auto start = text.find("\r\n1,1,") + 6;
        return text.substr(start, text.find(',', start) - start);
    }

    identity id;
    settings s = factory_defaults(id.serial_number);
};

TEST_F(model_quirks_test, QueryFormsDifferOnlyForTheBareForm) {
    EXPECT_EQ(answer("AT+MQTTCFG?", quirk::mqttcfg_query_forms_differ),
              "\r\n+MQTTCFG:60,0\r\n" + ok);
    EXPECT_EQ(answer("AT+MQTTCFG", quirk::mqttcfg_query_forms_differ), "\r\n+MQTTCFG:60\r\n" + ok);
    EXPECT_EQ(answer("AT+MQTTCFG"), "\r\n+MQTTCFG:60,0\r\n" + ok);
}

TEST_F(model_quirks_test, PlusInCommandModeAnsweredOk) {
    EXPECT_EQ(reject_escape_in_command_mode(quirk_set{quirk::plus_in_command_mode_ok}).response,
              ok);
    EXPECT_EQ(reject_escape_in_command_mode().response, "\r\n+CME ERROR:58\r\n");
}

TEST_F(model_quirks_test, MissingFinalOkOnMqttverQuery) {
    EXPECT_EQ(answer("AT+MQTTVER?", quirk::missing_final_ok), "\r\n+MQTTVER:3\r\n");
    EXPECT_EQ(answer("AT+MQTTVER?"), "\r\n+MQTTVER:3\r\n" + ok);
}

TEST_F(model_quirks_test, AcceptsQos3StoresTwo) {
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1,/t,3,0"), "\r\n+CME ERROR:50\r\n");
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1,/t,3,0", quirk::accepts_qos3), ok);
    EXPECT_NE(answer("AT+MQTTPUBTP?").find("\r\n1,1,/t,2,0,0"), std::string::npos);
}

TEST_F(model_quirks_test, TopicLengthQuirks) {
    const std::string t128(128, 'a');
    const std::string t129(129, 'b');
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1," + t128 + ",0,0", quirk::rejects_128_byte_topic),
              "\r\n+CME ERROR:50\r\n");
    EXPECT_EQ(slot1_topic(), "/PubTopic1");
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1," + t129 + ",0,0"), "\r\n+CME ERROR:50\r\n");
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1," + t129 + ",0,0", quirk::accepts_129_byte_topic), ok);
    EXPECT_EQ(slot1_topic(), std::string(128, 'b'));
    EXPECT_EQ(answer("AT+MQTTPUBTP=1,1," + t128 + ",0,0", quirk::truncates_topic_64), ok);
    EXPECT_EQ(slot1_topic(), std::string(64, 'a'));
}

TEST_F(model_quirks_test, ErrorReadings) {
    EXPECT_EQ(answer("AT+NOSUCH"), "\r\n+CME ERROR:58\r\n");
    EXPECT_EQ(answer("AT+NOSUCH", quirk::cme_code_wrong), "\r\n+CME ERROR:50\r\n");
    EXPECT_EQ(answer("AT+MQTTVER=5", quirk::cme_code_wrong), "\r\n+CME ERROR:58\r\n");
    EXPECT_EQ(answer("AT+MQTTVER=5", quirk::plain_error), "\r\nERROR\r\n");
    EXPECT_EQ(answer("AT+MQTTVER=4", quirk::plain_error), ok);
}

} // namespace
} // namespace athil::sim
