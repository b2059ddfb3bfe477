// A shared rack of three simulated DUTs: one run at a time per DUT, the second told at once who
// holds it (or waiting in line with --wait), the DUT free the moment its holder is SIGKILLed,
// `athil rack status` right during and after; the health verdict remembered between runs; and
// bad input (an unknown id, a lock folder nobody can write, a hanging power command) each a
// clear exit 2 with nothing left running.
#include "cli_test_support.hpp"
#include "harness/link/pty_pair.hpp"
#include "harness/process/child_process.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace athil::cli::test {
namespace {

using namespace std::chrono_literals;
using report::test::read_text;

// One case of section 2: the runs here are about the lock, not the module.
constexpr const char* small_filter = "S2_7_MQTTVER.SetRejectsExtraParameter";

// A zombie is not running: nobody may reap an orphan in a container without an init.
bool alive(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(stat, text);
    const auto end = text.rfind(')');
    return end != std::string::npos && end + 2 < text.size() && text[end + 2] != 'Z';
}

// Every athil started by a test of this file uses the test's own lock folder.
class RackLock : public testing::Test {
protected:
    void SetUp() override {
        ::setenv("ATHIL_LOCK_DIR", (tmp_.path() / "locks").c_str(), 1);
        std::ofstream(inventory_) << "inventory_version: 1\n"
                                     "duts:\n"
                                     "  - {id: dut-a, link: sim, tags: [rack, a]}\n"
                                     "  - {id: dut-b, link: sim, tags: [rack]}\n"
                                     "  - {id: dut-c, link: sim, tags: [rack]}\n";
    }
    void TearDown() override { ::unsetenv("ATHIL_LOCK_DIR"); }

    // athil ARGS in the background, its output in `log`.
    process::child start(const std::vector<std::string>& args, const std::filesystem::path& log) {
        process::spawn_options o;
        o.argv = {ATHIL_EXE};
        o.argv.insert(o.argv.end(), args.begin(), args.end());
        o.stdout_path = log;
        o.stderr_path = log;
        return process::child::spawn(o);
    }

    nlohmann::json status() {
        const auto r = run_athil({"rack", "status", "--inventory", inventory_.string(), "--json"});
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return nlohmann::json::parse(r.output);
    }
    static const nlohmann::json& dut(const nlohmann::json& s, const std::string& id) {
        for (const auto& d : s.at("duts")) {
            if (d.at("id") == id) {
                return d;
            }
        }
        throw std::runtime_error("no " + id + " in the status");
    }
    // Polls until `done` holds, at most `limit`.
    template <typename Done>
    static bool eventually(Done done, std::chrono::seconds limit) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            if (done()) {
                return true;
            }
            std::this_thread::sleep_for(50ms);
        }
        return done();
    }
    std::vector<std::string> run_on(const std::string& id, const std::string& report) {
        return {"run",
                "--inventory",
                inventory_.string(),
                "--dut",
                id,
                "--filter",
                small_filter,
                "--report-dir",
                (tmp_.path() / report).string()};
    }

    athil::test::scoped_temp_dir tmp_{"athil-rack-lock"};
    std::filesystem::path inventory_ = tmp_.path() / "rack.yaml";
};

TEST_F(RackLock, SecondRunIsToldWhoHoldsTheDutWaitsInLineAndGetsItWhenTheHolderIsKilled) {
    // The holder: a slow-booting simulator keeps it on dut-a for a while.
    auto args = run_on("dut-a", "holder");
    args.insert(args.end(), {"--boot-ms", "20000"});
    auto holder = start(args, tmp_.path() / "holder.log");
    ASSERT_TRUE(eventually([&] { return dut(status(), "dut-a").at("state") == "held"; }, 30s))
        << read_text(tmp_.path() / "holder.log");

    const auto during = status();
    const auto& a = dut(during, "dut-a");
    const auto holder_pid = a.at("holder").at("pid").get<long>();
    EXPECT_NE(a.at("holder").at("command").get<std::string>().find("--rack-dut dut-a"),
              std::string::npos)
        << a.dump();
    EXPECT_EQ(dut(during, "dut-b").at("state"), "free");
    EXPECT_EQ(dut(during, "dut-c").at("state"), "free");
    const auto lines = run_athil({"rack", "status", "--inventory", inventory_.string()});
    EXPECT_NE(lines.output.find("dut-a  held by "), std::string::npos) << lines.output;
    EXPECT_NE(lines.output.find("dut-b  free"), std::string::npos) << lines.output;

    // A second run on dut-a: refused at once, naming the holder; dut-b is not in its way.
    const auto started = std::chrono::steady_clock::now();
    const auto refused = run_athil(run_on("dut-a", "refused"));
    const auto refused_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("DUT dut-a is in use: held by "), std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("pid " + std::to_string(holder_pid)), std::string::npos)
        << refused.output;
    EXPECT_NE(read_text(tmp_.path() / "refused" / "junit.xml").find("held by"), std::string::npos);

    // The refusal is the lock's doing: a run that looks into another lock folder is not
    // stopped (and a simulated DUT has no port to share), so the check above can fail.
    ::setenv("ATHIL_LOCK_DIR", (tmp_.path() / "other-locks").c_str(), 1);
    const auto unlocked_started = std::chrono::steady_clock::now();
    const auto unlocked = run_athil(run_on("dut-a", "unlocked"));
    const auto unlocked_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - unlocked_started)
                                 .count();
    ::setenv("ATHIL_LOCK_DIR", (tmp_.path() / "locks").c_str(), 1);
    EXPECT_EQ(unlocked.exit_code, 0) << unlocked.output;
    const auto ratio =
        static_cast<double>(refused_ms) / static_cast<double>(std::max<long long>(1, unlocked_ms));
    // A ratio against a full run of the same case in the same test, never asserted.
    RecordProperty("refused_vs_run", std::to_string(ratio));
    std::cout << "refused after " << refused_ms << " ms; a one-case run took " << unlocked_ms
              << " ms (ratio " << ratio << ")\n";

    // A third waits in line, seen by rack status.
    auto waiter_args = run_on("dut-a", "waiter");
    waiter_args.insert(waiter_args.end(), {"--wait", "2m"});
    const auto waiter_log = tmp_.path() / "waiter.log";
    auto waiter = start(waiter_args, waiter_log);
    ASSERT_TRUE(eventually([&] { return dut(status(), "dut-a").at("waiting") == 1; }, 30s))
        << read_text(waiter_log);
    EXPECT_TRUE(eventually(
        [&] { return read_text(waiter_log).find("(place 1 in line)") != std::string::npos; }, 10s))
        << read_text(waiter_log);

    // SIGKILL leaves the holder no time to let go: the kernel does, and the waiter runs.
    ASSERT_EQ(::kill(static_cast<pid_t>(holder_pid), SIGKILL), 0);
    const auto code = waiter.wait(deadline_in(std::chrono::minutes(2)));
    ASSERT_TRUE(code.has_value()) << read_text(waiter_log);
    EXPECT_EQ(*code, 0) << read_text(waiter_log);
    holder.wait(deadline_in(30s));

    const auto after = status();
    for (const auto* id : {"dut-a", "dut-b", "dut-c"}) {
        EXPECT_EQ(dut(after, id).at("state"), "free") << id;
        EXPECT_EQ(dut(after, id).at("waiting"), 0) << id;
    }
    EXPECT_EQ(dut(after, "dut-a").at("last_run").at("verdict"), "PASS");
    EXPECT_EQ(dut(after, "dut-a").at("health").at("verdict"), "online");
    EXPECT_TRUE(dut(after, "dut-b").at("last_run").is_null());
}

TEST_F(RackLock, HolderRecordCarriesTheCiJobAndNoSecret) {
    // `athil at` holds dut-b for as long as it sends; its command line carries a password.
    process::spawn_options o;
    o.argv = {ATHIL_EXE, "at",       "--inventory", inventory_.string(),      "--dut",
              "dut-b",   "--repeat", "1000000",     "AT+MQTTPSW=\"hunter22\""};
    o.stdout_path = "/dev/null";
    o.env = {{"CI_JOB_URL", "https://gitlab.example/lab/athil/-/jobs/991"}};
    auto at = process::child::spawn(o);
    ASSERT_TRUE(eventually([&] { return dut(status(), "dut-b").at("state") == "held"; }, 30s));
    const auto holder = dut(status(), "dut-b").at("holder");
    EXPECT_EQ(holder.at("ci_job"), "https://gitlab.example/lab/athil/-/jobs/991");
    EXPECT_EQ(holder.at("pid").get<long>(), static_cast<long>(at.pid()));
    const auto command = holder.at("command").get<std::string>();
    EXPECT_NE(command.find("AT+MQTTPSW=******"), std::string::npos) << command;
    EXPECT_EQ(command.find("hunter22"), std::string::npos) << command;
    const auto refused =
        run_athil({"at", "--inventory", inventory_.string(), "--dut", "dut-b", "AT"});
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("[CI job https://gitlab.example/lab/athil/-/jobs/991]"),
              std::string::npos)
        << refused.output;
    EXPECT_EQ(refused.output.find("hunter22"), std::string::npos) << refused.output;
    at.terminate();
    EXPECT_EQ(dut(status(), "dut-b").at("state"), "free");
}

TEST_F(RackLock, OfflineDutIsRememberedAndSkippedUntilNamed) {
    link::pty_pair silent; // a port nobody answers on
    std::ofstream(inventory_, std::ios::app)
        << "  - id: silent\n    link: serial:" << silent.slave_path()
        << "\n    health_timeout_ms: 200\n    tags: [rack]\n";
    const auto first = run_athil(run_on("silent", "first"));
    EXPECT_EQ(first.exit_code, 2) << first.output;
    EXPECT_NE(first.output.find("health of silent: no answer to AT"), std::string::npos)
        << first.output;
    EXPECT_EQ(dut(status(), "silent").at("health").at("verdict"), "offline");
    EXPECT_EQ(dut(status(), "silent").at("last_run").at("verdict"), "OFFLINE");

    // The whole rack next: the silent DUT gets no worker, and its report says why.
    const auto next = run_athil({"run", "--inventory", inventory_.string(), "--filter",
                                 small_filter, "--report-dir", (tmp_.path() / "next").string()});
    EXPECT_EQ(next.exit_code, 2) << next.output;
    EXPECT_NE(next.output.find("DUT silent not run: its health check at "), std::string::npos)
        << next.output;
    EXPECT_EQ(next.output.find("health of silent"), std::string::npos) << next.output;
    EXPECT_NE(read_text(tmp_.path() / "next" / "duts" / "silent" / "junit.xml").find("not run"),
              std::string::npos);
    EXPECT_EQ(dut(status(), "dut-b").at("last_run").at("verdict"), "PASS");

    // Named, it is checked again.
    const auto named = run_athil(run_on("silent", "named"));
    EXPECT_EQ(named.exit_code, 2) << named.output;
    EXPECT_NE(named.output.find("health of silent: no answer to AT"), std::string::npos)
        << named.output;
}

TEST_F(RackLock, PortHeldByAnotherProgramIsNotRememberedAsOffline) {
    link::pty_pair module;
    std::ofstream(inventory_, std::ios::app)
        << "  - id: busy\n    link: serial:" << module.slave_path()
        << "\n    health_timeout_ms: 200\n";
    // A terminal program on the port (picocom takes a flock, too).
    const int fd = ::open(module.slave_path().c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    const auto run = run_athil(run_on("busy", "busy"));
    ::close(fd);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("is busy"), std::string::npos) << run.output;
    const auto s = dut(status(), "busy");
    EXPECT_TRUE(s.at("health").is_null()) << s.dump();
    EXPECT_EQ(s.at("last_run").at("verdict"), "ERROR") << s.dump();
}

TEST_F(RackLock, BadInputIsAClearUsageError) {
    const auto unknown = run_athil(run_on("dut-x", "unknown"));
    EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
    EXPECT_NE(unknown.output.find("no DUT with id 'dut-x' (its DUTs: dut-a, dut-b, dut-c)"),
              std::string::npos)
        << unknown.output;
    const auto at_unknown =
        run_athil({"at", "--inventory", inventory_.string(), "--dut", "dut-x", "AT"});
    EXPECT_EQ(at_unknown.exit_code, 2) << at_unknown.output;

    // A lock folder that cannot be created (its parent is a file): even root cannot write it.
    std::ofstream(tmp_.path() / "file") << "not a folder";
    ::setenv("ATHIL_LOCK_DIR", (tmp_.path() / "file" / "locks").c_str(), 1);
    const auto unwritable =
        run_athil({"at", "--inventory", inventory_.string(), "--dut", "dut-a", "AT"});
    EXPECT_EQ(unwritable.exit_code, 2) << unwritable.output;
    EXPECT_NE(unwritable.output.find("cannot use the lock folder"), std::string::npos)
        << unwritable.output;
    EXPECT_NE(unwritable.output.find("ATHIL_LOCK_DIR"), std::string::npos) << unwritable.output;
    const auto run_unwritable = run_athil(run_on("dut-a", "unwritable"));
    EXPECT_EQ(run_unwritable.exit_code, 2) << run_unwritable.output;
    EXPECT_NE(run_unwritable.output.find("cannot use the lock folder"), std::string::npos)
        << run_unwritable.output;
    ::setenv("ATHIL_LOCK_DIR", (tmp_.path() / "locks").c_str(), 1);

    const auto bad_wait =
        run_athil({"at", "--inventory", inventory_.string(), "--dut", "dut-a", "--wait", "soon"});
    EXPECT_EQ(bad_wait.exit_code, 2) << bad_wait.output;
}

TEST_F(RackLock, PowerCommandsRunUnderTheLockAndAHangingOneIsStopped) {
    const auto pids = tmp_.path() / "pids";
    std::ofstream(inventory_, std::ios::app) << "  - id: relay\n    link: sim\n"
                                                "    power_off: \"echo off > '"
                                             << (tmp_.path() / "switched").string()
                                             << "'\"\n"
                                                "    power_on: {command: \"sleep 60 & echo $! > '"
                                             << pids.string() << "'; echo $$ >> '" << pids.string()
                                             << "'; sleep 60\", timeout_ms: 300}\n";
    const auto off = run_athil({"power", "off", "relay", "--inventory", inventory_.string()});
    EXPECT_EQ(off.exit_code, 0) << off.output;
    EXPECT_NE(off.output.find("power off relay: power_off: exit 0"), std::string::npos)
        << off.output;
    EXPECT_EQ(read_text(tmp_.path() / "switched"), "off\n");

    const auto started = std::chrono::steady_clock::now();
    const auto on = run_athil({"power", "on", "relay", "--inventory", inventory_.string()});
    EXPECT_EQ(on.exit_code, 2) << on.output;
    EXPECT_NE(on.output.find("did not end within its timeout of 300 ms"), std::string::npos)
        << on.output;
    EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
    std::ifstream in(pids);
    int count = 0;
    for (pid_t pid = 0; in >> pid; ++count) {
        EXPECT_FALSE(alive(pid)) << "pid " << pid << " is still running";
    }
    EXPECT_EQ(count, 2);

    const auto none = run_athil({"power", "reset", "dut-a", "--inventory", inventory_.string()});
    EXPECT_EQ(none.exit_code, 2) << none.output;
    EXPECT_NE(none.output.find("DUT dut-a has no reset command"), std::string::npos) << none.output;
}

} // namespace
} // namespace athil::cli::test
