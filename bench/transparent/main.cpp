// Transparent mode (3.1.1) throughput of the reference simulator with its serial output paced
// at --baud: serial -> broker (the host writes at line rate, a libmosquitto observer receives)
// and broker -> serial (the observer publishes, the host reads). The data is a stream of
// fixed-size frames that each start with an 8-digit sequence number; what arrives is checked
// frame by frame, so a lost, repeated or reordered byte shows as a loss. Prints one JSON line.
//
//   athil_bench_transparent --athil PATH [--bytes N] [--baud B]

#include "bench/common/guarded_main.hpp"
#include "bench/common/stats.hpp"
#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "harness/core/error.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/run/run_folder.hpp"
#include "harness/session/module_session.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;
using athil::deadline_in;
using athil::steady_clock;

constexpr std::size_t frame_size = 1024; // the default packing length (AT+UARTFL)
const std::string pub_topic = "bench/up";
const std::string sub_topic = "bench/down";

std::string frame(std::size_t seq) {
    char head[16];
    std::snprintf(head, sizeof head, "%08zu", seq);
    std::string f(head);
    f.resize(frame_size, static_cast<char>('a' + seq % 26));
    return f;
}

std::string stream(std::size_t frames) {
    std::string s;
    for (std::size_t i = 0; i < frames; ++i) {
        s += frame(i);
    }
    return s;
}

// Frames of `got` that are exactly as sent, in order, up to the first difference.
std::size_t intact_frames(const std::string& got, std::size_t frames) {
    std::size_t n = 0;
    while (n < frames && got.compare(n * frame_size, frame_size, frame(n)) == 0) {
        ++n;
    }
    return n;
}

void expect_ok(const athil::session::at_response& r) {
    if (!r.ok()) {
        throw athil::athil_error(athil::errc::bad_input, r.command + " answered " + r.final_text());
    }
}

// Waits until a probe makes it through in both directions: the module is connected and
// subscribed. Probes are drained, so the measurement starts on a quiet line.
void wait_connected(athil::session::module_session& s, athil::fixtures::observer& o) {
    const auto until = deadline_in(20s);
    while (!o.wait_for_message({.topic = pub_topic, .payload = "probe"}, deadline_in(300ms))) {
        if (steady_clock::now() >= until) {
            throw athil::athil_error(athil::errc::timeout, "module never published the probe");
        }
        s.write_data("probe");
        std::this_thread::sleep_for(100ms); // longer than the packing time: one message each
    }
    while (s.read_data_until("probe", deadline_in(300ms)).find("probe") == std::string::npos) {
        if (steady_clock::now() >= until) {
            throw athil::athil_error(athil::errc::timeout, "probe never reached the serial line");
        }
        o.publish(sub_topic, "probe", 0, false, deadline_in(2s));
    }
    s.read_data_until_idle(300ms, deadline_in(5s));
    o.clear_messages();
}

struct direction_result {
    double seconds = 0;
    std::size_t intact = 0;
};

direction_result serial_to_broker(athil::session::module_session& s, athil::fixtures::observer& o,
                                  std::size_t frames, unsigned baud) {
    const auto data = stream(frames);
    constexpr std::size_t chunk = 64;
    const auto start = steady_clock::now();
    for (std::size_t at = 0; at < data.size(); at += chunk) {
        // A real line cannot carry more than baud / 10 bytes per second: write no faster.
        if (baud != 0) {
            std::this_thread::sleep_until(start +
                                          std::chrono::microseconds(at * 10'000'000 / baud));
        }
        s.write_data(std::string_view(data).substr(at, chunk));
    }
    std::string got;
    steady_clock::time_point last = start;
    const auto until =
        deadline_in(std::chrono::seconds(10 + data.size() * 20 / std::max(baud, 1u)));
    while (got.size() < data.size() && steady_clock::now() < until) {
        std::this_thread::sleep_for(20ms); // each poll copies what arrived: not too often
        got.clear();
        for (const auto& m : o.messages()) {
            got += m.payload;
            last = m.received_at;
        }
    }
    return {athil::bench::millis(last - start) / 1000.0, intact_frames(got, frames)};
}

direction_result broker_to_serial(athil::session::module_session& s, athil::fixtures::observer& o,
                                  std::size_t frames, unsigned baud) {
    const auto start = steady_clock::now();
    for (std::size_t i = 0; i < frames; ++i) {
        o.publish(sub_topic, frame(i), 1, false, deadline_in(5s));
    }
    const auto bytes = frames * frame_size;
    const auto got = s.read_data_count(
        bytes, deadline_in(std::chrono::seconds(10 + bytes * 20 / std::max(baud, 1u))));
    const auto stop = steady_clock::now();
    return {athil::bench::millis(stop - start) / 1000.0, intact_frames(got, frames)};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"transparent-mode throughput of athil sim through a Mosquitto broker"};
    std::string athil_path;
    std::size_t bytes = 64 * 1024;
    unsigned baud = 115200;
    app.add_option("--athil", athil_path, "the athil executable")->required();
    app.add_option("--bytes", bytes, "bytes each way (whole 1024-byte frames)")
        ->check(CLI::Range(std::size_t{frame_size}, std::size_t{1} << 26));
    app.add_option("--baud", baud, "line rate of the simulator's serial output")
        ->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);

    return athil::bench::guarded_main("athil_bench_transparent", [&] {
        auto folder = athil::run::run_folder::temporary("athil-bench-transparent");
        athil::fixtures::broker broker(athil::fixtures::plain_anonymous("bench"), folder);
        athil::fixtures::observer observer;
        if (!observer.connect(broker.host(), broker.port(), {}, deadline_in(5s)).accepted()) {
            throw athil::athil_error(athil::errc::process_failed, "observer refused");
        }
        observer.subscribe(pub_topic, 1, deadline_in(5s));

        athil::dut::sim_dut_options options;
        options.executable = athil_path;
        options.args = {"--baud", std::to_string(baud), "--boot-ms", "50"};
        auto sim = athil::dut::sim_dut::start(options);
        athil::session::session_options so;
        so.boot_banner = "WH-GM5";
        athil::session::module_session s(sim.open(deadline_in(5s)), so);
        s.enter_command_mode();
        for (const auto* line : {"AT+WKMOD=MQTT,NOR", "AT+MQTTVER=4", "AT+MQTTCFG=60,1",
                                 "AT+MQTTMOD=0", "AT+MQTTCID=athilbench"}) {
            expect_ok(s.command(line));
        }
        expect_ok(s.command("AT+MQTTSVR=" + broker.host() + "," + std::to_string(broker.port())));
        expect_ok(s.command("AT+MQTTPUBTP=1,1," + pub_topic + ",0,0"));
        expect_ok(s.command("AT+MQTTSUBTP=1,1," + sub_topic + ",0"));
        expect_ok(s.save_and_restart());
        wait_connected(s, observer);

        const auto frames = bytes / frame_size;
        const auto line_rate = baud / 10.0; // bytes per second, 8N1
        const auto up = serial_to_broker(s, observer, frames, baud);
        const auto down = broker_to_serial(s, observer, frames, baud);
        const auto total = static_cast<double>(frames * frame_size);
        athil::bench::json_line out;
        out.add("bench", std::string("transparent"))
            .add("baud", baud)
            .add("bytes", total)
            .add("up_seconds", up.seconds)
            .add("up_fraction", total / up.seconds / line_rate)
            .add("up_lost_frames", static_cast<double>(frames - up.intact))
            .add("down_seconds", down.seconds)
            .add("down_fraction", total / down.seconds / line_rate)
            .add("down_lost_frames", static_cast<double>(frames - down.intact));
        std::printf("%s\n", out.str().c_str());
        return up.intact == frames && down.intact == frames ? 0 : 1;
    });
}
