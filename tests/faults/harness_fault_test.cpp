// Faults on the harness's own side of `athil run`: a broker of the section-3 rig crashing
// mid-run, the report folder on a full disk, a stop signal mid-run. A crashed broker and a full
// disk are rig failures (exit 2, never a verdict against the module). A first SIGINT, SIGTERM,
// SIGHUP or SIGQUIT stops the run gracefully: exit 2 and all three reports, marked
// interrupted; a second signal ends it by that signal, with junit.xml and results.json
// ("complete": false) of the finished cases still valid.

#include "fixtures/broker/broker.hpp"
#include "fixtures/broker/broker_config.hpp"
#include "harness/run/run_folder.hpp"
#include "tests/faults/fault_case.hpp"

#include <csignal>
#include <cstring>

namespace athil::faults {
namespace {

TEST(HarnessFaults, BrokerCrashIsNoticedByTheBrokerFixture) {
    auto folder = run::run_folder::temporary("athil-fault-broker");
    fixtures::broker b(fixtures::plain_anonymous("plain"), folder);
    ASSERT_TRUE(b.pid().has_value());
    EXPECT_FALSE(b.crashed());
    ::kill(*b.pid(), SIGKILL); // from outside, as a crash is
    const auto until = clock_type::now() + 10s;
    while (!b.crashed() && clock_type::now() < until) {
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(b.crashed());
    b.restart();
    EXPECT_FALSE(b.crashed());
    b.kill(); // on purpose: stopped, not crashed
    EXPECT_FALSE(b.crashed());
}

// Every mosquitto of the rig killed while section-3 cases run: the cases cannot judge the
// module any more, so the run is a rig failure, not a list of failures against the module.
TEST(HarnessFaults, BrokerCrashMidRunIsInfrastructureFailure) {
    scratch_dir dir;
    launched run(dir, ATHIL_EXE, run_args(dir, {"--filter", "3.1.1,3.1.2"}));
    ASSERT_TRUE(wait_for_process(dir.marker(), "mosquitto", start_bound)) << dir.output();
    ASSERT_TRUE(wait_for_cases(dir, 1, start_bound)) << dir.output();
    for (const auto& p : processes_of(dir.marker())) {
        if (p.find("mosquitto") != std::string::npos) {
            ::kill(std::stoi(p.substr(0, p.find(':'))), SIGKILL);
        }
    }
    expect_exit(run.wait(run_bound), 2, dir);
    const auto results = expect_complete_reports(dir);
    EXPECT_EQ(results.value("complete", false), true) << "the run ended and finished its reports";
    EXPECT_GT(results.at("counts").value("errors", 0), 0) << dir.output();
    EXPECT_NE(dir.output().find("broker (mosquitto) died"), std::string::npos) << dir.output();
    expect_nothing_left(dir);
}

// Writes to the report folder fail (RLIMIT_FSIZE, SIGXFSZ ignored: EFBIG as on a full disk).
// The limit lets the small early junit.xml through and stops the larger later reports.
constexpr rlim_t small_disk = 12 * 1024;

void run_on_small_disk(const scratch_dir& dir) {
    auto options = run_args(dir, {"--filter", "2.2"});
    options.file_size_limit = small_disk;
    launched run(dir, ATHIL_EXE, options);
    expect_exit(run.wait(run_bound), 2, dir);
}

TEST(HarnessFaults, FullDiskForReportsIsInfrastructureFailure) {
    scratch_dir dir;
    run_on_small_disk(dir);
    // A clear error naming the file in the report folder and the reason.
    const auto out = dir.output();
    EXPECT_NE(out.find("cannot write " + dir.reports().string()), std::string::npos) << out;
    EXPECT_NE(out.find("File too large"), std::string::npos) << out;
    // What is there is whole: junit.xml, when present, is a valid earlier version.
    if (std::filesystem::exists(dir.reports() / "junit.xml")) {
        const auto junit = check_junit(dir.reports() / "junit.xml");
        EXPECT_TRUE(junit.valid) << junit.diagnostics;
    }
    std::string why;
    if (std::filesystem::exists(dir.reports() / "results.json")) {
        EXPECT_TRUE(load_results(dir.reports() / "results.json", why)) << why;
    }
    expect_nothing_left(dir);
}

// A write that fails part-way removes its "<name>.tmp": only whole reports stay.
TEST(HarnessFaults, FullDiskLeavesNoHalfWrittenFile) {
    scratch_dir dir;
    run_on_small_disk(dir);
    EXPECT_TRUE(half_written_files(dir.reports()).empty())
        << testing::PrintToString(folder_entries(dir.reports()));
}

// A run with the rig (brokers, taps) and the simulator up and three cases finished, given
// `signals` one right after the other; its wait status, or nothing when it never got that far
// or did not stop within the bound.
std::optional<int> signalled_mid_run(const scratch_dir& dir, std::initializer_list<int> signals) {
    launched run(dir, ATHIL_EXE, run_args(dir, {"--filter", "2.2,2.3,2.20"}));
    if (!wait_for_process(dir.marker(), "mosquitto", start_bound) ||
        !wait_for_cases(dir, 3, start_bound)) {
        ADD_FAILURE() << "the run did not reach its fourth case\n" << dir.output();
        return std::nullopt;
    }
    for (const int sig : signals) {
        run.signal(sig);
    }
    const auto status = run.wait(stop_bound);
    EXPECT_TRUE(status.has_value()) << "the run did not stop";
    return status;
}

// junit.xml valid with the finished cases, results.json readable, no half-written file.
std::optional<nlohmann::json> expect_finished_cases_reported(const scratch_dir& dir) {
    const auto junit = check_junit(dir.reports() / "junit.xml");
    EXPECT_TRUE(junit.valid) << junit.diagnostics;
    EXPECT_GE(junit.cases, 3u) << "the finished cases are in junit.xml";
    EXPECT_TRUE(half_written_files(dir.reports()).empty())
        << testing::PrintToString(folder_entries(dir.reports()));
    std::string why;
    auto results = load_results(dir.reports() / "results.json", why);
    EXPECT_TRUE(results.has_value()) << why;
    return results;
}

class signal_mid_run : public testing::TestWithParam<int> {};

TEST_P(signal_mid_run, EndsWithThreeReportsMarkedInterruptedAndNothingLeft) {
    scratch_dir dir;
    const auto status = signalled_mid_run(dir, {GetParam()});
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2) << describe_status(*status) << "\n"
                                                                 << dir.output();
    const auto results = expect_finished_cases_reported(dir);
    ASSERT_TRUE(results.has_value());
    EXPECT_EQ(results->value("complete", false), true) << "the reports were finished";
    EXPECT_EQ(results->at("metadata").at("outcome"), "interrupted");
    EXPECT_GE(results->at("counts").at("errors").get<int>(), 1) << "the Run.Interrupted case";
    EXPECT_NE(read_file(dir.reports() / "report.html").find("INTERRUPTED"), std::string::npos);
    EXPECT_NE(read_file(dir.reports() / "junit.xml").find("Interrupted"), std::string::npos);
    expect_nothing_left(dir);
}

INSTANTIATE_TEST_SUITE_P(HarnessFaults, signal_mid_run,
                         testing::Values(SIGINT, SIGTERM, SIGHUP, SIGQUIT),
                         [](const testing::TestParamInfo<int>& p) {
                             return std::string(sigabbrev_np(p.param));
                         });

// A second signal does not wait for the reports: the run ends by it at once, and what it wrote
// after each case (junit.xml, results.json with "complete": false) stays valid. Two different
// signals, since a second SIGTERM sent while the first is still pending would merge with it.
TEST(HarnessFaults, SecondSignalEndsTheRunAtOnceWithValidPartialReports) {
    scratch_dir dir;
    const auto status = signalled_mid_run(dir, {SIGINT, SIGTERM});
    ASSERT_TRUE(status.has_value());
    // Threads may take the two signals in either order: the one handled second ends the run,
    // by its own signal, never through the graceful exit 2.
    const auto died_by = [&](int sig) {
        return (WIFSIGNALED(*status) && WTERMSIG(*status) == sig) ||
               (WIFEXITED(*status) && WEXITSTATUS(*status) == 128 + sig);
    };
    EXPECT_TRUE(died_by(SIGINT) || died_by(SIGTERM)) << describe_status(*status) << "\n"
                                                     << dir.output();
    const auto results = expect_finished_cases_reported(dir);
    ASSERT_TRUE(results.has_value());
    EXPECT_EQ(results->value("complete", true), false) << "an interrupted run is marked so";
    expect_nothing_left(dir);
}

} // namespace
} // namespace athil::faults
