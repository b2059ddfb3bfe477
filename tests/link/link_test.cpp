// The behaviour every link kind shares, each against a real peer: a pty pair, a loopback TCP
// socket, and a loopback RFC 2217 server side.

#include "harness/core/error.hpp"
#include "link_rig.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace athil::test {
namespace {

using namespace std::chrono_literals;

class link_kinds : public testing::TestWithParam<rig_kind> {
protected:
    void SetUp() override { rig_ = make_rig(GetParam()); }
    link::byte_link& link() { return *rig_.link; }
    link_peer& peer() { return *rig_.peer; }
    link_rig rig_;
};

TEST_P(link_kinds, DescribesItself) {
    EXPECT_EQ(link().description(), rig_.expected_description_prefix);
}

TEST_P(link_kinds, CarriesACommandAndItsAnswer) {
    link().write("AT+MQTTCFG?\r", deadline_in(5s));
    EXPECT_EQ(read_bytes(peer(), 12), "AT+MQTTCFG?\r");
    peer().write("\r\n+MQTTCFG:60,0\r\n\r\nOK\r\n");
    EXPECT_EQ(read_bytes(link(), 23), "\r\n+MQTTCFG:60,0\r\n\r\nOK\r\n");
}

TEST_P(link_kinds, CarriesEveryByteValueUnchangedBothWays) {
    std::string all;
    for (int b = 0; b < 256; ++b) {
        all.push_back(static_cast<char>(b));
    }
    all += all; // twice, so 0xFF 0x00 and 0xFF 0xFF neighbours occur too
    link().write(all, deadline_in(5s));
    EXPECT_EQ(read_bytes(peer(), all.size()), all);
    peer().write(all);
    EXPECT_EQ(read_bytes(link(), all.size()), all);
}

TEST_P(link_kinds, SilentPeerGivesNothingAtTheDeadline) {
    const auto until = deadline_in(150ms);
    EXPECT_EQ(link().read_some(until), "");
    EXPECT_GE(steady_clock::now(), until); // it waited, it did not give up early
}

TEST_P(link_kinds, PastDeadlineStillReturnsWaitingBytes) {
    peer().write("a");
    std::string got;
    const auto give_up = deadline_in(5s);
    while (got.empty() && steady_clock::now() < give_up) {
        got = link().read_some(steady_clock::now() - 1s);
        if (got.empty()) {
            std::this_thread::sleep_for(5ms); // the byte is still on its way
        }
    }
    EXPECT_EQ(got, "a");
}

TEST_P(link_kinds, PeerClosingIsLinkClosed) {
    peer().close();
    try {
        const auto got = link().read_some(deadline_in(5s));
        FAIL() << "read returned '" << got << "' after the peer closed";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_closed) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Kinds, link_kinds,
                         testing::Values(rig_kind::serial, rig_kind::tcp, rig_kind::rfc2217),
                         [](const auto& p) { return to_string(p.param); });

} // namespace
} // namespace athil::test
