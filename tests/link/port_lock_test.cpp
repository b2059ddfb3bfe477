// One run per port: a second open of a port this or another process holds fails at once with
// athil_error(link_busy), naming the port and its holder; once the holder lets go the port
// opens again.

#include "flock_holder.hpp"
#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/pty_pair.hpp"
#include "tcp_listener.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace athil::test {
namespace {

using namespace std::chrono_literals;

std::string busy_error(const std::string& spec) {
    try {
        (void)link::open_link(link::parse_link_spec(spec), deadline_in(5s));
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_busy) << e.what();
        EXPECT_TRUE(is_infrastructure(e.code()));
        return e.what();
    }
    ADD_FAILURE() << "opened " << spec << " a second time";
    return {};
}

TEST(PortLock, SecondOpenOfSerialPortIsBusyAndNamesHolder) {
    link::pty_pair module;
    const auto spec = "serial:" + module.slave_path();
    {
        auto first = link::open_link(link::parse_link_spec(spec), deadline_in(5s));
        const auto what = busy_error(spec);
        EXPECT_NE(what.find("serial port " + module.slave_path() + " is busy"), std::string::npos)
            << what;
        EXPECT_NE(what.find("pid " + std::to_string(::getpid())), std::string::npos) << what;
    }
    // Let go: the port opens again, also when the pty's other side stayed open all along.
    auto again = link::open_link(link::parse_link_spec(spec), deadline_in(5s));
    again->write("AT\r", deadline_in(1s));
    EXPECT_EQ(module.read_some(deadline_in(1s)), "AT\r");
}

TEST(PortLock, PortHeldByAnotherProgramNamesItsProcess) {
    link::pty_pair module;
    flock_holder holder(module.slave_path());
    const auto what = busy_error("serial:" + module.slave_path());
    EXPECT_NE(what.find("is busy"), std::string::npos) << what;
    EXPECT_NE(what.find("pid " + std::to_string(holder.pid())), std::string::npos) << what;
    holder.release();
    EXPECT_NO_THROW((void)link::open_link(link::parse_link_spec("serial:" + module.slave_path()),
                                          deadline_in(5s)));
}

TEST(PortLock, NetworkPortIsLockedByAddress) {
    tcp_listener server;
    const auto where = "127.0.0.1:" + std::to_string(server.port());
    {
        auto first = link::open_link(link::parse_link_spec("tcp:" + where), deadline_in(5s));
        EXPECT_NE(busy_error("tcp:" + where).find("is busy"), std::string::npos);
        // The same serial-server port reached through RFC 2217 is the same module's line.
        EXPECT_NE(busy_error("rfc2217:" + where).find("pid " + std::to_string(::getpid())),
                  std::string::npos);
    }
    EXPECT_NO_THROW((void)link::open_link(link::parse_link_spec("tcp:" + where), deadline_in(5s)));
}

} // namespace
} // namespace athil::test
