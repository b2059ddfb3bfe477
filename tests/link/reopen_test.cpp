// Port identity: a serial link opened by a stable name (a symlink, as udev's /dev/serial/by-id
// names are) follows the module when the node behind the name vanishes and comes back as
// another device, as after a module restart with USB re-enumeration. Played with ptys: the
// "module" is a pty pair that is destroyed, and the name is re-pointed at a new one.

#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/pty_pair.hpp"
#include "harness/link/reopening_link.hpp"
#include "link_rig.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>

namespace athil::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct by_id_port : testing::Test {
    scoped_temp_dir dir{"athil-reopen"};
    fs::path name = dir.path() / "usb-ASR_Cat1_0123-if00";
    std::unique_ptr<link::pty_pair> module = std::make_unique<link::pty_pair>();

    void SetUp() override { fs::create_symlink(module->slave_path(), name); }

    // The module restarts: its node vanishes with the name pointing at it.
    void unplug() {
        module.reset();
        fs::remove(name);
    }
    // It comes back as a new device, and the name follows it.
    void replug() {
        module = std::make_unique<link::pty_pair>();
        fs::create_symlink(module->slave_path(), name);
    }
    std::unique_ptr<link::byte_link> open() {
        return link::open_link(link::parse_link_spec("serial:" + name.string()), deadline_in(5s));
    }
};

TEST_F(by_id_port, AStableNameOpensAsAReopeningLink) {
    {
        const auto l = open();
        EXPECT_NE(dynamic_cast<link::reopening_link*>(l.get()), nullptr);
        EXPECT_NE(l->description().find(name.string()), std::string::npos) << l->description();
    } // closed: one port, one user at a time
    // The node itself is no stable name: a plain link, which fails at once when lost.
    const auto plain =
        link::open_link(link::parse_link_spec("serial:" + module->slave_path()), deadline_in(5s));
    EXPECT_EQ(dynamic_cast<link::reopening_link*>(plain.get()), nullptr);
}

TEST_F(by_id_port, ReadingFollowsTheModuleToItsNewNode) {
    const auto l = open();
    l->write("AT\r", deadline_in(5s));
    EXPECT_EQ(read_bytes(*module, 3), "AT\r");

    unplug();
    std::thread usb([this] {
        std::this_thread::sleep_for(200ms); // the link sees the name missing for a while
        replug();
        module->write("\r\nREADY\r\n", deadline_in(5s)); // the new node's boot banner
    });
    const auto banner = read_bytes(*l, 9);
    usb.join();
    EXPECT_EQ(banner, "\r\nREADY\r\n");
    EXPECT_EQ(dynamic_cast<link::reopening_link&>(*l).reopen_count(), 1U);
    l->write("AT+VER?\r", deadline_in(5s));
    EXPECT_EQ(read_bytes(*module, 8), "AT+VER?\r");
}

TEST_F(by_id_port, WritingFollowsTheModuleToItsNewNode) {
    const auto l = open();
    unplug();
    replug();
    l->write("AT\r", deadline_in(5s));
    EXPECT_EQ(read_bytes(*module, 3), "AT\r");
    EXPECT_EQ(dynamic_cast<link::reopening_link&>(*l).reopen_count(), 1U);
}

TEST_F(by_id_port, ANameThatStaysAwayFailsWithAClearError) {
    link::reopening_link l(name.string(),
                           [this] { return link::open_serial_link(name.string(), 115200); },
                           {.timeout = 300ms, .poll = 20ms});
    unplug();
    try {
        (void)l.read_some(deadline_in(5s));
        ADD_FAILURE() << "read on a port that never came back";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_closed);
        const std::string what = e.what();
        EXPECT_NE(what.find("serial port " + name.string() + " was lost ("), std::string::npos)
            << what;
        EXPECT_NE(what.find("did not come back within 300 ms: the path stayed missing"),
                  std::string::npos)
            << what;
    }
    EXPECT_EQ(l.reopen_count(), 0U);
}

TEST_F(by_id_port, AMissingPortAtTheStartIsNotWaitedFor) {
    unplug();
    EXPECT_THROW(open(), athil_error);
}

} // namespace
} // namespace athil::test
