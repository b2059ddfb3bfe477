// The section-3 rig: every broker answers MQTT through its tap, the simulator arguments name
// every tap, the Alibaba Cloud broker admits only its device, and nothing (process, port,
// folder) is left when the rig is gone.

#include "fixtures/observer/observer.hpp"
#include "suites/mqtt/rig.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <regex>
#include <thread>

namespace athil::suites::mqtt {
namespace {

using namespace std::chrono_literals;

bool accepts_tcp(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

bool process_gone(pid_t pid, deadline until) {
    while (steady_clock::now() < until) {
        if (::kill(pid, 0) != 0 && errno == ESRCH) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

TEST(MqttRig, SimArgsResolveEveryHostNameToItsTap) {
    mqtt_rig rig({});
    const auto args = rig.sim_args();
    ASSERT_EQ(args.size(), target_count);
    const std::regex form("--resolve=([A-Za-z0-9.-]+)=127\\.0\\.0\\.1:([0-9]+)");
    for (const auto t : {target::plain, target::tls, target::aliyun}) {
        const auto name = rig.server(t).host;
        const auto expected =
            "--resolve=" + name + "=127.0.0.1:" + std::to_string(rig.tap(t).port());
        EXPECT_NE(std::find(args.begin(), args.end(), expected), args.end()) << expected;
    }
    for (const auto& a : args) {
        EXPECT_TRUE(std::regex_match(a, form)) << a;
    }
    EXPECT_EQ(rig.server(target::aliyun).host, "a1AthilPk01.iot-as-mqtt.cn-shanghai.aliyuncs.com");
    EXPECT_NE(rig.unique_client_id(), rig.unique_client_id());
}

TEST(MqttRig, BrokerHostModeGivesTapPortsAndNoResolve) {
    mqtt_rig rig({"192.0.2.10"});
    EXPECT_TRUE(rig.sim_args().empty());
    EXPECT_FALSE(rig.has_host_names());
    const auto s = rig.server(target::auth);
    EXPECT_EQ(s.host, "192.0.2.10");
    EXPECT_EQ(s.port, rig.tap(target::auth).port());
}

TEST(MqttRig, PlainBrokerReachableThroughItsTap) {
    mqtt_rig rig({});
    auto& tap = rig.tap(target::plain);
    fixtures::observer o;
    const auto outcome = o.connect("127.0.0.1", tap.port(), {}, deadline_in(5s));
    EXPECT_TRUE(outcome.accepted());
    EXPECT_TRUE(tap.wait_for([](const auto& ps) { return ps.size() >= 2; }, deadline_in(5s)))
        << "the tap records CONNECT and CONNACK";
}

TEST(MqttRig, AliyunBrokerRefusesAnUnsignedLogin) {
    mqtt_rig rig({});
    auto& b = rig.broker(target::aliyun);
    fixtures::observer o;
    const auto outcome = o.connect(b.host(), b.port(), {}, deadline_in(5s));
    EXPECT_TRUE(outcome.refused());
}

TEST(MqttRig, LeavesNoProcessPortOrFolderBehind) {
    std::vector<pid_t> pids;
    std::vector<std::uint16_t> ports;
    std::filesystem::path folder;
    {
        mqtt_rig rig({});
        folder = rig.folder();
        EXPECT_TRUE(std::filesystem::exists(rig.pki().ca_cert));
        for (std::size_t i = 0; i < target_count; ++i) {
            const auto t = static_cast<target>(i);
            const auto pid = rig.broker(t).pid();
            ASSERT_TRUE(pid.has_value()) << to_string(t);
            pids.push_back(*pid);
            ports.push_back(rig.broker(t).port());
            ports.push_back(rig.tap(t).port());
            EXPECT_TRUE(accepts_tcp(rig.tap(t).port())) << to_string(t);
        }
    }
    for (const auto pid : pids) {
        EXPECT_TRUE(process_gone(pid, deadline_in(5s))) << "broker pid " << pid;
    }
    EXPECT_FALSE(std::filesystem::exists(folder)) << folder;
    for (const auto port : ports) {
        EXPECT_FALSE(accepts_tcp(port)) << "port " << port;
    }
}

} // namespace
} // namespace athil::suites::mqtt
