// TLS as the module does it (MANUAL.md 2.18-2.21) against a real mosquitto TLS listener with a
// throwaway PKI: NONE trusts anything, PEER verifies the chain and dates against the loaded CA
// (good CA, rogue CA, expired server), ALL presents the client certificate; SNI only when ON
// and the server is a host name, seen by the wire tap.

#include "broker_rig.hpp"
#include "engine_rig.hpp"

#include "certs/test_pki.hpp"
#include "fixtures/sim/mqtt/link_delay.hpp"
#include "fixtures/tap/wire_tap.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace athil::sim::test {
namespace {

using namespace std::chrono_literals;

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class EngineTls : public ::testing::Test {
protected:
    EngineTls()
        : pki_folder_(run::run_folder::temporary("athil-simengine-pki"))
        , pki_(certs::generate_test_pki(pki_folder_.pki())) {}

    // A TLS broker presenting `cert`/`key`; mutual: it also demands a client certificate.
    std::unique_ptr<broker_rig> tls_broker(const std::filesystem::path& cert,
                                           const std::filesystem::path& key, bool mutual = false) {
        fixtures::broker_tls tls{pki_.ca_cert, cert, key, mutual, false};
        return std::make_unique<broker_rig>(mutual ? fixtures::tls_mutual("tls", tls)
                                                   : fixtures::tls_server_only("tls", tls));
    }

    settings module_settings(const broker_rig& b, tls_auth auth) const {
        auto s = b.module_settings();
        s.tls.enabled = true;
        s.tls.auth = auth;
        s.tls.ca_pem = read_file(pki_.ca_cert);
        s.tls.client_cert_pem = read_file(pki_.client_cert);
        s.tls.client_key_pem = read_file(pki_.client_key);
        return s;
    }

    static engine_options quirks(quirk_set names = {}) {
        engine_options o;
        o.quirks = names;
        return o;
    }

    // True once connected, false once an attempt failed (the engine logs each failed one).
    static bool connects(engine_rig& rig) {
        rig.start();
        const auto until = in(10s);
        while (std::chrono::steady_clock::now() < until) {
            if (rig.connected()) {
                return true;
            }
            if (rig.wait_log("connection failed", 50ms)) {
                return false;
            }
        }
        ADD_FAILURE() << "neither connected nor failed within 10 s";
        return false;
    }

    run::run_folder pki_folder_;
    certs::test_pki pki_;
};

TEST_F(EngineTls, PeerWithTheGoodCaConnectsAndCarriesData) {
    auto b = tls_broker(pki_.server_cert, pki_.server_key);
    engine_rig rig(module_settings(*b, tls_auth::peer), quirks());
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    auto desktop = b->observe(
        fixtures::observer_options{.tls = fixtures::observer_tls{pki_.ca_cert, {}, {}, true}});
    desktop->subscribe("/PubTopic1", 0, in(5s));
    rig.frame("over tls");
    EXPECT_TRUE(desktop->wait_for_message({"/PubTopic1", "over tls", {}, {}}, in(5s)));
}

// The timing profile's uplink delay sits under TLS: the handshake (with a client certificate)
// completes over the delayed bytes, and connecting costs at least the round trips it needs.
TEST_F(EngineTls, MutualTlsOverTheDelayedLink) {
    auto b = tls_broker(pki_.server_cert, pki_.server_key, true);
    auto options = quirks();
    constexpr auto latency = 80ms;
    constexpr auto jitter = 10ms;
    options.uplink_delay = std::make_shared<link_delay>(link_delay_options{latency, jitter, 4});
    engine_rig rig(module_settings(*b, tls_auth::all), options);
    const auto t0 = std::chrono::steady_clock::now();
    rig.start();
    ASSERT_TRUE(rig.wait_connected());
    // TCP's round trip, the TLS handshake's and CONNECT/CONNACK: at least four one-way trips.
    EXPECT_GE(std::chrono::steady_clock::now() - t0, 4 * (latency - jitter));
    auto desktop = b->observe(fixtures::observer_options{
        .tls = fixtures::observer_tls{pki_.ca_cert, pki_.client_cert, pki_.client_key, true}});
    desktop->subscribe("/PubTopic1", 0, in(5s));
    rig.frame("late but whole");
    EXPECT_TRUE(desktop->wait_for_message({"/PubTopic1", "late but whole", {}, {}}, in(5s)));
}

TEST_F(EngineTls, PeerWithARogueCaLoadedFails) {
    auto b = tls_broker(pki_.server_cert, pki_.server_key);
    auto s = module_settings(*b, tls_auth::peer);
    s.tls.ca_pem = read_file(pki_.rogue_ca_cert);
    engine_rig rig(s, quirks());
    EXPECT_FALSE(connects(rig));
    EXPECT_NE(rig.log().find("TLS handshake"), std::string::npos) << rig.log();
}

TEST_F(EngineTls, PeerRejectsARogueServerUnlessQuirk) {
    auto b = tls_broker(pki_.rogue_server_cert, pki_.rogue_server_key);
    {
        engine_rig rig(module_settings(*b, tls_auth::peer), quirks());
        EXPECT_FALSE(connects(rig));
    }
    {
        engine_rig rig(module_settings(*b, tls_auth::none), quirks());
        EXPECT_TRUE(connects(rig)) << "NONE verifies nothing";
    }
    {
        engine_rig rig(module_settings(*b, tls_auth::peer), quirks({quirk::peer_accepts_rogue_ca}));
        EXPECT_TRUE(connects(rig));
    }
}

TEST_F(EngineTls, PeerRejectsAnExpiredServerUnlessQuirk) {
    auto b = tls_broker(pki_.expired_server_cert, pki_.expired_server_key);
    {
        engine_rig rig(module_settings(*b, tls_auth::peer), quirks());
        EXPECT_FALSE(connects(rig));
    }
    {
        engine_rig rig(module_settings(*b, tls_auth::peer), quirks({quirk::peer_accepts_expired}));
        EXPECT_TRUE(connects(rig));
    }
}

TEST_F(EngineTls, AllPresentsTheClientCertificate) {
    auto b = tls_broker(pki_.server_cert, pki_.server_key, true);
    {
        engine_rig rig(module_settings(*b, tls_auth::all), quirks());
        EXPECT_TRUE(connects(rig));
    }
    {
        engine_rig rig(module_settings(*b, tls_auth::peer), quirks());
        EXPECT_FALSE(connects(rig)) << "PEER has no client certificate to show";
    }
    {
        engine_rig rig(module_settings(*b, tls_auth::all), quirks({quirk::all_no_client_cert}));
        EXPECT_FALSE(connects(rig));
    }
}

TEST_F(EngineTls, SniOnlyWhenOnAndTheServerIsAHostName) {
    auto b = tls_broker(pki_.server_cert, pki_.server_key);
    struct sni_case {
        const char* server;
        bool sni_on;
        quirk_set quirks;
        std::optional<std::string> expected;
    };
    const std::vector<sni_case> cases{
        {"broker.test", true, {}, "broker.test"},
        {"broker.test", false, {}, std::nullopt},
        {"127.0.0.1", true, {}, std::nullopt},
        {"broker.test", false, {quirk::sni_always}, "broker.test"},
        {"broker.test", true, {quirk::sni_never}, std::nullopt},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.server) + (c.sni_on ? " ON" : " OFF"));
        fixtures::wire_tap tap(b->broker->host(), b->broker->port(), fixtures::tap_mode::tls);
        auto s = module_settings(*b, tls_auth::peer);
        s.server = c.server;
        s.tls.sslcfg[0] = c.sni_on;
        auto options = quirks(c.quirks);
        options.resolve[c.server] = "127.0.0.1:" + std::to_string(tap.port());
        engine_rig rig(s, options);
        rig.start();
        ASSERT_TRUE(rig.wait_connected());
        ASSERT_TRUE(tap.wait_for_client_hello(0, in(5s)));
        EXPECT_EQ(tap.sni(0), c.expected);
    }
}

} // namespace
} // namespace athil::sim::test
