// Alibaba Cloud mode (MANUAL.md 3.2) end to end: the engine derives host, client id, user name
// and HMAC password from the device triple, reaches the host name through a --resolve style
// override, and a mosquitto with the signature-checking plugin (written independently of the
// simulator's signer) admits it — and refuses the quirks' wrong logins.

#include "broker_rig.hpp"
#include "engine_rig.hpp"

#include "fixtures/aliyun_plugin/plugin_config.hpp"

#include <gtest/gtest.h>

namespace athil::sim::test {
namespace {

using namespace std::chrono_literals;

class EngineAliyun : public ::testing::Test {
protected:
    EngineAliyun()
        : broker_(fixtures::with_plugin(
              "aliyun", {aliyun::plugin_path(),
                         aliyun::plugin_options({{"a1BtHrkUDKT", "GM5_TEST", "s3cr3tdevsecret0123"},
                                                 "cn-shanghai",
                                                 std::nullopt,
                                                 false})})) {}

    settings module_settings() const {
        auto s = broker_.module_settings();
        s.mode = work_mode::mqtt_ali;
        s.server = "ignored.in.ali.mode";
        s.aliyun = {"cn-shanghai", "a1BtHrkUDKT", "s3cr3tdevsecret0123", "GM5_TEST", "dev42"};
        return s;
    }

    engine_options options(quirk_set quirks = {}) const {
        engine_options o;
        o.quirks = quirks;
        o.resolve["a1BtHrkUDKT.iot-as-mqtt.cn-shanghai.aliyuncs.com"] =
            broker_.broker->host() + ":" + std::to_string(broker_.broker->port());
        return o;
    }

    broker_rig broker_;
};

TEST_F(EngineAliyun, SignedLoginIsAccepted) {
    engine_rig rig(module_settings(), options());
    rig.start();
    EXPECT_TRUE(rig.wait_connected()) << broker_.broker->log_excerpt();
}

TEST_F(EngineAliyun, WrongSecretIsRefused) {
    auto s = module_settings();
    s.aliyun.device_secret = "not-the-secret";
    engine_rig rig(s, options());
    rig.start();
    EXPECT_TRUE(rig.wait_log("CONNACK refused"));
    EXPECT_FALSE(rig.connected());
}

TEST_F(EngineAliyun, QuirkLoginsAreRefused) {
    for (const quirk q : {quirk::aliyun_wrong_key_order, quirk::aliyun_user_reversed}) {
        SCOPED_TRACE(quirk_name(q));
        engine_rig rig(module_settings(), options({q}));
        rig.start();
        EXPECT_TRUE(rig.wait_log("CONNACK refused"));
        EXPECT_FALSE(rig.connected());
    }
}

} // namespace
} // namespace athil::sim::test
