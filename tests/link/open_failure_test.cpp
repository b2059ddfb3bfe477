// Links that cannot be opened fail at once with athil_error(link_open_failed) and the reason.

#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/telnet.hpp"
#include "tcp_listener.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace athil::test {
namespace {

using namespace std::chrono_literals;

std::string open_failure(const std::string& spec, std::chrono::milliseconds limit = 5s) {
    try {
        (void)link::open_link(link::parse_link_spec(spec), deadline_in(limit));
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_open_failed) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "opened " << spec;
    return {};
}

TEST(OpenFailure, MissingSerialPortNamesPathAndReason) {
    EXPECT_TRUE(open_failure("serial:/dev/athil-no-such-port")
                    .starts_with("cannot open serial port /dev/athil-no-such-port: "
                                 "No such file or directory"));
}

TEST(OpenFailure, RefusedTcpConnection) {
    std::uint16_t port = 0;
    {
        tcp_listener listener; // take a free port, then close it so nobody listens there
        port = listener.port();
    }
    const auto what = open_failure("tcp:127.0.0.1:" + std::to_string(port));
    EXPECT_TRUE(what.starts_with("cannot connect to tcp:127.0.0.1:" + std::to_string(port) +
                                 ": Connection refused"))
        << what;
}

TEST(OpenFailure, Rfc2217ServerThatRefusesComPort) {
    tcp_listener listener;
    std::thread server([&] {
        auto fd = listener.accept();
        link::fd_write_all(fd.get(), link::telnet::negotiation(link::telnet::dont, 44),
                           deadline_in(5s));
        (void)link::fd_read_some(fd.get(), deadline_in(5s)); // until the client hangs up
    });
    const auto what = open_failure("rfc2217:127.0.0.1:" + std::to_string(listener.port()));
    server.join();
    EXPECT_NE(what.find("refused COM-PORT-OPTION"), std::string::npos) << what;
}

TEST(OpenFailure, Rfc2217ServerThatNeverAnswersFailsAtTheDeadline) {
    tcp_listener listener; // the kernel accepts the connection; nobody ever answers
    const auto until_at_least = deadline_in(200ms);
    const auto what = open_failure("rfc2217:127.0.0.1:" + std::to_string(listener.port()), 200ms);
    EXPECT_GE(steady_clock::now(), until_at_least);
    EXPECT_NE(what.find("no answer to the RFC 2217 COM-PORT-OPTION offer"), std::string::npos)
        << what;
}

} // namespace
} // namespace athil::test
