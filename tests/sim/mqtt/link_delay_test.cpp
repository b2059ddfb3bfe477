// The link delay under the simulator's MQTT connections: seeded draws within latency +/- jitter,
// and a pipe over real loopback sockets that delivers every chunk late and in order, both ways,
// and carries a close across.
#include "fixtures/sim/mqtt/link_delay.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace athil::sim {
namespace {

using namespace std::chrono_literals;
using boost::asio::ip::tcp;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::vector<milliseconds> draws(std::uint32_t seed, int n) {
    link_delay d({100ms, 20ms, seed});
    std::vector<milliseconds> out;
    for (int i = 0; i < n; ++i) {
        out.push_back(d.next());
    }
    return out;
}

TEST(LinkDelay, SameSeedSameDelaysWithinTheJitter) {
    const auto a = draws(5, 200);
    EXPECT_EQ(a, draws(5, 200));
    EXPECT_NE(a, draws(6, 200));
    for (const auto d : a) {
        EXPECT_GE(d, 80ms);
        EXPECT_LE(d, 120ms);
    }
    // The draws spread over the whole range, not one value.
    EXPECT_LT(*std::min_element(a.begin(), a.end()), 90ms);
    EXPECT_GT(*std::max_element(a.begin(), a.end()), 110ms);
}

TEST(LinkDelay, NoJitterIsTheLatencyExactly) {
    link_delay d({150ms, 0ms, 1});
    EXPECT_EQ(d.next(), 150ms);
    EXPECT_EQ(d.next(), 150ms);
}

class delayed_pipe_test : public ::testing::Test {
protected:
    void SetUp() override {
        tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
        tcp::socket network_client(io);
        network_client.connect(acceptor.local_endpoint());
        acceptor.accept(broker);
        auto pair = make_loopback_pair(io);
        module = std::move(pair.near);
        start_delayed_pipe(std::move(pair.far), std::move(network_client),
                           std::make_shared<link_delay>(link_delay_options{60ms, 20ms, 9}));
        runner = std::thread([this] { io.run(); });
    }
    void TearDown() override {
        work.reset();
        boost::system::error_code ignored;
        module.close(ignored);
        broker.close(ignored);
        io.stop();
        runner.join();
    }

    // Reads exactly n bytes from `s`, recording when they were complete.
    static std::pair<std::string, steady_clock::time_point> read_n(tcp::socket& s, std::size_t n) {
        std::string buf(n, '\0');
        boost::asio::read(s, boost::asio::buffer(buf));
        return {buf, steady_clock::now()};
    }

    boost::asio::io_context io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{
        io.get_executor()};
    tcp::socket module{io};
    tcp::socket broker{io};
    std::thread runner;
};

TEST_F(delayed_pipe_test, EveryChunkLateAndInOrderBothWays) {
    const auto t0 = steady_clock::now();
    for (const char* chunk : {"one,", "two,", "three"}) {
        boost::asio::write(module, boost::asio::buffer(std::string(chunk)));
        std::this_thread::sleep_for(5ms);
    }
    const auto [up, up_at] = read_n(broker, 13);
    EXPECT_EQ(up, "one,two,three");
    EXPECT_GE(up_at - t0, 40ms);

    const auto t1 = steady_clock::now();
    boost::asio::write(broker, boost::asio::buffer(std::string("reply")));
    const auto [down, down_at] = read_n(module, 5);
    EXPECT_EQ(down, "reply");
    EXPECT_GE(down_at - t1, 40ms);
}

TEST_F(delayed_pipe_test, ACloseCrossesTheLinkLate) {
    const auto t0 = steady_clock::now();
    module.shutdown(tcp::socket::shutdown_send);
    char byte = 0;
    boost::system::error_code ec;
    broker.read_some(boost::asio::buffer(&byte, 1), ec);
    EXPECT_TRUE(ec) << "the broker side saw the close";
    EXPECT_GE(steady_clock::now() - t0, 40ms);
}

} // namespace
} // namespace athil::sim
