// Round trip of AT+MQTTCFG? against the reference simulator (`athil sim`) over a pty, as the
// suites see it (module_session: framing, echo and final-result parsing, transcript) and as the
// least a client can do over the same link (write the line, read until "\r\nOK\r\n": the floor
// that the simulator and the pty impose on any client). Prints one JSON line for bench/run.py.
//
//   athil_bench_at_roundtrip --athil PATH [--client session|raw] [--count N] [--baud B]

#include "bench/common/guarded_main.hpp"
#include "bench/common/stats.hpp"
#include "harness/core/error.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/session/module_session.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using athil::steady_clock;

constexpr std::string_view query = "AT+MQTTCFG?";
constexpr std::string_view final_ok = "\r\nOK\r\n";

struct sample_set {
    std::vector<double> us;
    std::size_t bytes_in = 0; // received over all exchanges
    int failures = 0;
};

// Reads until `marker` ends what was received; false at the deadline.
bool read_until(athil::link::byte_link& link, std::string& got, std::string_view marker,
                athil::deadline until) {
    while (!got.ends_with(marker)) {
        const auto more = link.read_some(until);
        if (more.empty()) {
            return false;
        }
        got += more;
    }
    return true;
}

sample_set run_raw(athil::link::byte_link& link, std::size_t warmup, std::size_t count) {
    // The manual's escape: silence, "+++", "a" back, "a", "+ok".
    std::this_thread::sleep_for(250ms);
    std::string got;
    link.write("+++", athil::deadline_in(1s));
    if (!read_until(link, got, "a", athil::deadline_in(3s))) {
        throw athil::athil_error(athil::errc::handshake_failed, "no 'a' after +++: " + got);
    }
    got.clear();
    link.write("a", athil::deadline_in(1s));
    if (!read_until(link, got, "+ok", athil::deadline_in(3s))) {
        throw athil::athil_error(athil::errc::handshake_failed, "no '+ok': " + got);
    }
    const std::string line = std::string(query) + "\r";
    sample_set s;
    for (std::size_t i = 0; i < warmup + count; ++i) {
        got.clear();
        const auto start = steady_clock::now();
        link.write(line, athil::deadline_in(3s));
        const bool ok = read_until(link, got, final_ok, athil::deadline_in(3s));
        const auto stop = steady_clock::now();
        if (i >= warmup) {
            s.us.push_back(athil::bench::micros(stop - start));
            s.bytes_in += got.size();
            s.failures += ok ? 0 : 1;
        }
    }
    return s;
}

sample_set run_session(std::unique_ptr<athil::link::byte_link> link, std::size_t warmup,
                       std::size_t count) {
    athil::session::module_session session(std::move(link));
    session.enter_command_mode();
    sample_set s;
    for (std::size_t i = 0; i < warmup + count; ++i) {
        const auto start = steady_clock::now();
        const auto r = session.command(query);
        const auto stop = steady_clock::now();
        if (i >= warmup) {
            s.us.push_back(athil::bench::micros(stop - start));
            s.bytes_in += r.raw.size();
            s.failures += r.ok() && r.info("MQTTCFG") ? 0 : 1;
        }
    }
    return s;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"AT+MQTTCFG? round trips against athil sim over a pty"};
    std::string athil_path;
    std::string client = "session";
    std::size_t count = 1000;
    std::size_t warmup = 50;
    unsigned baud = 0;
    app.add_option("--athil", athil_path, "the athil executable")->required();
    app.add_option("--client", client, "session (module_session) or raw (write, read to OK)")
        ->check(CLI::IsMember({"session", "raw"}));
    app.add_option("--count", count, "measured round trips")->check(CLI::PositiveNumber);
    app.add_option("--warmup", warmup, "round trips before measuring");
    app.add_option("--baud", baud, "simulator output pacing (0: unthrottled)");
    CLI11_PARSE(app, argc, argv);

    return athil::bench::guarded_main("athil_bench_at_roundtrip", [&] {
        athil::dut::sim_dut_options options;
        options.executable = athil_path;
        options.args = {"--baud", std::to_string(baud)};
        auto sim = athil::dut::sim_dut::start(options);
        auto link = sim.open(athil::deadline_in(5s));
        const auto s = client == "raw" ? run_raw(*link, warmup, count)
                                       : run_session(std::move(link), warmup, count);
        const auto bytes_out = query.size() + 1; // the line and its CR
        athil::bench::json_line out;
        out.add("bench", std::string("at_roundtrip"))
            .add("client", client)
            .add("baud", baud)
            .add("us", athil::bench::summarize(s.us))
            .add("bytes_out", static_cast<double>(bytes_out))
            .add("bytes_in", static_cast<double>(s.bytes_in) / static_cast<double>(count))
            .add("failures", s.failures);
        std::printf("%s\n", out.str().c_str());
        return s.failures == 0 ? 0 : 1;
    });
}
