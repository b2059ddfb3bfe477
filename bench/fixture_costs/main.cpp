// What the counterparts of section 3 cost: a plain Mosquitto broker from the constructor's call
// to ready, a test PKI (CA, server, client, expired, rogue CA) generated from scratch, and the
// wire tap per packet: QoS 1 PUBLISH/PUBACK round trips of a libmosquitto client straight to a
// broker and through a tap to the same broker (the tap adds its cost once per direction), and
// the wire monitor per packet over the packets that tap recorded, against the tap's latency and
// against decoding the same packets (the monitor runs after each section-3 case, off the
// packets' path). Prints one JSON line.
//
//   athil_bench_fixture_costs [--starts N] [--pkis N] [--round-trips N]

#include "bench/common/guarded_main.hpp"
#include "bench/common/stats.hpp"
#include "certs/test_pki.hpp"
#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "fixtures/tap/wire_tap.hpp"
#include "harness/core/error.hpp"
#include "harness/mqtt/codec.hpp"
#include "harness/mqtt/wire_monitor.hpp"
#include "harness/run/run_folder.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using athil::deadline_in;
using athil::steady_clock;

std::vector<double> broker_starts(const athil::run::run_folder& folder, int starts) {
    std::vector<double> ms;
    for (int i = 0; i < starts; ++i) {
        const auto begin = steady_clock::now();
        athil::fixtures::broker b(athil::fixtures::plain_anonymous("s" + std::to_string(i)),
                                  folder);
        ms.push_back(athil::bench::millis(steady_clock::now() - begin));
    }
    return ms;
}

std::vector<double> pki_generations(const athil::run::run_folder& folder, int count) {
    std::vector<double> ms;
    for (int i = 0; i < count; ++i) {
        const auto begin = steady_clock::now();
        athil::certs::generate_test_pki(folder.root() / ("pki" + std::to_string(i)));
        ms.push_back(athil::bench::millis(steady_clock::now() - begin));
    }
    return ms;
}

// QoS 1 publish round trips (PUBLISH out, PUBACK back) of one connected client.
std::vector<double> publish_round_trips(const std::string& host, std::uint16_t port, int count) {
    athil::fixtures::observer o;
    if (!o.connect(host, port, {}, deadline_in(5s)).accepted()) {
        throw athil::athil_error(athil::errc::process_failed, "broker refused the client");
    }
    std::vector<double> us;
    for (int i = 0; i < count + 20; ++i) { // the first 20 warm up
        const auto begin = steady_clock::now();
        o.publish("bench/latency", "x", 1, false, deadline_in(5s));
        if (i >= 20) {
            us.push_back(athil::bench::micros(steady_clock::now() - begin));
        }
    }
    o.disconnect();
    return us;
}

// The wire monitor over the tapped packets, microseconds per packet, one sample per pass.
std::vector<double> monitor_passes(const std::vector<athil::fixtures::tapped_packet>& packets,
                                   int passes) {
    std::vector<double> us;
    std::size_t violations = 0;
    for (int i = 0; i < passes; ++i) {
        const auto begin = steady_clock::now();
        athil::mqtt::wire_monitor m;
        for (const auto& p : packets) {
            m.on_packet(p.connection,
                        p.dir == athil::fixtures::direction::to_broker
                            ? athil::mqtt::sender::client
                            : athil::mqtt::sender::server,
                        p.at, p.packet);
        }
        violations += m.violations().size();
        us.push_back(athil::bench::micros(steady_clock::now() - begin) /
                     static_cast<double>(packets.size()));
    }
    if (violations != 0) {
        throw athil::athil_error(athil::errc::process_failed,
                                 "the wire monitor flagged the benchmark's own traffic");
    }
    return us;
}

// Decoding the same packets from their bytes (what the tap does for each), per packet.
std::vector<double> decode_passes(const std::vector<athil::fixtures::tapped_packet>& packets,
                                  int passes) {
    std::string to_broker;
    std::string to_module;
    for (const auto& p : packets) {
        (p.dir == athil::fixtures::direction::to_broker ? to_broker : to_module) +=
            athil::mqtt::encode(p.packet);
    }
    std::vector<double> us;
    for (int i = 0; i < passes; ++i) {
        const auto begin = steady_clock::now();
        std::size_t decoded = 0;
        for (const auto* bytes : {&to_broker, &to_module}) {
            athil::mqtt::stream_decoder d;
            d.feed(*bytes);
            while (d.next()) {
                ++decoded;
            }
        }
        us.push_back(athil::bench::micros(steady_clock::now() - begin) /
                     static_cast<double>(decoded));
    }
    return us;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"start-up and per-packet costs of the brokers, the PKI and the wire tap"};
    int starts = 20;
    int pkis = 5;
    int round_trips = 500;
    int passes = 50;
    app.add_option("--starts", starts, "broker starts")->check(CLI::PositiveNumber);
    app.add_option("--pkis", pkis, "PKI generations")->check(CLI::PositiveNumber);
    app.add_option("--round-trips", round_trips, "publish round trips each way")
        ->check(CLI::PositiveNumber);
    app.add_option("--monitor-passes", passes, "wire monitor passes over the tapped packets")
        ->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);

    return athil::bench::guarded_main("athil_bench_fixture_costs", [&] {
        auto folder = athil::run::run_folder::temporary("athil-bench-fixtures");
        const auto broker_ms = athil::bench::summarize(broker_starts(folder, starts));
        const auto pki_ms = athil::bench::summarize(pki_generations(folder, pkis));

        athil::fixtures::broker b(athil::fixtures::plain_anonymous("latency"), folder);
        athil::fixtures::wire_tap tap(b.host(), b.port());
        const auto direct =
            athil::bench::summarize(publish_round_trips(b.host(), b.port(), round_trips));
        const auto tapped =
            athil::bench::summarize(publish_round_trips(tap.host(), tap.port(), round_trips));

        const auto tapped_packets = tap.packets();
        const auto monitor_us = athil::bench::summarize(monitor_passes(tapped_packets, passes));
        const auto decode_us = athil::bench::summarize(decode_passes(tapped_packets, passes));
        const double tap_us_per_packet = (tapped.median - direct.median) / 2;

        athil::bench::json_line out;
        out.add("bench", std::string("fixture_costs"))
            .add("broker_start_ms", broker_ms)
            .add("pki_ms", pki_ms)
            .add("direct_rtt_us", direct)
            .add("tapped_rtt_us", tapped)
            // Two packets (PUBLISH, PUBACK) cross the tap per round trip.
            .add("tap_us_per_packet", tap_us_per_packet)
            .add("monitored_packets", static_cast<double>(tapped_packets.size()))
            .add("monitor_us_per_packet", monitor_us)
            .add("decode_us_per_packet", decode_us)
            .add("monitor_vs_tap", monitor_us.median / tap_us_per_packet)
            .add("monitor_vs_decode", monitor_us.median / decode_us.median);
        std::printf("%s\n", out.str().c_str());
        return 0;
    });
}
