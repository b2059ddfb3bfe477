// A module reached by a stable name (as /dev/serial/by-id/... is) that re-enumerates while it
// restarts: its serial node vanishes after the OK and the boot banner arrives on a new one. The
// session's restart wait reads across the loss, and the next command goes to the new node.

#include "fake_module.hpp"
#include "harness/link/open_link.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>

namespace athil::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool received(const fake_module& m, const std::string& unit) {
    for (const auto& text : m.received_texts()) {
        if (text == unit) {
            return true;
        }
    }
    return false;
}

TEST(SessionReopen, RestartWithReEnumerationReachesTheModuleOnItsNewNode) {
    scoped_temp_dir dir{"athil-session-reopen"};
    const auto name = dir.path() / "usb-ASR_Cat1_0123-if00";
    auto before = std::make_unique<fake_module>([](const std::string& unit) {
        return unit == "AT+Z" ? echoed(unit, "\r\nOK\r\n") : std::vector<std::string>{};
    });
    fs::create_symlink(before->path(), name);
    std::unique_ptr<fake_module> after;

    auto options = fast_options();
    options.restart_timeout = 10s; // covers the reopen; the module is not late here
    session::module_session s(
        link::open_link(link::parse_link_spec("serial:" + name.string()), deadline_in(5s)),
        options);

    std::thread usb([&] {
        const auto until = deadline_in(5s);
        while (!received(*before, "AT+Z") && steady_clock::now() < until) {
            std::this_thread::sleep_for(10ms);
        }
        std::this_thread::sleep_for(100ms); // let the OK reach the session first
        before->hang_up();
        fs::remove(name);
        std::this_thread::sleep_for(100ms); // the name is missing for a while
        after = std::make_unique<fake_module>([](const std::string& unit) {
            return unit == "AT" ? echoed(unit, "\r\nOK\r\n") : std::vector<std::string>{};
        });
        fs::create_symlink(after->path(), name);
        after->send("\r\nWH-GM5\r\n");
    });
    const auto restart = s.restart_without_saving();
    usb.join();
    EXPECT_TRUE(restart.ok());
    EXPECT_NE(s.log().render().find("booted: WH-GM5"), std::string::npos) << s.log().render();
    EXPECT_TRUE(s.command("AT").ok());
    EXPECT_TRUE(received(*after, "AT"));
}

} // namespace
} // namespace athil::test
