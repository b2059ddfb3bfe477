// No data lost: sequence-numbered messages both ways through the simulated module, in
// transparent and in distribution mode, with clean session 0, while the tap cuts the link
// (with messages in flight) and the broker crashes and comes back, a few times each.
//
// Verdicts per stream: QoS 1 arrives at least once and in order, QoS 2 exactly once and in
// order. Counts (sent/received/duplicates/lost/out_of_order) are printed and written to
// soak-<mode>.json in the working directory (or $ATHIL_SOAK_DIR).
//
// ATHIL_SOAK_MESSAGES (default 300) QoS 1 messages each way; ATHIL_SOAK_FAULTS (default 2)
// faults, alternately a link cut and a broker restart.
//
// The module discards serial data while it is disconnected (MANUAL 2.12, the simulator's [R]):
// the upstream writer pauses from a fault until the module is back, as a device would watch
// its link LED; everything it had handed over before stays its to deliver.

#include "harness/core/clock.hpp"
#include "tests/soak/soak_rig.hpp"
#include "tests/soak/soak_tally.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace athil::soak {
namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t batch = 16;     // in flight at once, well under the module's 64
constexpr std::uint64_t qos2_every = 4; // one QoS 2 message per this many QoS 1
constexpr auto batch_bound = 20s;       // for one batch to arrive, faults included
constexpr auto drain = 20ms;            // serial idle time that ends a read

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::stoull(v) : fallback;
}

struct streams {
    stream_tally up_q1, up_q2, down_q1, down_q2;
};

class soak_driver {
public:
    soak_driver(data_mode mode, std::uint64_t messages, std::uint64_t faults)
        : mode_(mode)
        , messages_(messages)
        , faults_(faults)
        , rig_(ATHIL_EXE, mode) {}

    void run() {
        const std::uint64_t batches = (messages_ + batch - 1) / batch;
        const std::uint64_t fault_every = batches / (faults_ + 1) + 1;
        std::uint64_t seq = 0;
        for (std::uint64_t b = 0; b < batches; ++b) {
            const bool fault_now = b > 0 && b % fault_every == 0 && done_faults_ < faults_;
            const bool cut = fault_now && done_faults_ % 2 == 0;
            if (fault_now && !cut) {
                absorb(rig_.restart_broker()); // quiet: the previous batch is complete
                ++restarts_;
                ++done_faults_;
            }
            const auto first = seq;
            const auto last = std::min(messages_, first + batch);
            publish_down(first, last);
            write_up(first, last);
            if (cut) {
                // Right after the module handed the batch's last record to the tap: messages
                // in flight both ways when the link goes.
                wait_up_on_wire(last - 1);
                rig_.cut_link();
                ++cuts_;
                ++done_faults_;
            }
            settle(deadline_in(batch_bound));
            seq = last;
        }
        settle(deadline_in(batch_bound));
        absorb(rig_.received());
    }

    nlohmann::json report() const {
        return {{"mode", mode_ == data_mode::transparent ? "transparent" : "distribution"},
                {"link_cuts", cuts_},
                {"broker_restarts", restarts_},
                {"up_qos1", to_json(s_.up_q1.counts())},
                {"up_qos2", to_json(s_.up_q2.counts())},
                {"down_qos1", to_json(s_.down_q1.counts())},
                {"down_qos2", to_json(s_.down_q2.counts())}};
    }
    const streams& tallies() const { return s_; }
    std::uint64_t cuts() const { return cuts_; }
    std::uint64_t restarts() const { return restarts_; }

private:
    // Downstream: the broker-side client publishes; the module writes them to serial.
    void publish_down(std::uint64_t first, std::uint64_t last) {
        for (auto n = first; n < last; ++n) {
            rig_.publisher().publish(down_q1, record('D', n), 1, false, deadline_in(10s));
            s_.down_q1.sent(n);
            if (n % qos2_every == 0) {
                rig_.publisher().publish(down_q2, record('E', n), 2, false, deadline_in(10s));
                s_.down_q2.sent(n);
            }
        }
    }

    // Upstream: records on the serial line, each exactly one packet (AT+UARTFL). In
    // transparent mode every packet goes to both slots; in distribution mode each frame names
    // its slot.
    void write_up(std::uint64_t first, std::uint64_t last) {
        std::string bytes;
        for (auto n = first; n < last; ++n) {
            if (mode_ == data_mode::transparent) {
                bytes += record('A', n);
                s_.up_q1.sent(n);
                s_.up_q2.sent(n);
            } else {
                bytes += "1," + record('A', n);
                s_.up_q1.sent(n);
                if (n % qos2_every == 0) {
                    bytes += "2," + record('B', n);
                    s_.up_q2.sent(n);
                }
            }
        }
        rig_.module().write_data(bytes);
    }

    void wait_up_on_wire(std::uint64_t seq) {
        const auto wanted = record('A', seq);
        rig_.tap().wait_for(
            [&](const std::vector<fixtures::tapped_packet>& ps) {
                for (auto p = ps.rbegin(); p != ps.rend(); ++p) {
                    const auto* pub = std::get_if<mqtt::publish_packet>(&p->packet);
                    if (pub != nullptr && p->dir == fixtures::direction::to_broker &&
                        pub->payload == wanted) {
                        return true;
                    }
                }
                return false;
            },
            deadline_in(10s));
    }

    // Reads serial and waits until every stream has delivered all it was sent, or the bound.
    void settle(deadline until) {
        while (true) {
            const auto text = rig_.module().read_data_until_idle(drain, deadline_in(500ms));
            for (const auto n : parse_records(rest_d_, text, 'D')) {
                s_.down_q1.arrived(n);
            }
            for (const auto n : parse_records(rest_e_, text, 'E')) {
                s_.down_q2.arrived(n);
            }
            const auto up = rig_.received();
            const bool complete = up_delivered(up) &&
                                  s_.down_q1.delivered() == s_.down_q1.sent_count() &&
                                  s_.down_q2.delivered() == s_.down_q2.sent_count();
            if (complete || steady_clock::now() > until) {
                break;
            }
        }
        rig_.tap().clear();
    }

    // Transparent mode publishes the same 'A' record on both slots; distribution mode sends
    // 'B' records to the QoS 2 slot.
    char up_tag(const std::string& topic) const {
        return topic == up_q2 && mode_ == data_mode::distribution ? 'B' : 'A';
    }

    // Whether the current subscriber plus what earlier ones got covers everything sent.
    bool up_delivered(const std::vector<fixtures::received_message>& current) const {
        std::set<std::uint64_t> q1;
        std::set<std::uint64_t> q2;
        for (const auto& m : current) {
            std::string rest;
            for (const auto n : parse_records(rest, m.payload, up_tag(m.topic))) {
                (m.topic == up_q1 ? q1 : q2).insert(n);
            }
        }
        return q1.size() + absorbed_q1_ >= s_.up_q1.sent_count() &&
               q2.size() + absorbed_q2_ >= s_.up_q2.sent_count();
    }

    // The finished history of one subscriber into the tallies.
    void absorb(const std::vector<fixtures::received_message>& history) {
        std::set<std::uint64_t> q1;
        std::set<std::uint64_t> q2;
        for (const auto& m : history) {
            std::string rest;
            const bool first_topic = m.topic == up_q1;
            for (const auto n : parse_records(rest, m.payload, up_tag(m.topic))) {
                (first_topic ? s_.up_q1 : s_.up_q2).arrived(n);
                (first_topic ? q1 : q2).insert(n);
            }
        }
        absorbed_q1_ += q1.size();
        absorbed_q2_ += q2.size();
    }

    data_mode mode_;
    std::uint64_t messages_;
    std::uint64_t faults_;
    soak_rig rig_;
    streams s_;
    std::string rest_d_;
    std::string rest_e_;
    std::uint64_t absorbed_q1_ = 0;
    std::uint64_t absorbed_q2_ = 0;
    std::uint64_t cuts_ = 0;
    std::uint64_t restarts_ = 0;
    std::uint64_t done_faults_ = 0;
};

void write_report(const nlohmann::json& report) {
    const char* dir = std::getenv("ATHIL_SOAK_DIR");
    const std::filesystem::path folder = dir != nullptr && *dir != '\0' ? dir : ".";
    const auto file = folder / ("soak-" + report.at("mode").get<std::string>() + ".json");
    std::ofstream(file) << report.dump(2) << "\n";
    std::cout << "soak counts (" << file.string() << "):\n" << report.dump(2) << "\n";
}

void expect_stream(const stream_counts& c, const char* name, bool exactly_once) {
    EXPECT_GT(c.sent, 0u) << name;
    EXPECT_EQ(c.lost, 0u) << name << ": sent messages that never arrived";
    EXPECT_EQ(c.out_of_order, 0u) << name << ": first arrivals out of order";
    EXPECT_EQ(c.unexpected, 0u) << name << ": numbers that were never sent";
    if (exactly_once) {
        EXPECT_EQ(c.duplicates, 0u) << name << ": QoS 2 delivered twice";
    }
}

class soak : public testing::TestWithParam<data_mode> {};

TEST_P(soak, EveryMessageArrivesInOrderThroughCutsAndBrokerRestarts) {
    const auto messages = env_number("ATHIL_SOAK_MESSAGES", 300);
    const auto faults = env_number("ATHIL_SOAK_FAULTS", 2);
    soak_driver driver(GetParam(), messages, faults);
    driver.run();
    write_report(driver.report());
    EXPECT_EQ(driver.cuts() + driver.restarts(), faults) << "every planned fault happened";
    EXPECT_GT(driver.restarts(), 0u);
    const auto& s = driver.tallies();
    EXPECT_EQ(s.up_q1.sent_count(), messages);
    expect_stream(s.up_q1.counts(), "module -> broker, QoS 1", false);
    expect_stream(s.up_q2.counts(), "module -> broker, QoS 2", true);
    expect_stream(s.down_q1.counts(), "broker -> module, QoS 1", false);
    expect_stream(s.down_q2.counts(), "broker -> module, QoS 2", true);
}

INSTANTIATE_TEST_SUITE_P(Soak, soak,
                         testing::Values(data_mode::transparent, data_mode::distribution),
                         [](const testing::TestParamInfo<data_mode>& p) {
                             return p.param == data_mode::transparent ? std::string("Transparent")
                                                                      : std::string("Distribution");
                         });

} // namespace
} // namespace athil::soak
