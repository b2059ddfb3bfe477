#include "harness/process/child_process.hpp"

#include "harness/core/error.hpp"
#include "process_probe.hpp"

#include <gtest/gtest.h>

#include <signal.h>

#include <filesystem>
#include <fstream>

namespace {

using namespace std::chrono_literals;
using athil::deadline_in;
using athil::process::child;

TEST(ChildProcess, ReadsStdoutLinesAndStopsOnTerminate) {
    auto c = child::spawn(
        {.argv = {"sh", "-c", "echo first; echo second; exec sleep 300"}, .capture_stdout = true});
    EXPECT_EQ(c.read_stdout_line(deadline_in(5s)), "first");
    EXPECT_EQ(c.read_stdout_line(deadline_in(5s)), "second");
    EXPECT_FALSE(c.read_stdout_line(deadline_in(50ms)).has_value()) << "nothing more was printed";
    EXPECT_TRUE(c.running());
    const pid_t pid = c.pid();
    c.terminate(2s);
    EXPECT_FALSE(c.running());
    EXPECT_EQ(c.exit_code(), 128 + SIGTERM);
    EXPECT_TRUE(athil::test::process_gone_within(pid, 2s));
}

TEST(ChildProcess, ReportsExitCode) {
    auto c = child::spawn({.argv = {"sh", "-c", "exit 7"}});
    EXPECT_EQ(c.wait(deadline_in(5s)), 7);
}

TEST(ChildProcess, WaitReturnsNothingAtTheDeadline) {
    auto c = child::spawn({.argv = {"sleep", "300"}});
    EXPECT_FALSE(c.wait(deadline_in(50ms)).has_value());
    EXPECT_TRUE(c.running());
}

TEST(ChildProcess, MissingProgramIsAClearError) {
    try {
        child::spawn({.argv = {"athil-no-such-program"}});
        FAIL() << "spawn of a missing program succeeded";
    } catch (const athil::athil_error& e) {
        EXPECT_EQ(e.code(), athil::errc::process_failed);
        EXPECT_NE(std::string(e.what()).find("athil-no-such-program"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos);
    }
}

TEST(ChildProcess, TerminateReachesGrandchildren) {
    auto c =
        child::spawn({.argv = {"sh", "-c", "sleep 300 & echo $!; wait"}, .capture_stdout = true});
    const auto line = c.read_stdout_line(deadline_in(5s));
    ASSERT_TRUE(line.has_value());
    const pid_t grandchild = std::stoi(*line);
    ASSERT_TRUE(athil::test::process_alive(grandchild));
    c.terminate(2s);
    EXPECT_TRUE(athil::test::process_gone_within(grandchild, 5s));
}

TEST(ChildProcess, DestructorStopsTheChild) {
    pid_t pid = 0;
    {
        auto c = child::spawn({.argv = {"sleep", "300"}});
        pid = c.pid();
        ASSERT_TRUE(athil::test::process_alive(pid));
    }
    EXPECT_TRUE(athil::test::process_gone_within(pid, 5s));
    EXPECT_TRUE(athil::process::live_children().empty());
}

TEST(ChildProcess, WritesOutputFilesInItsWorkingDirectoryWithExtraEnvironment) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("athil-process-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto c = child::spawn({.argv = {"sh", "-c", "echo \"$ATHIL_PROBE $(pwd)\"; echo oops >&2"},
                           .cwd = dir,
                           .stdout_path = dir / "out.log",
                           .stderr_path = dir / "out.log",
                           .env = {{"ATHIL_PROBE", "probe-value"}}});
    ASSERT_EQ(c.wait(deadline_in(5s)), 0);
    std::ifstream out(dir / "out.log");
    std::string first;
    std::string second;
    std::getline(out, first);
    std::getline(out, second);
    EXPECT_EQ(first, "probe-value " + std::filesystem::canonical(dir).string());
    EXPECT_EQ(second, "oops");
    std::filesystem::remove_all(dir);
}

} // namespace
