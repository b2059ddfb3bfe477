// The Alibaba Cloud signer against every vector of tests/data/aliyun-sign.json, and the
// connection the module derives from its device triple (MANUAL.md 3.2).

#include "fixtures/sim/mqtt/aliyun_sign.hpp"
#include "fixtures/sim/mqtt/connection_plan.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace athil::sim {
namespace {

nlohmann::json load_vectors() {
    std::ifstream in(ATHIL_ALIYUN_VECTORS);
    if (!in) {
        ADD_FAILURE() << "cannot read " << ATHIL_ALIYUN_VECTORS;
        return nlohmann::json::object();
    }
    return nlohmann::json::parse(in);
}

TEST(AliyunSign, EveryVectorOfTheSharedFile) {
    const auto doc = load_vectors();
    ASSERT_TRUE(doc.contains("vectors"));
    ASSERT_GE(doc["vectors"].size(), 6U);
    for (const auto& v : doc["vectors"]) {
        SCOPED_TRACE(v.dump());
        const auto method = parse_sign_method(v["method"].get<std::string>());
        ASSERT_TRUE(method.has_value());
        aliyun_sign_input in{v["clientId"], v["deviceName"], v["productKey"], std::nullopt};
        if (!v["timestamp"].is_null()) {
            in.timestamp = v["timestamp"].get<std::string>();
        }
        EXPECT_EQ(aliyun_signed_content(in), v["signed_content"].get<std::string>());
        EXPECT_EQ(aliyun_password(*method, v["deviceSecret"].get<std::string>(), in),
                  v["password_hex_upper"].get<std::string>());
    }
}

TEST(AliyunSign, MethodNamesRoundTrip) {
    for (auto m : {sign_method::hmacsha1, sign_method::hmacsha256, sign_method::hmacmd5}) {
        EXPECT_EQ(parse_sign_method(to_string(m)), m);
    }
    EXPECT_FALSE(parse_sign_method("HMACSHA1").has_value());
    EXPECT_FALSE(parse_sign_method("").has_value());
}

TEST(AliyunSign, SecretChangesThePassword) {
    const aliyun_sign_input in{"123", "abcd", "xyz", std::nullopt};
    EXPECT_NE(aliyun_password(sign_method::hmacsha1, "secret-a", in),
              aliyun_password(sign_method::hmacsha1, "secret-b", in));
    EXPECT_EQ(aliyun_password(sign_method::hmacsha1, "", in).size(), 40U);
}

settings aliyun_settings_for_test() {
    settings s = factory_defaults("02400122052700000529");
    s.mode = work_mode::mqtt_ali;
    s.aliyun = {"cn-shanghai", "a1BtHrkUDKT", "s3cr3tdevsecret0123", "GM5_TEST", "dev42"};
    return s;
}

TEST(AliyunConnection, HostClientIdUserAndPasswordFromTheTriple) {
    const auto plan = make_connection_plan(aliyun_settings_for_test(), {});
    EXPECT_EQ(plan.host, "a1BtHrkUDKT.iot-as-mqtt.cn-shanghai.aliyuncs.com");
    EXPECT_EQ(plan.port, 1883);
    EXPECT_EQ(plan.connect.client_id, "dev42|securemode=3,signmethod=hmacsha1|");
    EXPECT_EQ(plan.connect.username, "GM5_TEST&a1BtHrkUDKT");
    // The hmacsha1 vector without timestamp of the shared file.
    EXPECT_EQ(plan.connect.password, "0DC0BEB2DC335C0DC38382E1E3EB04DF0D7A847B");
}

TEST(AliyunConnection, SecureMode2OverTls) {
    auto s = aliyun_settings_for_test();
    s.tls.enabled = true;
    const auto plan = make_connection_plan(s, {});
    EXPECT_TRUE(plan.tls);
    EXPECT_EQ(plan.connect.client_id, "dev42|securemode=2,signmethod=hmacsha1|");
}

TEST(AliyunConnection, QuirksBreakUserAndSignature) {
    quirk_set q{quirk::aliyun_user_reversed};
    EXPECT_EQ(make_connection_plan(aliyun_settings_for_test(), q).connect.username,
              "a1BtHrkUDKT&GM5_TEST");
    q = {quirk::aliyun_wrong_key_order};
    const auto wrong = make_connection_plan(aliyun_settings_for_test(), q).connect.password;
    ASSERT_TRUE(wrong.has_value());
    EXPECT_EQ(wrong->size(), 40U);
    EXPECT_NE(*wrong, "0DC0BEB2DC335C0DC38382E1E3EB04DF0D7A847B");
}

} // namespace
} // namespace athil::sim
