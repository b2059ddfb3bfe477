// The manual's worked examples of 3.1.2 (transparent) and 3.1.4 (distribution) end to end:
// commands typed on the simulator's pty through harness/session, a real Mosquitto, and an
// independent libmosquitto client on the broker side. (The engine's own protocol details are
// tested in tests/sim/mqtt; this proves the serial side and the engine work together.)
#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/run/run_folder.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace athil::sim {
namespace {

using namespace std::chrono_literals;

class sim_mqtt_path_test : public ::testing::Test {
protected:
    void SetUp() override {
        broker = std::make_unique<fixtures::broker>(fixtures::plain_anonymous("plain"), folder);
        dut::sim_dut_options o;
        o.executable = ATHIL_EXE;
        o.args = {"--boot-ms", "100", "--log", (folder.logs() / "sim.log").string()};
        std::filesystem::create_directories(folder.logs());
        dut = std::make_unique<dut::sim_dut>(dut::sim_dut::start(o));
        session::session_options so;
        so.boot_banner = "WH-GM5";
        session = std::make_unique<session::module_session>(dut->open(deadline_in(5s)), so);
        ASSERT_TRUE(
            observer.connect(broker->host(), broker->port(), {}, deadline_in(5s)).accepted());
    }
    void TearDown() override {
        session.reset();
        dut.reset();
    }

    // The command sequence of the manual's example, then AT+S; waits for CONNECTION and
    // returns to data mode.
    void configure(const std::string& transfer_mode) {
        session->enter_command_mode();
        for (const auto& line :
             {std::string("AT+WKMOD=MQTT,NOR"),
              "AT+MQTTSVR=127.0.0.1," + std::to_string(broker->port()), std::string("AT+MQTTUSER="),
              std::string("AT+MQTTPSW="), std::string("AT+MQTTCID=athil-sim-1"),
              std::string("AT+MQTTVER=4"), std::string("AT+MQTTSUBTP=1,1,/SubTopic1,0"),
              std::string("AT+MQTTPUBTP=1,1,/PubTopic1,0,0"), "AT+MQTTMOD=" + transfer_mode}) {
            ASSERT_TRUE(session->command(line).ok()) << line;
        }
        ASSERT_TRUE(session->save_and_restart().ok());
        session->enter_command_mode();
        const auto until = deadline_in(15s);
        std::string state;
        while (steady_clock::now() < until) {
            state = session->command("AT+MQTTSTA").info("MQTTSTA").value_or("");
            if (state == "\"CONNECTION\"") {
                break;
            }
            std::this_thread::sleep_for(200ms);
        }
        ASSERT_EQ(state, "\"CONNECTION\"");
        ASSERT_TRUE(session->enter_data_mode().ok());
    }

    run::run_folder folder = run::run_folder::temporary("athil-sim-mqtt");
    std::unique_ptr<fixtures::broker> broker;
    std::unique_ptr<dut::sim_dut> dut;
    std::unique_ptr<session::module_session> session;
    fixtures::observer observer;
};

TEST_F(sim_mqtt_path_test, TransparentWorkedExample) {
    ASSERT_EQ(observer.subscribe("/PubTopic1", 0, deadline_in(5s)), 0);
    configure("0");
    session->write_data("hello from serial");
    const auto got =
        observer.wait_for_message({"/PubTopic1", "hello from serial"}, deadline_in(10s));
    EXPECT_TRUE(got) << "nothing on /PubTopic1";
    observer.publish("/SubTopic1", "hello from broker", 0, false, deadline_in(5s));
    EXPECT_EQ(session->read_data_until("broker", deadline_in(10s)), "hello from broker");
}

TEST_F(sim_mqtt_path_test, DistributionWorkedExampleWithTemporaryTopics) {
    ASSERT_EQ(observer.subscribe("#", 0, deadline_in(5s)), 0);
    configure("1");
    session->write_data("1,data send from module");
    EXPECT_TRUE(
        observer.wait_for_message({"/PubTopic1", "data send from module"}, deadline_in(10s)));
    observer.publish("/SubTopic1", "data from client", 0, false, deadline_in(5s));
    EXPECT_EQ(session->read_data_until("client", deadline_in(10s)), "1,data from client");
    // Frames are cut by idle time: leave the packing time between them.
    std::this_thread::sleep_for(300ms);
    session->write_data("0,0,tmppub1,0,0,hello");
    EXPECT_TRUE(observer.wait_for_message({"tmppub1", "hello"}, deadline_in(10s)));
    std::this_thread::sleep_for(300ms);
    session->write_data("0,1,tmpsub1,0");
    // The SUBSCRIBE is asynchronous: publish until the first copy arrives on the serial side.
    std::string got;
    const auto until = deadline_in(10s);
    while (got.find("0,tmpsub1,x") == std::string::npos && steady_clock::now() < until) {
        observer.publish("tmpsub1", "x", 0, false, deadline_in(5s));
        got += session->read_data_until_idle(300ms, deadline_in(1s));
    }
    EXPECT_EQ(got.substr(0, 11), "0,tmpsub1,x");
}

} // namespace
} // namespace athil::sim
