// `athil sim --timing FILE`: every number of a timing profile is honoured on the real paths: the
// serial line (pty) both ways, the restart, the network registration and the uplink to a real
// Mosquitto behind the wire tap, measured from the outside. Only lower bounds: a shared machine
// may be slower, never faster, than the profile.
#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "fixtures/tap/wire_tap.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/run/run_folder.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <thread>

namespace athil::sim {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// The profile under test: every value large enough to tell apart from an unpaced simulator.
constexpr auto boot = 300ms;
constexpr auto registration = 500ms;
constexpr auto latency = 100ms;
constexpr auto jitter = 20ms;
constexpr unsigned baud = 9600;
constexpr auto at_latency = 50ms;

std::string profile_text(int seed) {
    return "timing: rack-test\ndescription: a small profile for the tests\nseed: " +
           std::to_string(seed) +
           "\nboot_ms: 300\nregistration_ms: 500\nuplink:\n  latency_ms: 100\n  jitter_ms: 20\n"
           "serial:\n  baud: 9600\nat_latency_ms: 50\n";
}

// The time `bytes` take on the line at the test baud, 8N1.
milliseconds line_time(std::size_t bytes) {
    return milliseconds(bytes * 10 * 1000 / baud);
}

milliseconds since(steady_clock::time_point t0, steady_clock::time_point t1) {
    return std::chrono::duration_cast<milliseconds>(t1 - t0);
}

class sim_timing_test : public ::testing::Test {
protected:
    void start_sim(int seed = 7) {
        std::filesystem::create_directories(folder.logs());
        const auto file = folder.logs() / ("timing-" + std::to_string(seed) + ".yaml");
        std::ofstream(file) << profile_text(seed);
        log_file = folder.logs() / ("sim-" + std::to_string(++sims) + ".log");
        dut::sim_dut_options o;
        o.executable = ATHIL_EXE;
        o.args = {"--timing", file.string(), "--log", log_file.string()};
        dut = std::make_unique<dut::sim_dut>(dut::sim_dut::start(o));
        session::session_options so;
        so.boot_banner = "WH-GM5";
        session = std::make_unique<session::module_session>(dut->open(deadline_in(5s)), so);
        session->enter_command_mode();
    }

    void start_broker() {
        broker = std::make_unique<fixtures::broker>(fixtures::plain_anonymous("plain"), folder);
        tap = std::make_unique<fixtures::wire_tap>("127.0.0.1", broker->port());
        ASSERT_TRUE(
            observer.connect(broker->host(), broker->port(), {}, deadline_in(5s)).accepted());
    }

    // MQTT settings towards the tap, then AT+S; returns when the restart's banner came.
    steady_clock::time_point configure_mqtt() {
        for (const auto& line :
             {std::string("AT+WKMOD=MQTT,NOR"),
              "AT+MQTTSVR=127.0.0.1," + std::to_string(tap->port()),
              std::string("AT+MQTTCID=athil-timing"), std::string("AT+MQTTSUBTP=1,1,/down,0"),
              std::string("AT+MQTTPUBTP=1,1,/up,0,0"), std::string("AT+MQTTMOD=0")}) {
            EXPECT_TRUE(session->command(line).ok()) << line;
        }
        const auto sent = steady_clock::now();
        EXPECT_TRUE(session->save_and_restart().ok());
        return sent;
    }

    std::optional<steady_clock::time_point> first(mqtt::packet_type type, fixtures::direction dir) {
        const auto match = [&](const fixtures::tapped_packet& p) {
            return p.dir == dir && mqtt::type_of(p.packet) == type;
        };
        tap->wait_for([&](const auto& ps) { return std::any_of(ps.begin(), ps.end(), match); },
                      deadline_in(10s));
        for (const auto& p : tap->packets()) {
            if (match(p)) {
                return p.at;
            }
        }
        return std::nullopt;
    }

    // The link delays the simulator drew, in order, from its --log.
    std::vector<int> drawn_delays() const {
        std::ifstream in(log_file);
        std::vector<int> out;
        const std::regex delay("uplink delay (\\d+) ms");
        std::smatch m;
        for (std::string line; std::getline(in, line);) {
            if (std::regex_search(line, m, delay)) {
                out.push_back(std::stoi(m[1]));
            }
        }
        return out;
    }

    void TearDown() override {
        session.reset();
        dut.reset();
    }

    run::run_folder folder = run::run_folder::temporary("athil-sim-timing");
    std::filesystem::path log_file;
    int sims = 0;
    std::unique_ptr<fixtures::broker> broker;
    std::unique_ptr<fixtures::wire_tap> tap;
    std::unique_ptr<dut::sim_dut> dut;
    std::unique_ptr<session::module_session> session;
    fixtures::observer observer;
};

TEST_F(sim_timing_test, AnswerStartsNoEarlierThanTheAtLatency) {
    start_sim();
    const auto t0 = steady_clock::now();
    ASSERT_TRUE(session->command("AT").ok());
    EXPECT_GE(since(t0, steady_clock::now()), at_latency + line_time(3));
}

TEST_F(sim_timing_test, SerialInputAndOutputNoFasterThanTheBaud) {
    start_sim();
    ASSERT_TRUE(session->command("AT+E=OFF").ok());
    const std::string topic = "/" + std::string(100, 't');
    const std::string set = "AT+MQTTSUBTP=1,1," + topic + ",0";
    // Input: a long line, a short answer. The module has the CR only after the whole line.
    auto t0 = steady_clock::now();
    ASSERT_TRUE(session->command(set).ok());
    EXPECT_GE(since(t0, steady_clock::now()), at_latency + line_time(set.size() + 1));
    // Output: a short line, a long answer (the pacer may hand over one 10 ms step at once).
    t0 = steady_clock::now();
    const auto query = session->command("AT+MQTTSUBTP?");
    ASSERT_TRUE(query.ok());
    ASSERT_GT(query.raw.size(), topic.size());
    EXPECT_GE(since(t0, steady_clock::now()),
              at_latency + line_time(query.raw.size() - baud / 1000) + line_time(14));
}

TEST_F(sim_timing_test, BannerNoEarlierThanTheBootTime) {
    start_sim();
    const auto t0 = steady_clock::now();
    ASSERT_TRUE(session->restart_without_saving().ok());
    EXPECT_GE(since(t0, steady_clock::now()), at_latency + boot);
}

// After the restart no CONNECT before the boot and the registration (and the TCP handshake's
// round trip over the link); then every packet crosses the link late, both ways.
TEST_F(sim_timing_test, RegistrationThenUplinkLatencyBothWays) {
    start_broker();
    ASSERT_EQ(observer.subscribe("/up", 0, deadline_in(5s)), 0);
    start_sim();
    const auto asked = configure_mqtt();
    const auto connect = first(mqtt::packet_type::connect, fixtures::direction::to_broker);
    ASSERT_TRUE(connect);
    EXPECT_GE(since(asked, *connect), at_latency + boot + registration + 3 * (latency - jitter));
    ASSERT_TRUE(first(mqtt::packet_type::subscribe, fixtures::direction::to_broker));

    // Module to broker: the PUBLISH leaves after the data's line time and the packing time.
    auto t0 = steady_clock::now();
    session->write_data("hello");
    const auto up = observer.wait_for_message({"/up", "hello"}, deadline_in(10s));
    ASSERT_TRUE(up);
    EXPECT_GE(since(t0, up->received_at), line_time(5) + 50ms + (latency - jitter));

    // Broker to module.
    t0 = steady_clock::now();
    observer.publish("/down", "back", 0, false, deadline_in(5s));
    EXPECT_EQ(session->read_data_until("back", deadline_in(10s)), "back");
    EXPECT_GE(since(t0, steady_clock::now()), latency - jitter);

    for (const int d : drawn_delays()) {
        EXPECT_GE(d, (latency - jitter).count());
        EXPECT_LE(d, (latency + jitter).count());
    }
}

// The delays come from a generator seeded by the profile: a second run with the same seed draws
// the same ones, another seed others.
TEST_F(sim_timing_test, SameSeedSameDelays) {
    start_broker();
    std::vector<std::vector<int>> runs;
    for (const int seed : {7, 7, 8}) {
        start_sim(seed);
        configure_mqtt();
        ASSERT_TRUE(first(mqtt::packet_type::connack, fixtures::direction::to_module));
        session.reset();
        dut.reset(); // flushes the log
        runs.push_back(drawn_delays());
        tap->clear();
    }
    constexpr std::size_t compared = 4; // the TCP round trip, CONNECT and CONNACK at least
    ASSERT_GE(runs[0].size(), compared);
    ASSERT_GE(runs[1].size(), compared);
    ASSERT_GE(runs[2].size(), compared);
    runs[0].resize(compared);
    runs[1].resize(compared);
    runs[2].resize(compared);
    EXPECT_EQ(runs[0], runs[1]);
    EXPECT_NE(runs[0], runs[2]);
}

} // namespace
} // namespace athil::sim
