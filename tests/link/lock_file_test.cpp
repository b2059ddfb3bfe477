// The kernel-held lock of rack DUTs and ports (lock_file.hpp): one holder at a time, its record
// believed only while it holds the lock, a line of waiters that forgets the dead, and --wait
// values read strictly.
#include "harness/core/error.hpp"
#include "harness/link/lock_file.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

namespace athil::test {
namespace {

using namespace std::chrono_literals;

TEST(LockFile, OneHolderAtATimeAndFreeOnceItLetsGo) {
    scoped_temp_dir dir{"athil-lockfile"};
    const auto file = dir.path() / "dut-a.lock";
    EXPECT_FALSE(link::probe_lock(file).held); // no file yet: free
    {
        auto first = link::lock_file::try_acquire(file);
        ASSERT_TRUE(first.has_value());
        // A second open file description is a second user, even in this process.
        EXPECT_FALSE(link::lock_file::try_acquire(file).has_value());
        const auto state = link::probe_lock(file);
        EXPECT_TRUE(state.held);
        ASSERT_TRUE(state.holder.has_value());
        EXPECT_EQ(state.holder->pid, static_cast<long>(::getpid()));
        EXPECT_NE(state.holder->command.find("athil_link"), std::string::npos)
            << state.holder->command;
        EXPECT_NE(link::holder_text(state).find("pid " + std::to_string(::getpid())),
                  std::string::npos);
    }
    const auto after = link::probe_lock(file);
    EXPECT_FALSE(after.held);
    EXPECT_FALSE(after.holder.has_value()); // the record left in the file is not believed
    EXPECT_TRUE(link::lock_file::try_acquire(file).has_value());
}

TEST(LockFile, WaiterSeesItsPlaceAndGivesUpNamingTheHolder) {
    scoped_temp_dir dir{"athil-lockfile"};
    const auto file = dir.path() / "dut-a.lock";
    auto held = link::lock_file::try_acquire(file);
    ASSERT_TRUE(held.has_value());
    std::vector<std::size_t> places;
    try {
        (void)link::lock_file::acquire(file, "DUT a", 300ms,
                                       [&](const link::lock_state& s, std::size_t place) {
                                           EXPECT_TRUE(s.held);
                                           places.push_back(place);
                                       });
        ADD_FAILURE() << "took a held lock";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::link_busy);
        const std::string what = e.what();
        EXPECT_NE(what.find("DUT a is in use after waiting 300 ms: held by "), std::string::npos)
            << what;
    }
    EXPECT_EQ(places, std::vector<std::size_t>{1}); // said once: nothing changed
    EXPECT_EQ(link::probe_lock(file).waiting, 0U);  // the line is empty again
}

TEST(LockFile, DeadWaitersLeaveTheLine) {
    scoped_temp_dir dir{"athil-lockfile"};
    const auto file = dir.path() / "dut-a.lock";
    auto held = link::lock_file::try_acquire(file);
    ASSERT_TRUE(held.has_value());
    // A waiter killed with SIGKILL leaves its file, unlocked.
    std::filesystem::create_directories(dir.path() / "dut-a.lock.queue");
    const auto dead = dir.path() / "dut-a.lock.queue" / "00000000000000000001-1";
    std::ofstream(dead) << "pid: 1\n";
    EXPECT_EQ(link::probe_lock(file).waiting, 0U);
    EXPECT_FALSE(std::filesystem::exists(dead));
}

TEST(LockFile, UnusableFolderIsBadInputNamingIt) {
    scoped_temp_dir dir{"athil-lockfile"};
    std::ofstream(dir.path() / "file") << "x";
    try {
        (void)link::lock_file::try_acquire(dir.path() / "file" / "dut-a.lock");
        ADD_FAILURE() << "locked in a folder that cannot exist";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_input);
        EXPECT_NE(std::string(e.what()).find("cannot use the lock folder"), std::string::npos);
    }
}

TEST(LockFile, HolderRecordSurvivesItsRoundTrip) {
    auto h = link::this_process_holder();
    h.ci_job = "https://ci.example/jobs/7";
    const auto back = link::parse_holder(h.render());
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->pid, h.pid);
    EXPECT_EQ(back->user, h.user);
    EXPECT_EQ(back->host, h.host);
    EXPECT_EQ(back->command, h.command);
    EXPECT_EQ(back->ci_job, h.ci_job);
    EXPECT_EQ(link::utc_text(back->since), link::utc_text(h.since));
    EXPECT_FALSE(link::parse_holder("").has_value());
    EXPECT_FALSE(link::parse_holder("garbage\n").has_value());
}

TEST(LockFile, CiJobLinkFromEachEngine) {
    for (const auto* v :
         {"CI_JOB_URL", "BUILD_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"}) {
        ::unsetenv(v);
    }
    EXPECT_EQ(link::ci_job_link(), "");
    ::setenv("GITHUB_SERVER_URL", "https://github.example", 1);
    ::setenv("GITHUB_REPOSITORY", "lab/athil", 1);
    ::setenv("GITHUB_RUN_ID", "42", 1);
    EXPECT_EQ(link::ci_job_link(), "https://github.example/lab/athil/actions/runs/42");
    ::setenv("BUILD_URL", "https://jenkins.example/job/rack/9/", 1);
    EXPECT_EQ(link::ci_job_link(), "https://jenkins.example/job/rack/9/");
    ::setenv("CI_JOB_URL", "https://gitlab.example/lab/athil/-/jobs/991", 1);
    EXPECT_EQ(link::ci_job_link(), "https://gitlab.example/lab/athil/-/jobs/991");
    for (const auto* v :
         {"CI_JOB_URL", "BUILD_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"}) {
        ::unsetenv(v);
    }
}

TEST(LockFile, WaitDurations) {
    EXPECT_EQ(link::parse_wait_duration("30s"), 30s);
    EXPECT_EQ(link::parse_wait_duration("5m"), 5min);
    EXPECT_EQ(link::parse_wait_duration("2h"), 2h);
    EXPECT_EQ(link::parse_wait_duration("1500ms"), 1500ms);
    EXPECT_EQ(link::parse_wait_duration("10"), 10s);
    EXPECT_EQ(link::parse_wait_duration("0"), 0s);
    for (const auto* bad : {"", "soon", "-5s", "5x", "s", "9999h"}) {
        EXPECT_THROW((void)link::parse_wait_duration(bad), athil_error) << bad;
    }
}

} // namespace
} // namespace athil::test
