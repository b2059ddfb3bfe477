// A harness that dies — killed outright, or interrupted — must not leave its children behind.
#include "harness/process/child_process.hpp"

#include "process_probe.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>

namespace {

using namespace std::chrono_literals;
using athil::deadline_in;
using athil::process::child;

struct parent_with_sleeper {
    child parent;
    pid_t sleeper;
};

parent_with_sleeper start_parent(const std::string& mode, const std::string& folder = {}) {
    std::vector<std::string> argv{ATHIL_TEST_PARENT};
    if (!mode.empty()) {
        argv.push_back(mode);
    }
    if (!folder.empty()) {
        argv.push_back(folder);
    }
    auto parent = child::spawn({.argv = argv, .capture_stdout = true});
    const auto line = parent.read_stdout_line(deadline_in(10s));
    if (!line) {
        throw std::runtime_error("test parent printed no pid");
    }
    return {std::move(parent), static_cast<pid_t>(std::stoi(*line))};
}

TEST(NoOrphans, SigkilledHarnessTakesItsChildrenAlong) {
    auto run = start_parent("");
    ASSERT_TRUE(athil::test::process_alive(run.sleeper));
    ::kill(run.parent.pid(), SIGKILL); // only the harness itself: no handler can run
    EXPECT_TRUE(athil::test::process_gone_within(run.sleeper, 5s))
        << "child " << run.sleeper << " outlived a SIGKILLed harness";
}

TEST(NoOrphans, SigkilledHarnessTakesWhatItsShellCommandStarted) {
    // A power command that leaves a program in the background: only the shell is the
    // harness's child, the program is its grandchild.
    auto run = start_parent("group");
    ASSERT_GT(run.sleeper, 0);
    ASSERT_TRUE(athil::test::process_alive(run.sleeper));
    ::kill(run.parent.pid(), SIGKILL);
    EXPECT_TRUE(athil::test::process_gone_within(run.sleeper, 5s))
        << "background program " << run.sleeper << " of a shell command outlived the harness";
    ::kill(run.sleeper, SIGKILL);
}

class NoOrphansOnSignal : public ::testing::TestWithParam<int> {};

TEST_P(NoOrphansOnSignal, InterruptedHarnessStopsItsChildren) {
    auto run = start_parent("handlers");
    ASSERT_TRUE(athil::test::process_alive(run.sleeper));
    ::kill(run.parent.pid(), GetParam());
    EXPECT_EQ(run.parent.wait(deadline_in(5s)), 128 + GetParam())
        << "harness must die of the signal";
    EXPECT_TRUE(athil::test::process_gone_within(run.sleeper, 5s));
}

TEST_P(NoOrphansOnSignal, InterruptedHarnessRemovesItsThrowawayFolders) {
    const auto folder =
        std::filesystem::temp_directory_path() /
        ("athil-folder-cleanup-" + std::to_string(::getpid()) + "-" + std::to_string(GetParam()));
    auto run = start_parent("handlers", folder.string());
    ASSERT_TRUE(std::filesystem::exists(folder / "pki" / "server.key"));
    ::kill(run.parent.pid(), GetParam());
    EXPECT_EQ(run.parent.wait(deadline_in(5s)), 128 + GetParam());
    EXPECT_FALSE(std::filesystem::exists(folder)) << folder << " outlived the interrupted harness";
    std::filesystem::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(Signals, NoOrphansOnSignal,
                         ::testing::Values(SIGINT, SIGTERM, SIGHUP, SIGQUIT));

} // namespace
