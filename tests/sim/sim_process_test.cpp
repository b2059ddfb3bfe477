// The real `athil sim` process behind a pty, driven through harness/link and harness/session
// exactly as a suite drives a module on /dev/ttyUSB0.
#include "harness/core/error.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/link/open_link.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace athil::sim {
namespace {

using namespace std::chrono_literals;

class sim_process_test : public ::testing::Test {
protected:
    void SetUp() override {
        dir =
            std::filesystem::temp_directory_path() / ("athil-sim-it-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(dir);
    }
    void TearDown() override {
        session.reset();
        dut.reset();
        std::filesystem::remove_all(dir);
    }

    void start(std::vector<std::string> args = {}) {
        session.reset();
        dut.reset();
        dut::sim_dut_options o;
        o.executable = ATHIL_EXE;
        o.args = std::move(args);
        o.args.insert(o.args.end(), {"--boot-ms", "100"});
        o.stderr_path = dir / "stderr.txt";
        dut = std::make_unique<dut::sim_dut>(dut::sim_dut::start(o));
        connect();
    }
    void connect() {
        session.reset();
        session::session_options so;
        so.boot_banner = "WH-GM5";
        session = std::make_unique<session::module_session>(dut->open(deadline_in(5s)), so);
    }
    std::string value(const std::string& query) {
        const auto r = session->command(query);
        EXPECT_TRUE(r.ok()) << query << ": " << r.final_text();
        const auto name = query.substr(3, query.find_first_of("?", 3) - 3);
        return r.info(name).value_or("<no +" + name + ": line>");
    }
    std::string stderr_text() {
        std::ifstream in(dir / "stderr.txt");
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    std::filesystem::path dir;
    std::unique_ptr<dut::sim_dut> dut;
    std::unique_ptr<session::module_session> session;
};

TEST_F(sim_process_test, FactoryDefaultsOfEveryQuery) {
    start();
    session->enter_command_mode();
    const std::pair<std::string, std::string> cases[] = {
        {"AT+WKMOD", "NET"},
        {"AT+WKMOD?", "NET"},
        {"AT+MQTTCFG?", "60,0"},
        {"AT+MQTTWILL?", "0,/will,0,0,offline"},
        {"AT+MQTTMOD?", "0"},
        {"AT+MQTTVER?", "3"},
        {"AT+MQTTSVR?", "mqtt.usr.cn,1883"},
        {"AT+MQTTCID?", "02400122052700000529"},
        {"AT+MQTTUSER?", "usr.cn"},
        {"AT+MQTTPSW?", "usr.cn"},
        {"AT+MQTTSTA?", "\"DISCONNECTION\""},
        {"AT+ALIREGION?", ""},
        {"AT+ALIDEVID?", ""},
        {"AT+SSLEN?", "OFF"},
        {"AT+SSLAUTH?", "NONE"},
        {"AT+SSLCFG?", "OFF,OFF,OFF,OFF"},
        {"AT+E?", "ON"},
        {"AT+VER?", "V1.3.25.000000.0000"},
        {"AT+UARTFT?", "50"},
        {"AT+UARTFL?", "1024"},
        {"AT+CMDPW?", "usr.cn#"},
        {"AT+UATEN?", "ON"},
    };
    for (const auto& [query, expected] : cases) {
        EXPECT_EQ(value(query), expected) << query;
    }
    const auto pub = session->command("AT+MQTTPUBTP?");
    ASSERT_TRUE(pub.ok());
    ASSERT_EQ(pub.body().size(), 10u);
    EXPECT_EQ(pub.body()[0], "1,1,/PubTopic1,0,0,0");
    EXPECT_EQ(pub.body()[9], "10,0,/PubTopic10,0,0,0");
    const auto sub = session->command("AT+MQTTSUBTP");
    ASSERT_EQ(sub.body().size(), 10u);
    EXPECT_EQ(sub.body()[1], "2,0,/SubTopic2,0");
    const auto csq = session->command("AT+CSQ");
    EXPECT_NE(csq.raw.find("+CSQ: 24,99"), std::string::npos) << csq.raw;
}

TEST_F(sim_process_test, HandshakeEntmAndErrors) {
    start();
    session->enter_command_mode();
    const auto bad = session->command("AT+MQTTCFG=65536,0");
    EXPECT_EQ(bad.final, session::final_kind::cme_error);
    EXPECT_EQ(bad.cme_code, 50);
    EXPECT_EQ(value("AT+MQTTCFG?"), "60,0");
    EXPECT_EQ(session->command("AT+NOSUCH").cme_code, 58);
    ASSERT_TRUE(session->enter_data_mode().ok());
    session->enter_command_mode();
    EXPECT_TRUE(session->command("AT").ok());
}

TEST_F(sim_process_test, SaveSurvivesRestartAndANewProcess) {
    const auto state = (dir / "flash.json").string();
    start({"--state", state});
    session->enter_command_mode();
    ASSERT_TRUE(session->command("AT+MQTTCID=kept-id").ok());
    ASSERT_TRUE(session->command("AT+WKMOD=CMD").ok());
    ASSERT_TRUE(session->save_and_restart().ok());
    EXPECT_EQ(value("AT+MQTTCID?"), "kept-id") << "CMD mode boots into command mode";
    ASSERT_TRUE(std::filesystem::exists(state));
    EXPECT_EQ(dut->stop(), 0);
    start({"--state", state});
    EXPECT_EQ(value("AT+MQTTCID?"), "kept-id");
    EXPECT_EQ(value("AT+WKMOD?"), "CMD");
}

TEST_F(sim_process_test, ZDiscardsAndClearRestoresFactoryDefaults) {
    const auto state = (dir / "flash.json").string();
    start({"--state", state});
    session->enter_command_mode();
    ASSERT_TRUE(session->command("AT+WKMOD=CMD").ok());
    ASSERT_TRUE(session->save_and_restart().ok());
    ASSERT_TRUE(session->command("AT+MQTTUSER=unsaved").ok());
    EXPECT_EQ(value("AT+MQTTUSER?"), "unsaved");
    ASSERT_TRUE(session->restart_without_saving().ok());
    EXPECT_EQ(value("AT+MQTTUSER?"), "usr.cn");
    ASSERT_TRUE(session->factory_reset().ok());
    session->enter_command_mode(); // factory NET boots into data mode
    EXPECT_EQ(value("AT+WKMOD?"), "NET");
}

TEST_F(sim_process_test, CorruptStateFileMeansFactoryDefaults) {
    const auto state = dir / "flash.json";
    std::ofstream(state) << "{ this is not json";
    start({"--state", state.string()});
    session->enter_command_mode();
    EXPECT_EQ(value("AT+WKMOD?"), "NET");
    EXPECT_NE(stderr_text().find("corrupt"), std::string::npos) << stderr_text();
    EXPECT_TRUE(dut->running());
}

TEST_F(sim_process_test, PortCanBeClosedAndReopened) {
    start();
    session->enter_command_mode();
    ASSERT_TRUE(session->command("AT+MQTTCID=first").ok());
    connect();
    EXPECT_EQ(value("AT+MQTTCID?"), "first");
}

TEST_F(sim_process_test, SerialAtPrefixInDataMode) {
    start();
    session.reset(); // the port has one user at a time
    auto link = dut->open(deadline_in(5s));
    link->write("usr.cn#AT+VER\r", deadline_in(2s));
    std::string got;
    const auto until = deadline_in(3s);
    while (got.find("OK\r\n") == std::string::npos && steady_clock::now() < until) {
        got += link->read_some(until);
    }
    EXPECT_EQ(got, "usr.cn#AT+VER\r\n\r\n+VER:V1.3.25.000000.0000\r\n\r\nOK\r\n");
}

TEST_F(sim_process_test, QuirksChangeWhatItSays) {
    start({"--quirk", "mqttsta-unquoted", "--quirk", "no-echo", "--quirk", "errata-httpscrt"});
    session->enter_command_mode();
    EXPECT_EQ(value("AT+MQTTSTA?"), "DISCONNECTION");
    const auto r = session->command("AT+E?");
    EXPECT_FALSE(r.echoed);
    EXPECT_EQ(r.info("E").value_or(""), "OFF");
    EXPECT_NE(session->command("AT+SSLCRT=?").raw.find("+HTTPSCRT:"), std::string::npos);
}

TEST_F(sim_process_test, UnknownQuirkStopsTheSimulatorWithAMessage) {
    dut::sim_dut_options o;
    o.executable = ATHIL_EXE;
    o.args = {"--quirk", "no-such-thing"};
    o.stderr_path = dir / "stderr.txt";
    EXPECT_THROW(dut::sim_dut::start(o), athil_error);
    EXPECT_NE(stderr_text().find("no-such-thing"), std::string::npos) << stderr_text();
}

TEST_F(sim_process_test, GarbageIsRefusedOrIgnoredAndChangesNothing) {
    start();
    session->enter_command_mode();
    const auto huge = session->command("AT+MQTTCID=" + std::string(65536, 'x'));
    EXPECT_EQ(huge.cme_code, 50) << huge.final_text();
    const auto binary = session->command(std::string("AT+MQTTCID=\0\x01\xff\0", 15));
    EXPECT_TRUE(binary.is_error() || binary.ok()) << binary.final_text();
    const auto partial = session->command("AT+MQTTC");
    EXPECT_EQ(partial.cme_code, 58);
    EXPECT_EQ(value("AT+MQTTCFG?"), "60,0");
    EXPECT_EQ(value("AT+MQTTPUBTP?").substr(0, 0), "");
    const auto cid = value("AT+MQTTCID?");
    EXPECT_TRUE(cid == "02400122052700000529" || cid.size() == 4) << cid;
    EXPECT_TRUE(dut->running());
}

TEST_F(sim_process_test, TerminateEndsCleanly) {
    start();
    session.reset();
    EXPECT_EQ(dut->stop(), 0);
}

TEST_F(sim_process_test, ThrottledOutputStillCarriesEveryByte) {
    start({"--baud", "9600"});
    session->enter_command_mode();
    const auto pub = session->command("AT+MQTTPUBTP?");
    ASSERT_TRUE(pub.ok()) << pub.final_text();
    EXPECT_EQ(pub.body().size(), 10u);
}

TEST(sim_tcp_link_test, ServesOneTcpClient) {
    process::spawn_options o;
    o.argv = {ATHIL_EXE, "sim", "--link", "tcp:0"};
    o.capture_stdout = true;
    auto child = process::child::spawn(o);
    const auto line = child.read_stdout_line(deadline_in(10s));
    ASSERT_TRUE(line && line->starts_with("TCP ")) << line.value_or("<nothing>");
    auto link =
        link::open_link(link::parse_link_spec("tcp:127.0.0.1:" + line->substr(4)), deadline_in(5s));
    session::module_session s(std::move(link));
    s.enter_command_mode();
    const auto r = s.command("AT+WKMOD?");
    EXPECT_EQ(r.info("WKMOD").value_or(""), "NET");
    child.terminate();
    EXPECT_EQ(child.exit_code(), 0);
}

} // namespace
} // namespace athil::sim
