// Faults on the module's side of `athil run`: a module that never answers, one that falls
// silent mid-run, line noise between answers, the simulator killed or restarted mid-run, and
// the serial port disappearing. The verdict is the point: a rig failure (the module unreachable)
// is exit 2 with the remaining cases recorded as errors, a module that answers wrongly is
// exit 1; and every run ends within a bound, with valid reports and nothing left behind.

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"
#include "tests/faults/fault_case.hpp"
#include "tests/link/flock_holder.hpp"

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <csignal>

namespace athil::faults {
namespace {

// A pseudo-terminal whose far end nobody serves: a port with a dead module behind it.
class unserved_pty {
public:
    unserved_pty() {
        if (::openpty(&master_, &slave_, nullptr, nullptr, nullptr) != 0) {
            throw std::runtime_error("openpty failed");
        }
        path_ = ::ttyname(slave_);
    }
    ~unserved_pty() {
        ::close(slave_);
        ::close(master_);
    }
    unserved_pty(const unserved_pty&) = delete;
    unserved_pty& operator=(const unserved_pty&) = delete;
    const std::string& path() const { return path_; }

private:
    int master_ = -1;
    int slave_ = -1;
    std::string path_;
};

// A simulator started by the test itself (not by athil run), serving `link`; its first
// stdout line says where ("PTY /dev/pts/7", "TCP 40123").
struct own_simulator {
    process::child child;
    std::string where;

    explicit own_simulator(const std::string& link)
        : child(process::child::spawn({.argv = {ATHIL_EXE, "sim", "--link", link, "--boot-ms=50"},
                                       .capture_stdout = true})) {
        const auto line = child.read_stdout_line(deadline_in(std::chrono::seconds(30)));
        if (!line || line->find(' ') == std::string::npos) {
            throw std::runtime_error("the simulator did not say where it serves");
        }
        where = line->substr(line->find(' ') + 1);
    }
};

std::size_t count_of(const nlohmann::json& results, const char* key) {
    return results.is_null() ? 0 : results.at("counts").value(key, std::size_t{0});
}

// The cases after the loss are errors (not failures against the module), and the report says
// why.
void expect_error_cases(const scratch_dir& dir) {
    const auto results = expect_complete_reports(dir);
    EXPECT_GT(count_of(results, "errors"), 0u) << "no case recorded as an infrastructure error";
    EXPECT_GT(count_of(results, "passed"), 0u) << "the fault was meant to land mid-run";
    EXPECT_NE(dir.output().find("infrastructure failure"), std::string::npos) << dir.output();
}

// The end every loss of the module mid-run must have.
void expect_rig_failure_end(launched& run, const scratch_dir& dir) {
    expect_exit(run.wait(stop_bound + run_bound), 2, dir);
    expect_error_cases(dir);
    expect_nothing_left(dir);
}

TEST(DutFaults, ModuleThatNeverAnswersIsInfrastructureFailure) {
    scratch_dir dir;
    unserved_pty port;
    launched run(dir, ATHIL_EXE,
                 run_args(dir, {"--dut", "serial:" + port.path(), "--filter", "2.2"}));
    expect_exit(run.wait(run_bound), 2, dir);
    EXPECT_NE(dir.output().find("not usable before the first case"), std::string::npos)
        << dir.output();
    // Nothing was judged, and every report says so: one rig-error case, outcome rig_failed.
    const auto results = expect_complete_reports(dir);
    EXPECT_EQ(results.at("metadata").at("outcome"), "rig_failed");
    EXPECT_EQ(results.at("counts").at("errors"), 1);
    EXPECT_EQ(results.at("counts").at("total"), 1);
    expect_nothing_left(dir);
}

// The run's own simulator gets `sig` once a few cases have finished.
void signal_simulator_mid_run(int sig) {
    scratch_dir dir;
    launched run(dir, ATHIL_EXE, run_args(dir, {"--filter", "2.2,2.3"}));
    const auto sim = wait_for_process(dir.marker(), " sim --link", start_bound);
    ASSERT_TRUE(sim.has_value()) << dir.output();
    ASSERT_TRUE(wait_for_cases(dir, 3, start_bound)) << dir.output();
    ::kill(*sim, sig);
    expect_rig_failure_end(run, dir);
}

// SIGSTOP: alive, port open, never another byte.
TEST(DutFaults, ModuleFallingSilentMidRunIsInfrastructureFailure) {
    signal_simulator_mid_run(SIGSTOP);
}

// A garbage line before every fourth answer: the module does not answer as the manual says,
// which is a nonconformance (exit 1) quoting the garbage, not a hang and not a rig failure.
TEST(DutFaults, LineNoiseBetweenAnswersIsNonconformance) {
    scratch_dir dir;
    launched run(dir, ATHIL_EXE, run_args(dir, {"--filter", "2.2", "--quirk", "noise"}));
    expect_exit(run.wait(run_bound), 1, dir);
    const auto results = expect_complete_reports(dir);
    EXPECT_GT(count_of(results, "failed"), 0u);
    EXPECT_EQ(count_of(results, "errors"), 0u) << "line noise is the module's fault, not the rig's";
    expect_nothing_left(dir);
}

// A firmware that answers +++ in command mode with OK (the manual: an error) is judged by the
// case named for that clause; the session enters command mode all the same and the run goes on.
TEST(DutFaults, PlusAnsweredOkInCommandModeIsNonconformance) {
    scratch_dir dir;
    launched run(dir, ATHIL_EXE,
                 run_args(dir, {"--filter", "1.2", "--quirk", "plus-in-command-mode-ok"}));
    expect_exit(run.wait(run_bound), 1, dir);
    const auto results = expect_complete_reports(dir);
    EXPECT_GT(count_of(results, "passed"), 0u) << dir.output();
    EXPECT_GT(count_of(results, "failed"), 0u) << dir.output();
    EXPECT_EQ(count_of(results, "errors"), 0u) << "a variant answer is not a rig failure";
    EXPECT_NE(results.dump().find("PlusRefusedInCommandMode"), std::string::npos);
    expect_nothing_left(dir);
}

// Another program holds the port (a terminal left open on it): exit 2 naming the port and the
// holder, before any case; the module is not blamed.
TEST(DutFaults, BusyPortIsRigFailureNamingTheHolder) {
    scratch_dir dir;
    unserved_pty port;
    test::flock_holder holder(port.path());
    launched run(dir, ATHIL_EXE,
                 run_args(dir, {"--dut", "serial:" + port.path(), "--filter", "2.2"}));
    expect_exit(run.wait(run_bound), 2, dir);
    EXPECT_NE(dir.output().find("serial port " + port.path() + " is busy"), std::string::npos)
        << dir.output();
    EXPECT_NE(dir.output().find("pid " + std::to_string(holder.pid())), std::string::npos)
        << dir.output();
    const auto results = expect_complete_reports(dir);
    EXPECT_EQ(results.at("metadata").at("outcome"), "rig_failed");
    EXPECT_NE(results.dump().find("is busy"), std::string::npos);
    expect_nothing_left(dir);
}

TEST(DutFaults, SimulatorKilledMidRunIsInfrastructureFailure) {
    signal_simulator_mid_run(SIGKILL);
}

// The serial port itself goes away (the pty's owner ends), as a USB adapter pulled out does.
TEST(DutFaults, PortDisappearingMidRunIsInfrastructureFailure) {
    scratch_dir dir;
    own_simulator sim("pty");
    launched run(dir, ATHIL_EXE,
                 run_args(dir, {"--dut", "serial:" + sim.where, "--filter", "2.2,2.3"}));
    ASSERT_TRUE(wait_for_cases(dir, 3, start_bound)) << dir.output();
    sim.child.kill();
    expect_rig_failure_end(run, dir);
}

// A module behind a serial server restarts mid-run: the connection drops and a fresh module
// (factory boot, data mode) listens on the same port again. The harness does not pretend the
// session survived: exit 2.
TEST(DutFaults, SimulatorRestartedMidRunIsInfrastructureFailure) {
    scratch_dir dir;
    auto first = std::make_unique<own_simulator>("tcp:0");
    const auto port = first->where;
    launched run(dir, ATHIL_EXE,
                 run_args(dir, {"--dut", "tcp:127.0.0.1:" + port, "--filter", "2.2,2.3"}));
    ASSERT_TRUE(wait_for_cases(dir, 3, start_bound)) << dir.output();
    first->child.kill();
    first.reset();
    own_simulator second("tcp:" + port);
    expect_rig_failure_end(run, dir);
}

} // namespace
} // namespace athil::faults
