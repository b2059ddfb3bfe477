// The pure command executor against MANUAL sections 1.1, 2 and S: every command's forms,
// factory defaults, bounds, and that a rejected command changes nothing.
#include "fixtures/sim/executor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace athil::sim {
namespace {

const std::string ok = "\r\nOK\r\n";
const std::string err50 = "\r\n+CME ERROR:50\r\n";
const std::string err58 = "\r\n+CME ERROR:58\r\n";

std::string info(const std::string& text) {
    return "\r\n" + text + "\r\n" + ok;
}

class executor_test : public ::testing::Test {
protected:
    command_result run(std::string_view line) {
        return execute(s, line, command_context{id, quirks, connected});
    }
    std::string answer(std::string_view line) { return run(line).response; }

    identity id;
    quirk_set quirks;
    bool connected = false;
    settings s = factory_defaults(id.serial_number);
};

std::string pubtp_default() {
    std::string out = "+MQTTPUBTP:";
    for (int i = 1; i <= 10; ++i) {
        out += "\r\n" + std::to_string(i) + (i == 1 ? ",1" : ",0") + ",/PubTopic" +
               std::to_string(i) + ",0,0,0";
    }
    return out;
}

std::string subtp_default() {
    std::string out = "+MQTTSUBTP:";
    for (int i = 1; i <= 10; ++i) {
        out += "\r\n" + std::to_string(i) + (i == 1 ? ",1" : ",0") + ",/SubTopic" +
               std::to_string(i) + ",0";
    }
    return out;
}

TEST_F(executor_test, QueriesGiveFactoryDefaultsInBothForms) {
    const std::pair<std::string, std::string> cases[] = {
        {"WKMOD", "+WKMOD:NET"},
        {"MQTTCFG", "+MQTTCFG:60,0"},
        {"MQTTPUBTP", pubtp_default()},
        {"MQTTSUBTP", subtp_default()},
        {"MQTTWILL", "+MQTTWILL:0,/will,0,0,offline"},
        {"MQTTMOD", "+MQTTMOD:0"},
        {"MQTTVER", "+MQTTVER:3"},
        {"MQTTSVR", "+MQTTSVR:mqtt.usr.cn,1883"},
        {"MQTTCID", "+MQTTCID:02400122052700000529"},
        {"MQTTUSER", "+MQTTUSER:usr.cn"},
        {"MQTTPSW", "+MQTTPSW:usr.cn"},
        {"MQTTSTA", "+MQTTSTA:\"DISCONNECTION\""},
        {"ALIREGION", "+ALIREGION:"},
        {"ALIPRODKEY", "+ALIPRODKEY:"},
        {"ALIDEVSEC", "+ALIDEVSEC:"},
        {"ALIDEVNAME", "+ALIDEVNAME:"},
        {"ALIDEVID", "+ALIDEVID:"},
        {"SSLEN", "+SSLEN:OFF"},
        {"SSLAUTH", "+SSLAUTH:NONE"},
        {"SSLCFG", "+SSLCFG:OFF,OFF,OFF,OFF"},
        {"E", "+E:ON"},
        {"VER", "+VER:V1.3.25.000000.0000"},
        {"SN", "+SN:02400122052700000529"},
        {"IMEI", "+IMEI:869523051234567"},
        {"ICCID", "+ICCID:89860123456789012345"},
        {"CSQ", "+CSQ: 24,99"},
        {"UARTFT", "+UARTFT:50"},
        {"UARTFL", "+UARTFL:1024"},
        {"HEARTEN", "+HEARTEN:OFF"},
        {"HEARTDT", "+HEARTDT:"},
        {"HEARTTM", "+HEARTTM:30"},
        {"CMDPW", "+CMDPW:usr.cn#"},
        {"UATEN", "+UATEN:ON"},
    };
    for (const auto& [cmd, expected] : cases) {
        EXPECT_EQ(answer("AT+" + cmd), info(expected)) << cmd;
        EXPECT_EQ(answer("AT+" + cmd + "?"), info(expected)) << cmd << "?";
    }
}

TEST_F(executor_test, TestFormsPrintTheManualsFormatLines) {
    const std::pair<std::string, std::string> cases[] = {
        {"WKMOD", "+WKMOD:<CMD,NET,HTTPD,MQTT(NOR,ALI)>"},
        {"MQTTCFG", "+MQTTCFG:<0~65535>,<0,1>"},
        {"MQTTPUBTP", "+MQTTPUBTP:<1~10>[,<0,1>,<1~128 bytes>,<0,1,2>,<0,1>][,<0,1>]"},
        {"MQTTSUBTP", "+MQTTSUBTP:<1~10>[,<0,1>,<1~128 bytes>,<0,1,2>]"},
        {"MQTTWILL", "+MQTTWILL:<0,1>[,<1~128 bytes>,<0,1,2>,<0,1>,<1~128 bytes>]"},
        {"MQTTMOD", "+MQTTMOD:<0,1>"},
        {"MQTTVER", "+MQTTVER:<3,4>"},
        {"MQTTSVR", "+MQTTSVR:<1~128 bytes>,<1~65535>"},
        {"MQTTCID", "+MQTTCID:<1~128 bytes>"},
        {"MQTTUSER", "+MQTTUSER:<1~128 bytes>"},
        {"MQTTPSW", "+MQTTPSW:<1~128 bytes>"},
        {"MQTTSTA", "+MQTTSTA:<CONNECTION,DISCONNECTION>"},
        {"ALIREGION", "+ALIREGION:<1~32 bytes>"},
        {"ALIPRODKEY", "+ALIPRODKEY:<1~20 bytes>"},
        {"ALIDEVSEC", "+ALIDEVSEC:<1~64 bytes>"},
        {"ALIDEVNAME", "+ALIDEVNAME:<1~32 bytes>"},
        {"ALIDEVID", "+ALIDEVID:<1~24 bytes>"},
        {"SSLEN", "+SSLEN:<ON,OFF>"},
        {"SSLCRT", "+SSLCRT:<0~2>,<1~2900 bytes>"},
        {"SSLAUTH", "+SSLAUTH:<NONE,PEER,ALL>"},
        {"SSLCFG", "+SSLCFG:<ON,OFF>,<ON,OFF>,<ON,OFF>,<ON,OFF>"},
        {"E", "+E:<ON,OFF>"},
        {"UARTFT", "+UARTFT:<20~500>"},
        {"UARTFL", "+UARTFL:<5~4096>"},
    };
    for (const auto& [cmd, expected] : cases) {
        EXPECT_EQ(answer("AT+" + cmd + "=?"), info(expected)) << cmd;
    }
    EXPECT_EQ(answer("AT+VER=?"), ok);
}

// Each row: a valid set, the query that reads it back and what it must show.
TEST_F(executor_test, SetChangesWhatTheQueryReturnsAtOnce) {
    const std::tuple<std::string, std::string, std::string> cases[] = {
        {"AT+WKMOD=MQTT,NOR", "AT+WKMOD", "+WKMOD:MQTT,NOR"},
        {"AT+WKMOD=MQTT,ALI", "AT+WKMOD", "+WKMOD:MQTT,ALI"},
        {"AT+WKMOD=MQTT", "AT+WKMOD", "+WKMOD:MQTT,NOR"},
        {"AT+WKMOD=CMD", "AT+WKMOD", "+WKMOD:CMD"},
        {"AT+WKMOD=HTTPD", "AT+WKMOD", "+WKMOD:HTTPD"},
        {"AT+MQTTCFG=0,1", "AT+MQTTCFG", "+MQTTCFG:0,1"},
        {"AT+MQTTCFG=65535,0", "AT+MQTTCFG", "+MQTTCFG:65535,0"},
        {"AT+MQTTWILL=1,/dev/lwt,2,1,gone, really", "AT+MQTTWILL",
         "+MQTTWILL:1,/dev/lwt,2,1,gone, really"},
        {"AT+MQTTMOD=1", "AT+MQTTMOD", "+MQTTMOD:1"},
        {"AT+MQTTVER=4", "AT+MQTTVER", "+MQTTVER:4"},
        {"AT+MQTTSVR=test.usr.cn,2317", "AT+MQTTSVR", "+MQTTSVR:test.usr.cn,2317"},
        {"AT+MQTTSVR=10.0.0.1", "AT+MQTTSVR", "+MQTTSVR:10.0.0.1,1883"},
        {"AT+MQTTSVR=h,65535", "AT+MQTTSVR", "+MQTTSVR:h,65535"},
        {"AT+MQTTCID=" + std::string(128, 'c'), "AT+MQTTCID", "+MQTTCID:" + std::string(128, 'c')},
        {"AT+MQTTUSER=", "AT+MQTTUSER", "+MQTTUSER:"},
        {"AT+MQTTPSW=" + std::string(128, 'p'), "AT+MQTTPSW", "+MQTTPSW:" + std::string(128, 'p')},
        {"AT+ALIREGION=cn-shanghai", "AT+ALIREGION", "+ALIREGION:cn-shanghai"},
        {"AT+ALIPRODKEY=" + std::string(20, 'k'), "AT+ALIPRODKEY",
         "+ALIPRODKEY:" + std::string(20, 'k')},
        {"AT+ALIDEVSEC=" + std::string(64, 's'), "AT+ALIDEVSEC",
         "+ALIDEVSEC:" + std::string(64, 's')},
        {"AT+ALIDEVNAME=abcd", "AT+ALIDEVNAME", "+ALIDEVNAME:abcd"},
        {"AT+ALIDEVID=" + std::string(24, '1'), "AT+ALIDEVID", "+ALIDEVID:" + std::string(24, '1')},
        {"AT+SSLEN=ON", "AT+SSLEN?", "+SSLEN:ON"},
        {"AT+SSLAUTH=ALL", "AT+SSLAUTH", "+SSLAUTH:ALL"},
        {"AT+SSLAUTH=PEER", "AT+SSLAUTH", "+SSLAUTH:PEER"},
        {"AT+SSLCFG=ON", "AT+SSLCFG", "+SSLCFG:ON,OFF,OFF,OFF"},
        {"AT+SSLCFG=OFF,ON,OFF,ON", "AT+SSLCFG", "+SSLCFG:OFF,ON,OFF,ON"},
        {"AT+E=OFF", "AT+E?", "+E:OFF"},
        {"AT+UARTFT=20", "AT+UARTFT", "+UARTFT:20"},
        {"AT+UARTFT=500", "AT+UARTFT", "+UARTFT:500"},
        {"AT+UARTFL=5", "AT+UARTFL", "+UARTFL:5"},
        {"AT+UARTFL=4096", "AT+UARTFL", "+UARTFL:4096"},
        {"AT+HEARTEN=ON", "AT+HEARTEN", "+HEARTEN:ON"},
        {"AT+HEARTDT=" + std::string(80, 'A'), "AT+HEARTDT", "+HEARTDT:" + std::string(80, 'A')},
        {"AT+HEARTTM=1", "AT+HEARTTM", "+HEARTTM:1"},
        {"AT+HEARTTM=65535", "AT+HEARTTM", "+HEARTTM:65535"},
        {"AT+CMDPW=abc#", "AT+CMDPW", "+CMDPW:abc#"},
        {"AT+UATEN=OFF", "AT+UATEN", "+UATEN:OFF"},
    };
    for (const auto& [set, query, expected] : cases) {
        EXPECT_EQ(answer(set), ok) << set;
        EXPECT_EQ(answer(query), info(expected)) << set;
    }
}

TEST_F(executor_test, PublishAndSubscribeSlotsAreSetOneByOne) {
    EXPECT_EQ(answer("AT+MQTTPUBTP=10,1," + std::string(128, 't') + ",2,1,1"), ok);
    EXPECT_EQ(answer("AT+MQTTPUBTP=3,1,/a/b,1,0"), ok);
    EXPECT_EQ(answer("AT+MQTTSUBTP=2,1,/x/+/#,2"), ok);
    const auto pub = answer("AT+MQTTPUBTP?");
    EXPECT_NE(pub.find("\r\n10,1," + std::string(128, 't') + ",2,1,1\r\n"), std::string::npos)
        << pub;
    EXPECT_NE(pub.find("\r\n3,1,/a/b,1,0,0\r\n"), std::string::npos) << pub;
    EXPECT_NE(pub.find("\r\n1,1,/PubTopic1,0,0,0\r\n"), std::string::npos) << pub;
    const auto sub = answer("AT+MQTTSUBTP");
    EXPECT_NE(sub.find("\r\n2,1,/x/+/#,2\r\n"), std::string::npos) << sub;
    EXPECT_TRUE(s.publish[9].ext);
    EXPECT_EQ(s.subscribe[1].qos, 2);
}

TEST_F(executor_test, WillWithOnlyTheFlagKeepsTheOtherFields) {
    ASSERT_EQ(answer("AT+MQTTWILL=1,/lwt,1,1,bye"), ok);
    ASSERT_EQ(answer("AT+MQTTWILL=0"), ok);
    EXPECT_EQ(answer("AT+MQTTWILL"), info("+MQTTWILL:0,/lwt,1,1,bye"));
}

// Each row is refused with +CME ERROR:50 and every stored value stays as it was.
TEST_F(executor_test, InvalidParametersAreRejectedAndChangeNothing) {
    const std::string cases[] = {
        "AT+WKMOD=FOO",
        "AT+WKMOD=MQTT,XYZ",
        "AT+WKMOD=NET,NOR",
        "AT+WKMOD=",
        "AT+WKMOD=net",
        "AT+MQTTCFG=65536,0",
        "AT+MQTTCFG=60,2",
        "AT+MQTTCFG=60",
        "AT+MQTTCFG=60,0,1",
        "AT+MQTTCFG=-1,0",
        "AT+MQTTCFG= 60,0",
        "AT+MQTTCFG=99999999999,0",
        "AT+MQTTPUBTP=0,1,/t,0,0",
        "AT+MQTTPUBTP=11,1,/t,0,0",
        "AT+MQTTPUBTP=1,2,/t,0,0",
        "AT+MQTTPUBTP=1,1,,0,0",
        "AT+MQTTPUBTP=1,1," + std::string(129, 't') + ",0,0",
        "AT+MQTTPUBTP=1,1,/t,3,0",
        "AT+MQTTPUBTP=1,1,/t,0,2",
        "AT+MQTTPUBTP=1,1,/t,0,0,2",
        "AT+MQTTPUBTP=1",
        "AT+MQTTPUBTP=1,1,/t,0,0,0,0",
        "AT+MQTTSUBTP=1,1,/t",
        "AT+MQTTSUBTP=1,1,/t,3",
        "AT+MQTTSUBTP=0,1,/t,0",
        "AT+MQTTSUBTP=1,1," + std::string(129, 's') + ",0",
        "AT+MQTTWILL=2",
        "AT+MQTTWILL=1,/t",
        "AT+MQTTWILL=1,/t,3,0,m",
        "AT+MQTTWILL=1,/t,0,0,",
        "AT+MQTTWILL=1,/t,0,0," + std::string(129, 'm'),
        "AT+MQTTWILL=1,,0,0,m",
        "AT+MQTTMOD=2",
        "AT+MQTTVER=5",
        "AT+MQTTVER=2",
        "AT+MQTTVER=",
        "AT+MQTTSVR=",
        "AT+MQTTSVR=" + std::string(129, 'h'),
        "AT+MQTTSVR=h,0",
        "AT+MQTTSVR=h,65536",
        "AT+MQTTSVR=h,1883,1",
        "AT+MQTTCID=",
        "AT+MQTTCID=" + std::string(129, 'c'),
        "AT+MQTTCID=a,b",
        "AT+MQTTUSER=" + std::string(129, 'u'),
        "AT+MQTTPSW=" + std::string(129, 'p'),
        "AT+ALIREGION=",
        "AT+ALIREGION=" + std::string(33, 'r'),
        "AT+ALIPRODKEY=" + std::string(21, 'k'),
        "AT+ALIDEVSEC=" + std::string(65, 's'),
        "AT+ALIDEVNAME=" + std::string(33, 'n'),
        "AT+ALIDEVID=" + std::string(25, 'i'),
        "AT+SSLEN=on",
        "AT+SSLEN=1",
        "AT+SSLAUTH=BOTH",
        "AT+SSLCFG=ON,OFF",
        "AT+SSLCFG=YES",
        "AT+SSLCRT=3,x",
        "AT+SSLCRT=0",
        "AT+SSLCRT=0,not a pem",
        "AT+SSLCRT=0," + std::string(2901, 'x'),
        "AT+E=1",
        "AT+UARTFT=19",
        "AT+UARTFT=501",
        "AT+UARTFL=4",
        "AT+UARTFL=4097",
        "AT+HEARTEN=X",
        "AT+HEARTDT=XYZ",
        "AT+HEARTDT=ABC",
        "AT+HEARTDT=" + std::string(82, 'A'),
        "AT+HEARTTM=0",
        "AT+HEARTTM=65536",
        "AT+CMDPW=",
        "AT+CMDPW=" + std::string(11, 'p'),
        "AT+UATEN=",
        "AT+MQTTCFG=6O,0",
    };
    const settings before = s;
    for (const auto& line : cases) {
        EXPECT_EQ(answer(line), err50) << line;
        EXPECT_EQ(answer("AT+MQTTCFG"), info("+MQTTCFG:60,0")) << line;
    }
    // Nothing at all changed: compare every query's answer with the defaults'.
    settings defaults = before;
    for (const auto* q :
         {"AT+WKMOD",   "AT+MQTTPUBTP", "AT+MQTTSUBTP", "AT+MQTTWILL", "AT+MQTTMOD",   "AT+MQTTVER",
          "AT+MQTTSVR", "AT+MQTTCID",   "AT+MQTTUSER",  "AT+MQTTPSW",  "AT+ALIREGION", "AT+SSLEN",
          "AT+SSLAUTH", "AT+SSLCFG",    "AT+E",         "AT+UARTFT",   "AT+UARTFL",    "AT+HEARTDT",
          "AT+HEARTTM", "AT+CMDPW",     "AT+UATEN"}) {
        EXPECT_EQ(answer(q), execute(defaults, q, command_context{id, quirks, false}).response)
            << q;
    }
    EXPECT_TRUE(s.tls.ca_pem.empty());
}

TEST_F(executor_test, UnknownCommandsAndMissingFormsAnswer58) {
    for (const auto* line : {"AT+FOO", "AT+FOO=1", "ATX", "AT+", "XYZ", "+++", "AT+MQTTSTA=1",
                             "AT+SSLCRT", "AT+SSLCRT?", "AT+VER=1", "AT+CSQ=1", "AT+S?", "AT+S=?",
                             "AT+ENTM=1", "AT+WKMOD?x", "AT+WKMOD??", "A", "AT+WKMODE?"}) {
        EXPECT_EQ(answer(line), err58) << line;
    }
    EXPECT_EQ(answer("AT"), ok);
    EXPECT_EQ(answer("at+wkmod?"), info("+WKMOD:NET")) << "names are not case-sensitive";
}

TEST_F(executor_test, ActionCommandsAnswerOkAndNameTheirAction) {
    EXPECT_EQ(run("AT+S").action, command_action::save_and_restart);
    EXPECT_EQ(run("AT+Z").action, command_action::restart);
    EXPECT_EQ(run("AT+CLEAR").action, command_action::factory_reset);
    EXPECT_EQ(run("AT+ENTM").action, command_action::enter_data_mode);
    EXPECT_EQ(run("AT+S").response, ok);
    EXPECT_EQ(run("AT+WKMOD=CMD").action, command_action::none);
    EXPECT_EQ(run("AT+S=1").action, command_action::none);
}

TEST_F(executor_test, MqttstaFollowsTheConnection) {
    connected = true;
    EXPECT_EQ(answer("AT+MQTTSTA"), info("+MQTTSTA:\"CONNECTION\""));
}

TEST_F(executor_test, OverlongLineIsRejectedAsAWhole) {
    EXPECT_EQ(answer("AT+MQTTCID=" + std::string(max_command_line, 'c')), err50);
    EXPECT_EQ(s.client_id, id.serial_number);
}

class executor_quirk_test : public executor_test {
protected:
    void with(quirk q) { quirks = quirk_set{q}; }
};

TEST_F(executor_quirk_test, MqttstaUnquoted) {
    with(quirk::mqttsta_unquoted);
    EXPECT_EQ(answer("AT+MQTTSTA"), info("+MQTTSTA:DISCONNECTION"));
}

TEST_F(executor_quirk_test, ErrataHttpscrt) {
    with(quirk::errata_httpscrt);
    EXPECT_EQ(answer("AT+SSLCRT=?"), info("+HTTPSCRT:<0~2>,<1~2900 bytes>"));
}

TEST_F(executor_quirk_test, SpaceAfterColon) {
    with(quirk::space_after_colon);
    EXPECT_EQ(answer("AT+WKMOD?"), info("+WKMOD: NET"));
    EXPECT_EQ(answer("AT+CSQ"), info("+CSQ: 24,99"));
}

TEST_F(executor_quirk_test, RejectedSetChangesValue) {
    with(quirk::rejected_set_changes_value);
    EXPECT_EQ(answer("AT+MQTTCFG=70000,0"), err50);
    EXPECT_EQ(answer("AT+MQTTCFG"), info("+MQTTCFG:65535,0"));
    EXPECT_EQ(answer("AT+MQTTCID=" + std::string(130, 'c')), err50);
    EXPECT_EQ(s.client_id, std::string(128, 'c'));
}

} // namespace
} // namespace athil::sim
