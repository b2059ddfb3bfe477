// MANUAL 3.2, Alibaba Cloud: the module derives host, client id, user name and signed password
// from the device triple; the signature-checking broker admits it, refuses a wrong device
// secret, and data then flows in transparent and distribution mode.

#include "fixtures/aliyun_plugin/aliyun_sign.hpp"
#include "suites/case_not_run.hpp"
#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
using spec::behaviour_check;
namespace wire = athil::mqtt;

std::vector<std::string> aliyun_setup(mqtt_case& m, const std::string& secret) {
    const auto& a = m.rig().aliyun();
    // The Alibaba Cloud fields have empty factory values no set form can give (2.13-2.17), but
    // they are read only in the work mode MQTT,ALI (3.2), which the write-back undoes, and every
    // case that sets that mode sets all five here: no AT+CLEAR for them.
    m.leave_after_pass({"ALIREGION", "ALIPRODKEY", "ALIDEVSEC", "ALIDEVNAME", "ALIDEVID"});
    m.ctx().add_secret(secret);
    m.ctx().add_secret(a.device.device_secret);
    return {"AT+WKMOD=MQTT,ALI",
            "AT+ALIREGION=" + a.region,
            "AT+ALIPRODKEY=" + a.device.product_key,
            "AT+ALIDEVSEC=" + secret,
            "AT+ALIDEVNAME=" + a.device.device_name,
            "AT+ALIDEVID=" + a.device_id,
            "AT+MQTTVER=4"};
}

void require_host_names(mqtt_case& m) {
    if (!m.rig().has_host_names()) {
        throw case_not_run("the module must resolve <productKey>.iot-as-mqtt.<region>.aliyuncs.com "
                           "to this rig's broker, and --broker-host gives only an address");
    }
}

std::optional<std::uint8_t> connack_code(const packet_list& ps) {
    for (const auto& p : ps) {
        if (const auto* a = std::get_if<wire::connack_packet>(&p.packet)) {
            return a->return_code;
        }
    }
    return std::nullopt;
}

// Any correct login is accepted, as the platform does: any of the three sign methods, with or
// without a timestamp, hex in either case; securemode 3 over plain TCP.
void aliyun_connect_fields(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::aliyun);
    require_host_names(m);
    const auto& a = m.rig().aliyun();
    m.configure(aliyun_setup(m, a.device.device_secret));
    m.save_and_restart();
    const auto connect = m.wait_connect("the module connects to the Alibaba Cloud host");
    aliyun::auth_policy policy;
    policy.securemode = "3";
    const auto verdict = aliyun::check_login(a.device, policy, connect.client_id, connect.username,
                                             connect.password);
    const auto parts = aliyun::parse_client_id(connect.client_id, policy);
    if (!verdict.accepted() || !parts.parts || parts.parts->client_id != a.device_id) {
        m.fail("CONNECT has client id <ALIDEVID>|securemode=3,signmethod=..|, user name "
               "<deviceName>&<productKey> and the signed password",
               "client id " + a.device_id + "|securemode=3,signmethod=<m>[,timestamp=<t>]|, user " +
                   a.device.device_name + "&" + a.device.product_key + ", a valid signature",
               "client id " + connect.client_id + ", user " +
                   connect.username.value_or("(absent)") + ": " +
                   std::string(aliyun::describe(verdict.result)) + " " + verdict.detail);
    }
    m.wait_packets(
        "the signature-checking broker accepts the login",
        "CONNECT with a valid signature, then CONNACK return code 0",
        [](const packet_list& ps) { return connack_code(ps) == std::optional<std::uint8_t>(0); },
        m.delivery_deadline());
    m.wait_state("CONNECTION", ctx.profile().times.reconnect_bound,
                 "AT+MQTTSTA is CONNECTION with Alibaba Cloud");
}

void aliyun_wrong_secret_refused(case_context& ctx, const behaviour_check&) {
    mqtt_case m(ctx, target::aliyun);
    require_host_names(m);
    m.configure(aliyun_setup(m, "notTheDeviceSecret000000000000"));
    m.save_and_restart();
    m.expect_refused_login("the broker refuses a login signed with the wrong secret");
}

// The device's own topics, both directions, in the mode the data names.
void aliyun_data_flows(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::aliyun);
    require_host_names(m);
    const bool distribution = c.input("mode") == "1";
    const auto& a = m.rig().aliyun();
    const auto base = "/" + a.device.product_key + "/" + a.device.device_name + "/user/";
    auto setup = aliyun_setup(m, a.device.device_secret);
    setup.insert(setup.end(),
                 {"AT+MQTTPUBTP=1,1," + base + "update,1,0", "AT+MQTTSUBTP=1,1," + base + "get,1",
                  std::string("AT+MQTTMOD=") + (distribution ? "1" : "0")});
    m.configure(setup);
    m.observe(base + "update", 1);
    m.save_and_restart();
    m.wait_ready();
    m.send_frame(distribution ? "1,up from the device" : "up from the device");
    m.expect_message({base + "update", "up from the device", std::nullopt, std::nullopt},
                     "serial data reaches the device's update topic");
    m.observer_publish(base + "get", "down to the device", 1);
    m.expect_serial(distribution ? "1,down to the device" : "down to the device",
                    "a message on the device's get topic reaches the serial port");
}

} // namespace

void add_aliyun_checks(check_registry& r) {
    r["AliyunConnectFields"] = {aliyun_connect_fields};
    r["AliyunWrongSecretRefused"] = {aliyun_wrong_secret_refused};
    r["AliyunDataFlows"] = {aliyun_data_flows, {"mode"}}; // 0 transparent, 1 distribution
}

} // namespace athil::suites::mqtt
