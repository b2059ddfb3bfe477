// Runs merged on the model: every case once, rig errors of each part kept, the earliest start,
// and a part that did not complete makes the whole incomplete.
#include "harness/core/error.hpp"
#include "harness/report/run_merge.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::report;
using namespace std::chrono_literals;

case_result make_case(std::string name, case_status status) {
    case_result c;
    c.section = status == case_status::error ? "Run" : "S2_2_MQTTCFG";
    c.name = std::move(name);
    c.status = status;
    return c;
}

run_result part(std::vector<case_result> cases, std::chrono::system_clock::time_point start) {
    run_result r;
    r.metadata.start_time = start;
    r.metadata.duration = 10s;
    r.cases = std::move(cases);
    return r;
}

TEST(RunMerge, EveryCaseOnceEarliestStartAndTheWallTime) {
    const auto t0 = std::chrono::system_clock::from_time_t(1'800'000'000);
    const auto merged = merge_runs({part({make_case("A", case_status::passed)}, t0 + 5s),
                                    part({make_case("B", case_status::failed)}, t0)},
                                   3s);
    ASSERT_EQ(merged.cases.size(), 2U);
    EXPECT_EQ(merged.metadata.start_time, t0);
    EXPECT_EQ(merged.metadata.duration, 3s);
    EXPECT_EQ(merge_runs({part({}, t0), part({}, t0)}, 0s).metadata.duration, 20s);
}

TEST(RunMerge, AJudgedCaseInTwoPartsIsRefusedARigErrorIsKept) {
    const auto t0 = std::chrono::system_clock::now();
    EXPECT_THROW(merge_runs({part({make_case("A", case_status::passed)}, t0),
                             part({make_case("A", case_status::passed)}, t0)},
                            0s),
                 athil::athil_error);
    const auto merged = merge_runs({part({make_case("Interrupted", case_status::error)}, t0),
                                    part({make_case("Interrupted", case_status::error)}, t0)},
                                   0s);
    EXPECT_EQ(merged.cases.size(), 2U);
    // --repeat: one part may run a case several times.
    EXPECT_EQ(
        merge_runs(
            {part({make_case("A", case_status::passed), make_case("A", case_status::passed)}, t0)},
            0s)
            .cases.size(),
        2U);
}

TEST(RunMerge, AnIncompletePartMakesTheWholeIncomplete) {
    const auto t0 = std::chrono::system_clock::now();
    auto stopped = part({make_case("B", case_status::passed)}, t0);
    stopped.metadata.outcome = run_outcome::interrupted;
    stopped.metadata.outcome_reason = "stopped by TERM";
    const auto merged = merge_runs({part({make_case("A", case_status::passed)}, t0), stopped}, 0s);
    EXPECT_EQ(merged.metadata.outcome, run_outcome::interrupted);
    EXPECT_EQ(merged.metadata.outcome_reason, "part 2: stopped by TERM");
}

} // namespace
