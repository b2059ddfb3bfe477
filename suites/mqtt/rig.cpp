#include "suites/mqtt/rig.hpp"

#include "fixtures/aliyun_plugin/plugin_config.hpp"
#include "harness/core/error.hpp"

#include <string_view>

namespace athil::suites::mqtt {
namespace {

constexpr std::array<target, target_count> all_targets{
    target::plain,   target::auth,   target::tls,   target::rogue,
    target::expired, target::mutual, target::aliyun};

constexpr std::size_t index_of(target t) {
    return static_cast<std::size_t>(t);
}

// The reserved .test top-level domain (RFC 2606): these names can never reach a real host.
constexpr std::string_view name_suffix = ".broker.test";

fixtures::broker_tls server_tls(const certs::test_pki& pki, const std::filesystem::path& cert,
                                const std::filesystem::path& key, bool require_client) {
    fixtures::broker_tls tls;
    tls.cafile = pki.ca_cert;
    tls.certfile = cert;
    tls.keyfile = key;
    tls.require_certificate = require_client;
    return tls;
}

fixtures::broker_config config_for(target t, const certs::test_pki& pki, const aliyun_identity& ali,
                                   const broker_account& account) {
    const std::string name = to_string(t);
    switch (t) {
    case target::plain:
        return fixtures::plain_anonymous(name);
    case target::auth:
        return fixtures::plain_with_passwords(name, {{account.user, account.password}});
    case target::tls:
        return fixtures::tls_server_only(name,
                                         server_tls(pki, pki.server_cert, pki.server_key, false));
    case target::rogue:
        return fixtures::tls_server_only(
            name, server_tls(pki, pki.rogue_server_cert, pki.rogue_server_key, false));
    case target::expired:
        return fixtures::tls_server_only(
            name, server_tls(pki, pki.expired_server_cert, pki.expired_server_key, false));
    case target::mutual:
        return fixtures::tls_mutual(name, server_tls(pki, pki.server_cert, pki.server_key, true));
    case target::aliyun: {
        aliyun::plugin_settings s;
        s.device = ali.device;
        s.region = ali.region;
        s.securemode = "3"; // MANUAL 3.2: 3 over plain TCP
        return fixtures::with_plugin(name, {aliyun::plugin_path(), aliyun::plugin_options(s)});
    }
    }
    throw athil_error(errc::bad_input, "unknown broker target");
}

} // namespace

const char* to_string(target t) noexcept {
    switch (t) {
    case target::plain:
        return "plain";
    case target::auth:
        return "auth";
    case target::tls:
        return "tls";
    case target::rogue:
        return "rogue";
    case target::expired:
        return "expired";
    case target::mutual:
        return "mutual";
    case target::aliyun:
        return "aliyun";
    }
    return "?";
}

std::string aliyun_identity::host() const {
    return device.product_key + ".iot-as-mqtt." + region + ".aliyuncs.com";
}

mqtt_rig::mqtt_rig(rig_options options)
    : options_(std::move(options))
    , folder_(run::run_folder::temporary("athil-mqtt-rig")) {
    certs::pki_options pki_options;
    pki_options.server_host = host_name(target::tls);
    for (const auto t : {target::rogue, target::expired, target::mutual}) {
        pki_options.extra_sans.push_back("DNS:" + host_name(t));
    }
    if (!options_.broker_host.empty()) {
        pki_options.extra_sans.push_back(options_.broker_host);
    }
    pki_ = certs::generate_test_pki(folder_.pki(), pki_options);
    aliyun_.region = "cn-shanghai";
    aliyun_.device_id = "athil123";
    aliyun_.device = {"a1AthilPk01", "athil-device", "athilDeviceSecret0123456789abcd"};
    account_ = {"athil-user", "athil-Pass-7"};

    const auto listen = options_.broker_host.empty() ? std::string("127.0.0.1") : "0.0.0.0";
    for (const auto t : all_targets) {
        auto& s = slots_[index_of(t)];
        s.broker =
            std::make_unique<fixtures::broker>(config_for(t, pki_, aliyun_, account_), folder_);
        fixtures::wire_tap_options tap;
        tap.upstream_host = s.broker->host();
        tap.upstream_port = s.broker->port();
        tap.listen_host = listen;
        s.tap = std::make_unique<fixtures::wire_tap>(tap);
    }
}

mqtt_rig::~mqtt_rig() {
    // Taps first: the module's connections end at the tap, never half-open at a broker.
    for (auto& s : slots_) {
        if (s.tap) {
            s.tap->stop();
        }
    }
}

std::string mqtt_rig::host_name(target t) const {
    if (t == target::aliyun) {
        return aliyun_.host();
    }
    return std::string(to_string(t)) + std::string(name_suffix);
}

std::vector<std::string> mqtt_rig::sim_args() const {
    std::vector<std::string> out;
    if (!has_host_names()) {
        return out;
    }
    for (const auto t : all_targets) {
        const auto& tap = *slots_[index_of(t)].tap;
        out.push_back("--resolve=" + host_name(t) + "=" + tap.host() + ":" +
                      std::to_string(tap.port()));
    }
    return out;
}

server_address mqtt_rig::server(target t) const {
    if (has_host_names()) {
        // The port is the manual's default; the resolve mapping decides where it really goes.
        return {host_name(t), 1883};
    }
    return {options_.broker_host, slots_[index_of(t)].tap->port()};
}

server_address mqtt_rig::ip_literal(target t) const {
    const auto host = has_host_names() ? std::string("127.0.0.1") : options_.broker_host;
    return {host, slots_[index_of(t)].tap->port()};
}

fixtures::broker& mqtt_rig::broker(target t) {
    return *slots_[index_of(t)].broker;
}
fixtures::wire_tap& mqtt_rig::tap(target t) {
    return *slots_[index_of(t)].tap;
}

std::string mqtt_rig::unique_client_id() {
    return "athil-c" + std::to_string(++counter_);
}

std::string mqtt_rig::run_topic(std::string_view what) {
    return "athil/run/" + std::string(what);
}

std::string mqtt_rig::unique_topic(std::string_view what) {
    return "athil/" + std::to_string(++counter_) + "/" + std::string(what);
}

} // namespace athil::suites::mqtt
