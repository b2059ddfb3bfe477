// Pieces of parallel runs that need no process: argument forwarding and exit-code folding.
#include "harness/runner/rack/rack_worker.hpp"
#include "harness/runner/rack/worker_args.hpp"
#include "harness/runner/rack/worker_pool.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace athil::runner::rack {
namespace {

TEST(WorkerArgs, ParentOptionsAreDroppedInBothForms) {
    const std::vector<std::string> args{
        "--filter", "2.2",     "--jobs",     "4", "--report-dir=out",
        "--quirk",  "no-echo", "--tags=a,b", "-v"};
    EXPECT_EQ(without_options(args, {"--jobs", "--report-dir", "--tags"}),
              (std::vector<std::string>{"--filter", "2.2", "--quirk", "no-echo", "-v"}));
    EXPECT_EQ(without_options(args, {}), args);
}

TEST(WorkerArgs, WorkerJoinsStderrAndRunsThisProgram) {
    const auto argv = worker_command({"--filter", "2.2"});
    ASSERT_GE(argv.size(), 8U);
    EXPECT_EQ(argv[0], "/bin/sh");
    EXPECT_EQ(argv[2], "exec \"$@\" 2>&1");
    EXPECT_TRUE(std::filesystem::equivalent(argv[4], "/proc/self/exe"));
    EXPECT_EQ(argv[5], "run");
    EXPECT_EQ(argv.back(), "2.2");
}

TEST(WorstExitCode, RigBeatsNonconformanceBeatsPass) {
    EXPECT_EQ(worst_exit_code({}), 0);
    EXPECT_EQ(worst_exit_code({0, 0}), 0);
    EXPECT_EQ(worst_exit_code({0, 1, 0}), 1);
    EXPECT_EQ(worst_exit_code({1, 2, 0}), 2);
    EXPECT_EQ(worst_exit_code({0, 139}), 2); // a crash is never a pass
    EXPECT_EQ(worst_exit_code({-1}), 2);
}

// Two simulated DUTs of one rack are two modules: their serial numbers differ, and one that
// sim_args set is kept.
TEST(RackDut, SimulatedDutsOfOneRackGetDistinctSerialNumbers) {
    test::scoped_temp_dir dir;
    const auto rack = dir.path() / "rack.yaml";
    std::ofstream(rack) << "inventory_version: 1\nduts:\n"
                           "  - id: a\n    link: sim\n"
                           "  - id: b\n    link: sim\n"
                           "  - id: c\n    link: sim\n    sim_args: [\"--sn=FIXED\"]\n";
    const auto sn_of = [&](const std::string& id) {
        run_options o;
        o.inventory = rack;
        o.rack_dut = id;
        apply_rack_dut(o);
        std::vector<std::string> sns;
        for (const auto& a : o.sim_args) {
            if (a.starts_with("--sn")) {
                sns.push_back(a);
            }
        }
        return sns;
    };
    EXPECT_EQ(sn_of("a"), std::vector<std::string>{"--sn=02400122052700000001"});
    EXPECT_EQ(sn_of("b"), std::vector<std::string>{"--sn=02400122052700000002"});
    EXPECT_EQ(sn_of("c"), std::vector<std::string>{"--sn=FIXED"});
}

} // namespace
} // namespace athil::runner::rack
