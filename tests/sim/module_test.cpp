// The firmware model in-process on an io_context, with a recording stand-in for the MQTT side:
// modes, the +++ handshake, packing, serial AT in data mode, restarts and quirks. Short
// handshake timings keep it quick; every wait is bounded.
#include "fixtures/sim/module.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <thread>

namespace athil::sim {
namespace {

using namespace std::chrono_literals;

struct uplink_log {
    int created = 0;
    int started = 0;
    std::vector<bool> stops; // orderly flag of each stop
    std::vector<std::string> frames;
    std::vector<settings> running;
    serial_writer write; // the current uplink's way to the serial port
};

class recording_uplink final : public uplink {
public:
    explicit recording_uplink(std::shared_ptr<uplink_log> log)
        : log_(std::move(log)) {}
    void start() override { ++log_->started; }
    void stop(bool orderly) override { log_->stops.push_back(orderly); }
    void on_serial_frame(std::string_view frame) override { log_->frames.emplace_back(frame); }
    bool connected() const override { return true; }

private:
    std::shared_ptr<uplink_log> log_;
};

class module_test : public ::testing::Test {
protected:
    void start(quirk_set quirks = {}) {
        module_options o;
        o.quirks = quirks;
        o.boot_time = 20ms;
        o.escape = {60ms, 200ms, 20ms, 400ms};
        o.make_uplink = [log = log](boost::asio::io_context&, const settings& running,
                                    serial_writer w) {
            ++log->created;
            log->running.push_back(running);
            log->write = std::move(w);
            return std::unique_ptr<uplink>(std::make_unique<recording_uplink>(log));
        };
        m = std::make_unique<module>(io, std::move(o),
                                     [this](std::string_view b) { out.append(b); });
        m->power_on();
    }

    void send(std::string_view bytes) {
        m->on_serial_bytes(bytes);
        io.restart();
        io.poll();
    }
    // Runs the io_context until `pred` holds or 3 s pass.
    bool run_until(const std::function<bool()>& pred) {
        const auto until = std::chrono::steady_clock::now() + 3s;
        while (!pred() && std::chrono::steady_clock::now() < until) {
            io.restart(); // run_for stops the context whenever it runs out of work
            io.run_for(5ms);
            std::this_thread::sleep_for(1ms);
        }
        return pred();
    }
    // Lets `d` pass while serving the io_context (run_for alone returns early without work).
    void idle(std::chrono::milliseconds d) {
        const auto until = std::chrono::steady_clock::now() + d;
        while (std::chrono::steady_clock::now() < until) {
            io.restart();
            io.run_for(5ms);
            std::this_thread::sleep_for(1ms);
        }
    }
    bool saw(const std::string& text) {
        return run_until([&] { return out.find(text) != std::string::npos; });
    }
    // +++ / a / +ok from data mode.
    void enter_command_mode() {
        idle(80ms);
        out.clear();
        send("+++");
        ASSERT_TRUE(saw("a"));
        send("a");
        ASSERT_TRUE(saw("+ok"));
        ASSERT_EQ(m->mode(), serial_mode::command);
        out.clear();
    }
    std::string command(const std::string& line) {
        out.clear();
        send(line + "\r");
        run_until([&] {
            return out.find("OK\r\n") != std::string::npos ||
                   out.find("ERROR") != std::string::npos;
        });
        return std::exchange(out, {});
    }
    // Sets MQTT,NOR and saves; waits for the reboot banner.
    void boot_into_mqtt() {
        enter_command_mode();
        ASSERT_EQ(command("AT+WKMOD=MQTT,NOR"), "AT+WKMOD=MQTT,NOR\r\n\r\nOK\r\n");
        ASSERT_EQ(command("AT+S"), "AT+S\r\n\r\nOK\r\n");
        ASSERT_TRUE(saw("\r\nWH-GM5\r\n"));
        ASSERT_EQ(m->mode(), serial_mode::data);
        out.clear();
    }

    boost::asio::io_context io;
    std::string out;
    std::shared_ptr<uplink_log> log = std::make_shared<uplink_log>();
    std::unique_ptr<module> m;
};

TEST_F(module_test, BootsIntoDataModeAndTheHandshakeReachesCommandMode) {
    start();
    EXPECT_EQ(m->mode(), serial_mode::data);
    enter_command_mode();
    EXPECT_EQ(command("AT+WKMOD?"), "AT+WKMOD?\r\n\r\n+WKMOD:NET\r\n\r\nOK\r\n");
    EXPECT_EQ(log->created, 0) << "NET mode has no MQTT side";
}

TEST_F(module_test, PlusWithoutGuardSilenceIsData) {
    start();
    boot_into_mqtt();
    send("x+++");
    idle(150ms);
    EXPECT_EQ(out, "");
    ASSERT_TRUE(run_until([&] { return !log->frames.empty(); }));
    EXPECT_EQ(log->frames, std::vector<std::string>{"x+++"});
    EXPECT_EQ(m->mode(), serial_mode::data);
}

TEST_F(module_test, NoAnswerToTheAMeansTheBytesWereData) {
    start();
    boot_into_mqtt();
    idle(80ms);
    send("+++");
    ASSERT_TRUE(saw("a"));
    ASSERT_TRUE(run_until([&] { return !log->frames.empty(); }));
    EXPECT_EQ(log->frames, std::vector<std::string>{"+++"});
    EXPECT_EQ(m->mode(), serial_mode::data);
}

TEST_F(module_test, ByteAfterPlusesSpoilsTheHandshake) {
    start();
    boot_into_mqtt();
    idle(80ms);
    send("+++b");
    ASSERT_TRUE(run_until([&] { return !log->frames.empty(); }));
    EXPECT_EQ(log->frames, std::vector<std::string>{"+++b"});
    EXPECT_EQ(out, "");
}

TEST_F(module_test, PlusesInCommandModeAnswer58) {
    start();
    enter_command_mode();
    send("+++");
    EXPECT_TRUE(saw("\r\n+CME ERROR:58\r\n"));
    EXPECT_EQ(command("AT"), "AT\r\n\r\nOK\r\n");
}

TEST_F(module_test, DataIsPackedByIdleTimeAndLength) {
    start();
    enter_command_mode();
    command("AT+UARTFL=5");
    command("AT+WKMOD=MQTT");
    command("AT+S");
    ASSERT_TRUE(saw("WH-GM5"));
    send("abcdefghijkl");
    ASSERT_TRUE(run_until([&] { return log->frames.size() == 3; }));
    EXPECT_EQ(log->frames, (std::vector<std::string>{"abcde", "fghij", "kl"}));
    EXPECT_EQ(log->running.back().packing_length, 5);
}

TEST_F(module_test, SerialAtPrefixRunsACommandInDataMode) {
    start();
    boot_into_mqtt();
    send("usr.cn#AT+VER\r");
    ASSERT_TRUE(saw("OK\r\n"));
    EXPECT_EQ(out, "usr.cn#AT+VER\r\n\r\n+VER:V1.3.25.000000.0000\r\n\r\nOK\r\n");
    idle(100ms);
    EXPECT_TRUE(log->frames.empty());
    EXPECT_EQ(m->mode(), serial_mode::data);
}

TEST_F(module_test, SaveRestartsWithTheNewSettingsAndAHardStop) {
    start();
    boot_into_mqtt();
    ASSERT_EQ(log->created, 1);
    EXPECT_EQ(log->started, 1);
    EXPECT_EQ(log->running.back().mode, work_mode::mqtt_nor);
    enter_command_mode();
    command("AT+MQTTCID=abc");
    EXPECT_EQ(log->running.back().client_id, "02400122052700000529") << "unsaved until AT+S";
    command("AT+S");
    ASSERT_TRUE(saw("\r\nWH-GM5\r\n"));
    EXPECT_EQ(log->stops, std::vector<bool>{false}) << "a restart is not an orderly disconnect";
    EXPECT_EQ(log->created, 2);
    EXPECT_EQ(log->running.back().client_id, "abc");
}

TEST_F(module_test, ZDiscardsUnsavedChangesAndClearRestoresDefaults) {
    start();
    enter_command_mode();
    command("AT+MQTTCID=saved");
    command("AT+WKMOD=CMD");
    command("AT+S");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(m->mode(), serial_mode::command) << "CMD boots into command mode";
    command("AT+MQTTCID=unsaved");
    command("AT+Z");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(command("AT+MQTTCID"), "AT+MQTTCID\r\n\r\n+MQTTCID:saved\r\n\r\nOK\r\n");
    command("AT+CLEAR");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(m->mode(), serial_mode::data);
    EXPECT_EQ(m->working().client_id, "02400122052700000529");
}

TEST_F(module_test, BytesDuringARestartAreIgnored) {
    start();
    enter_command_mode();
    command("AT+WKMOD=CMD");
    out.clear();
    send("AT+S\rAT+MQTTCID=lost\r");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(out, "AT+S\r\n\r\nOK\r\n\r\nWH-GM5\r\n");
    EXPECT_EQ(m->working().client_id, "02400122052700000529");
}

TEST_F(module_test, InboundDataReachesSerialOnlyInDataMode) {
    start();
    boot_into_mqtt();
    log->write("from broker");
    EXPECT_EQ(out, "from broker");
    enter_command_mode();
    log->write("dropped");
    EXPECT_EQ(out, "");
}

TEST_F(module_test, EntmReturnsToDataMode) {
    start();
    enter_command_mode();
    EXPECT_EQ(command("AT+ENTM"), "AT+ENTM\r\n\r\nOK\r\n");
    EXPECT_EQ(m->mode(), serial_mode::data);
}

TEST_F(module_test, EchoOffStopsTheEchoFromTheNextLine) {
    start();
    enter_command_mode();
    EXPECT_EQ(command("AT+E=OFF"), "AT+E=OFF\r\n\r\nOK\r\n");
    EXPECT_EQ(command("AT+E?"), "\r\n+E:OFF\r\n\r\nOK\r\n");
}

TEST_F(module_test, ShutdownStopsTheMqttSideOrderly) {
    start();
    boot_into_mqtt();
    m->shutdown();
    EXPECT_EQ(log->stops, std::vector<bool>{true});
}

TEST_F(module_test, GarbageNeverChangesASetting) {
    start();
    enter_command_mode();
    const settings before = m->working();
    std::mt19937 rng(1234);
    std::string junk;
    for (int i = 0; i < 200000; ++i) {
        junk.push_back(static_cast<char>(rng() % 256));
    }
    junk += std::string(70000, 'A') + "\r" + std::string("\0\0\0+++", 6) + "AT+MQTTCFG=1,9\r";
    for (std::size_t i = 0; i < junk.size(); i += 777) {
        m->on_serial_bytes(std::string_view(junk).substr(i, 777));
    }
    idle(150ms);
    // Random bytes may well contain CR LF and even "AT"; what matters is the stored values.
    ASSERT_EQ(m->mode(), serial_mode::command);
    EXPECT_EQ(m->working().client_id, before.client_id);
    EXPECT_EQ(m->working().keepalive, before.keepalive);
    EXPECT_EQ(m->working().publish[0].topic, before.publish[0].topic);
    send("\r");
    EXPECT_NE(command("AT").find("OK"), std::string::npos);
}

TEST_F(module_test, QuirkValuesLostAfterSave) {
    start({quirk::values_lost_after_save});
    enter_command_mode();
    command("AT+WKMOD=CMD");
    command("AT+S");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(m->mode(), serial_mode::data) << "the save was lost: still NET";
}

TEST_F(module_test, QuirkValuesKeptAfterZ) {
    start({quirk::values_kept_after_z});
    enter_command_mode();
    command("AT+WKMOD=CMD");
    command("AT+Z");
    ASSERT_TRUE(saw("WH-GM5"));
    EXPECT_EQ(m->mode(), serial_mode::command);
}

TEST_F(module_test, QuirkPlusWithoutGuard) {
    start({quirk::plus_without_guard});
    send("x+++");
    EXPECT_TRUE(saw("a"));
}

TEST_F(module_test, QuirkCmdpwIgnored) {
    start({quirk::cmdpw_ignored});
    boot_into_mqtt();
    send("usr.cn#AT+VER\r");
    ASSERT_TRUE(run_until([&] { return !log->frames.empty(); }));
    EXPECT_EQ(log->frames, std::vector<std::string>{"usr.cn#AT+VER\r"});
    EXPECT_EQ(out, "");
}

TEST_F(module_test, QuirkNoiseWritesGarbageIntoEverySecondAnswer) {
    start({quirk::noise});
    enter_command_mode();
    for (int i = 1; i <= 8; ++i) {
        const std::string expected =
            "AT\r\n" + std::string(i % 2 == 0 ? "\r\n#@!\x7f\xfe\r\n" : "") + "\r\nOK\r\n";
        EXPECT_EQ(command("AT"), expected) << "answer " << i;
    }
}

TEST_F(module_test, QuirkPlainErrorAnswersPlusesInCommandMode) {
    start({quirk::plain_error});
    enter_command_mode();
    send("+++");
    EXPECT_TRUE(saw("\r\nERROR\r\n"));
    EXPECT_EQ(out.find("CME"), std::string::npos);
}

TEST_F(module_test, QuirkPackingLengthIgnored) {
    start({quirk::packing_length_ignored});
    enter_command_mode();
    command("AT+UARTFL=5");
    command("AT+WKMOD=MQTT");
    command("AT+S");
    ASSERT_TRUE(saw("WH-GM5"));
    send("abcdefghijkl");
    ASSERT_TRUE(run_until([&] { return !log->frames.empty(); }));
    EXPECT_EQ(log->frames, (std::vector<std::string>{"abcdefghijkl"}));
}

TEST_F(module_test, QuirksChangingDefaults) {
    start({quirk::no_echo, quirk::keepalive_default_30, quirk::mqttver_default_4});
    EXPECT_FALSE(m->working().echo);
    EXPECT_EQ(m->working().keepalive, 30);
    EXPECT_EQ(m->working().mqtt_version, 4);
    enter_command_mode();
    EXPECT_EQ(command("AT+E?"), "\r\n+E:OFF\r\n\r\nOK\r\n");
}

} // namespace
} // namespace athil::sim
