// Power and reset commands: their output lands in the shared log, bounded, with the cut said.

#include "harness/dut/shell_command.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace athil::dut {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class scratch {
public:
    scratch() {
        std::string pattern = (fs::temp_directory_path() / "athil-shell-test-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~scratch() { fs::remove_all(path_); }
    scratch(const scratch&) = delete;
    scratch& operator=(const scratch&) = delete;
    fs::path log() const { return path_ / "power.log"; }

private:
    fs::path path_;
};

std::string text_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ShellCommand, OutputAndErrorsGoToTheLog) {
    const scratch dir;
    const auto out = run_shell_command({"echo relay on; echo oops >&2", 5000ms}, dir.log(), {});
    EXPECT_TRUE(out.ok()) << out.describe();
    const auto again = run_shell_command({"echo relay off; exit 3", 5000ms}, dir.log(), {});
    EXPECT_EQ(again.exit_code, 3);
    EXPECT_EQ(text_of(dir.log()), "relay on\noops\nrelay off\n");
}

TEST(ShellCommand, LogIsBoundedAndTheCutIsMarked) {
    const scratch dir;
    // A command that prints far more than the bound (a PDU client stuck in a retry loop).
    const auto out =
        run_shell_command({"head -c 300000 /dev/zero | tr '\\0' x", 10000ms}, dir.log(), {}, 10000);
    EXPECT_TRUE(out.ok()) << out.describe();
    const auto text = text_of(dir.log());
    EXPECT_LT(text.size(), 10300U);
    EXPECT_EQ(text.substr(0, 10000), std::string(10000, 'x'));
    EXPECT_NE(text.find("output cut"), std::string::npos) << text.substr(10000);
    EXPECT_NE(text.find("290000 more bytes"), std::string::npos) << text.substr(10000);
    // A full log takes no more output, only the marker.
    run_shell_command({"echo more", 5000ms}, dir.log(), {}, 10000);
    EXPECT_EQ(text_of(dir.log()).find("more\n"), std::string::npos);
}

TEST(ShellCommand, TimeoutStopsTheCommand) {
    const scratch dir;
    const auto start = std::chrono::steady_clock::now();
    const auto out = run_shell_command({"echo start; sleep 30", 300ms}, dir.log(), {});
    EXPECT_TRUE(out.timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_EQ(text_of(dir.log()), "start\n");
}

} // namespace
} // namespace athil::dut
