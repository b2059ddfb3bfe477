// CONNECT fields and TLS/SNI decisions from the stored settings (MANUAL.md 3.1, 2.18-2.21).

#include "fixtures/sim/mqtt/connection_plan.hpp"

#include "factory_connect.hpp"
#include "harness/core/error.hpp"
#include "harness/mqtt/describe.hpp"

#include <gtest/gtest.h>

namespace athil::sim {
namespace {

settings defaults() {
    auto s = factory_defaults("02400122052700000529");
    s.mode = work_mode::mqtt_nor;
    return s;
}

TEST(ConnectionPlan, FactoryDefaultsGiveMqtt31WithSerialNumberAndUsrCn) {
    const auto plan = make_connection_plan(defaults(), {});
    EXPECT_EQ(plan.host, "mqtt.usr.cn");
    EXPECT_EQ(plan.port, 1883);
    EXPECT_FALSE(plan.tls);
    EXPECT_EQ(plan.connect, test::factory_connect()) << mqtt::describe(plan.connect);
}

TEST(ConnectionPlan, EveryFieldFollowsItsSetting) {
    auto s = defaults();
    s.mqtt_version = 4;
    s.server = "broker.example";
    s.port = 2317;
    s.client_id = "cid";
    s.username = "u";
    s.password = "p";
    s.keepalive = 120;
    s.clean_session = true;
    s.will = {true, "/w", 2, true, "bye, now"};
    const auto plan = make_connection_plan(s, {});
    EXPECT_EQ(plan.host, "broker.example");
    EXPECT_EQ(plan.port, 2317);
    const auto& c = plan.connect;
    EXPECT_EQ(c.protocol_name, "MQTT");
    EXPECT_EQ(c.protocol_level, 4);
    EXPECT_EQ(c.client_id, "cid");
    EXPECT_EQ(c.username, "u");
    EXPECT_EQ(c.password, "p");
    EXPECT_EQ(c.keepalive, 120);
    EXPECT_TRUE(c.clean_session);
    ASSERT_TRUE(c.will.has_value());
    EXPECT_EQ(*c.will, (mqtt::will_message{"/w", "bye, now", 2, true}));
}

TEST(ConnectionPlan, EmptyUserAndPasswordClearTheFlags) {
    auto s = defaults();
    s.username.clear();
    EXPECT_FALSE(make_connection_plan(s, {}).connect.username.has_value());
    EXPECT_FALSE(make_connection_plan(s, {}).connect.password.has_value());
    s.username = "u";
    s.password.clear();
    EXPECT_EQ(make_connection_plan(s, {}).connect.username, "u");
    EXPECT_FALSE(make_connection_plan(s, {}).connect.password.has_value());
}

TEST(ConnectionPlan, QuirksChangeVersionAndCleanSession) {
    const quirk_set q{quirk::mqttver3_sends_level4, quirk::ignores_cleansession};
    const auto c = make_connection_plan(defaults(), q).connect;
    EXPECT_EQ(c.protocol_name, "MQIsdp");
    EXPECT_EQ(c.protocol_level, 4);
    EXPECT_TRUE(c.clean_session);
}

TEST(ConnectionPlan, CleanSessionAlways0AndSslenIgnoredQuirks) {
    auto s = defaults();
    s.clean_session = true;
    s.tls.enabled = true;
    const quirk_set q{quirk::cleansession_always_0, quirk::sslen_ignored};
    const auto plan = make_connection_plan(s, q);
    EXPECT_FALSE(plan.connect.clean_session);
    EXPECT_FALSE(plan.tls);
    EXPECT_TRUE(make_connection_plan(s, {}).tls);
}

TEST(ConnectionPlan, SniOnlyWhenOnAndHostName) {
    auto s = defaults();
    s.tls.enabled = true;
    EXPECT_FALSE(make_connection_plan(s, {}).sni.has_value());
    s.tls.sslcfg[0] = true;
    EXPECT_EQ(make_connection_plan(s, {}).sni, "mqtt.usr.cn");
    s.server = "127.0.0.1";
    EXPECT_FALSE(make_connection_plan(s, {}).sni.has_value());

    const quirk_set always{quirk::sni_always};
    EXPECT_EQ(make_connection_plan(s, always).sni, "127.0.0.1");
    const quirk_set never{quirk::sni_never};
    s.server = "localhost";
    EXPECT_FALSE(make_connection_plan(s, never).sni.has_value());
}

TEST(ConnectionPlan, ClientCertificateOnlyForAll) {
    auto s = defaults();
    s.tls.enabled = true;
    s.tls.auth = tls_auth::peer;
    EXPECT_FALSE(make_connection_plan(s, {}).present_client_cert);
    s.tls.auth = tls_auth::all;
    EXPECT_TRUE(make_connection_plan(s, {}).present_client_cert);
    const quirk_set q{quirk::all_no_client_cert};
    EXPECT_FALSE(make_connection_plan(s, q).present_client_cert);
}

TEST(ConnectionPlan, ClientCertAlwaysQuirkPresentsALoadedCertificateUnderPeer) {
    auto s = defaults();
    s.tls.enabled = true;
    s.tls.auth = tls_auth::peer;
    const quirk_set q{quirk::client_cert_always};
    EXPECT_FALSE(make_connection_plan(s, q).present_client_cert); // nothing loaded
    s.tls.client_cert_pem = "-----BEGIN CERTIFICATE-----";
    EXPECT_FALSE(make_connection_plan(s, {}).present_client_cert);
    EXPECT_TRUE(make_connection_plan(s, q).present_client_cert);
}

TEST(ConnectionPlan, WillDroppedQuirkOmitsAnEnabledWill) {
    auto s = defaults();
    s.will.enabled = true;
    s.will.topic = "w";
    EXPECT_TRUE(make_connection_plan(s, {}).connect.will.has_value());
    const quirk_set q{quirk::will_dropped};
    EXPECT_FALSE(make_connection_plan(s, q).connect.will.has_value());
}

TEST(ConnectionPlan, Ipv4Literals) {
    EXPECT_TRUE(is_ipv4_literal("127.0.0.1"));
    EXPECT_TRUE(is_ipv4_literal("255.255.255.255"));
    EXPECT_FALSE(is_ipv4_literal("256.1.1.1"));
    EXPECT_FALSE(is_ipv4_literal("1.2.3"));
    EXPECT_FALSE(is_ipv4_literal("1.2.3.4.5"));
    EXPECT_FALSE(is_ipv4_literal("1..2.3"));
    EXPECT_FALSE(is_ipv4_literal("localhost"));
    EXPECT_FALSE(is_ipv4_literal("1.2.3.4a"));
    EXPECT_FALSE(is_ipv4_literal(""));
}

TEST(ResolveEndpoint, OverrideWinsOverHostAndPort) {
    const std::map<std::string, std::string> overrides{{"mqtt.usr.cn", "127.0.0.1:4242"}};
    const auto e = resolve_endpoint("mqtt.usr.cn", 1883, overrides);
    EXPECT_EQ(e.address, "127.0.0.1");
    EXPECT_EQ(e.port, 4242);
    const auto other = resolve_endpoint("other.host", 1883, overrides);
    EXPECT_EQ(other.address, "other.host");
    EXPECT_EQ(other.port, 1883);
}

TEST(ResolveEndpoint, MalformedOverrideIsRejected) {
    for (const char* bad : {"127.0.0.1", "127.0.0.1:", ":80", "127.0.0.1:0", "h:70000", "h:8x"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW(resolve_endpoint("h", 1, {{"h", bad}}), athil_error);
    }
}

} // namespace
} // namespace athil::sim
