#pragma once
// The counterparts of section 3, made once per run before the module is reached: a throwaway
// PKI, one Mosquitto broker per kind of server the checks need (plain, password, TLS with a
// good / rogue-signed / expired certificate, mutual TLS, Alibaba Cloud signature plugin) and a
// wire tap in front of each. The module is always pointed at a tap, never at a broker.
//
// How the module reaches a tap:
// - simulator: each tap has a host name (`plain.broker.test`, the Alibaba Cloud host, ...)
//   that the simulator maps to the tap's port with `--resolve`, given once at its start
//   (sim_args()). Host names are needed anyway: SNI is only sent for names.
// - real module (`broker_host` set): the taps listen on every interface and the module is
//   configured with broker_host and the tap's port; names and Alibaba Cloud are unavailable.

#include "certs/test_pki.hpp"
#include "fixtures/aliyun_plugin/aliyun_sign.hpp"
#include "fixtures/broker/broker.hpp"
#include "fixtures/tap/wire_tap.hpp"
#include "harness/run/run_folder.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace athil::suites::mqtt {

// One broker (and its tap) per kind of server.
enum class target {
    plain,   // anonymous MQTT
    auth,    // MQTT with a password file
    tls,     // TLS, server certificate signed by the run's CA
    rogue,   // TLS, server certificate signed by a CA the module is never given
    expired, // TLS, server certificate by the run's CA whose validity has ended
    mutual,  // TLS, good server certificate, client certificate required
    aliyun,  // MQTT, Alibaba Cloud signature plugin for aliyun_device()
};
inline constexpr std::size_t target_count = 7;

const char* to_string(target t) noexcept;

struct rig_options {
    std::string broker_host; // empty: the simulator with --resolve; else a real module's view
};

// Where the module is told to connect (AT+MQTTSVR=<host>,<port>).
struct server_address {
    std::string host;
    std::uint16_t port = 0;
};

// The Alibaba Cloud device the plugin broker admits (AT+ALI* values).
struct aliyun_identity {
    std::string region;
    std::string device_id;
    aliyun::device_triple device;
    std::string host() const; // <productKey>.iot-as-mqtt.<region>.aliyuncs.com
};

struct broker_account {
    std::string user;
    std::string password;
};

class mqtt_rig {
public:
    // Starts every broker and tap; throws athil_error when one cannot start.
    explicit mqtt_rig(rig_options options);
    ~mqtt_rig();
    mqtt_rig(const mqtt_rig&) = delete;
    mqtt_rig& operator=(const mqtt_rig&) = delete;

    // `--resolve=HOST=ADDR:PORT` arguments for the simulator (empty for a real module).
    std::vector<std::string> sim_args() const;
    bool has_host_names() const { return options_.broker_host.empty(); }

    server_address server(target t) const;     // by name (simulator) or broker_host
    server_address ip_literal(target t) const; // always an IPv4 literal and the tap's port
    fixtures::broker& broker(target t);
    fixtures::wire_tap& tap(target t);

    const std::filesystem::path& folder() const { return folder_.root(); } // removed with the rig
    const certs::test_pki& pki() const { return pki_; }
    const aliyun_identity& aliyun() const { return aliyun_; }
    const broker_account& account() const { return account_; }

    // A client id no other case of the run uses (<= 23 bytes, so MQTT 3.1 accepts it): a
    // broker keeps sessions by client id, and cases must not inherit each other's.
    std::string unique_client_id();
    // A topic prefix of the same kind, for topics that must not see another case's messages.
    std::string unique_topic(std::string_view what);
    // The same topic for every case that asks with `what`: for cases that save the same
    // settings so that they can share one connection (live_connection.hpp).
    static std::string run_topic(std::string_view what);

private:
    struct slot {
        std::unique_ptr<fixtures::broker> broker;
        std::unique_ptr<fixtures::wire_tap> tap;
    };
    std::string host_name(target t) const;

    rig_options options_;
    run::run_folder folder_;
    certs::test_pki pki_;
    aliyun_identity aliyun_;
    broker_account account_;
    std::array<slot, target_count> slots_;
    unsigned counter_ = 0;
};

} // namespace athil::suites::mqtt
