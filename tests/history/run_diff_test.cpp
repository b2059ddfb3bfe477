// The comparison of two runs on the model alone: what counts as a regression, repeated cases,
// the duration threshold and its floor, identity changes, the three renderings.
#include "harness/history/run_diff.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil;
using report::case_status;

report::case_result make_case(const std::string& name, case_status s, long ms = 100) {
    report::case_result c;
    c.section = "S2_2_MQTTCFG";
    c.name = name;
    c.status = s;
    c.duration = std::chrono::milliseconds(ms);
    return c;
}

report::run_result run_of(std::vector<report::case_result> cases) {
    report::run_result r;
    r.metadata.firmware = "FW-1";
    r.cases = std::move(cases);
    return r;
}

TEST(run_diff, AFailingCaseThatPassedBeforeIsARegressionAndAnErrorIsToo) {
    const auto d = history::diff_runs(
        run_of({make_case("A", case_status::passed), make_case("B", case_status::skipped)}),
        run_of({make_case("A", case_status::error), make_case("B", case_status::failed)}));
    ASSERT_EQ(d.new_failures.size(), 2U);
    EXPECT_TRUE(d.regressed());
    EXPECT_EQ(d.compared, 2U);
}

TEST(run_diff, NothingChangedIsNoRegression) {
    const auto r =
        run_of({make_case("A", case_status::passed), make_case("B", case_status::known_deviation)});
    const auto d = history::diff_runs(r, r);
    EXPECT_FALSE(d.regressed());
    EXPECT_TRUE(d.identity.empty());
    EXPECT_TRUE(d.deviation_changes.empty());
    EXPECT_TRUE(d.slower.empty());
}

TEST(run_diff, ANewRunThatStoppedShortRegressedEvenWithoutAFailure) {
    auto stopped = run_of({make_case("A", case_status::passed)});
    stopped.metadata.outcome = report::run_outcome::interrupted;
    const auto d = history::diff_runs(
        run_of({make_case("A", case_status::passed), make_case("B", case_status::passed)}),
        stopped);
    EXPECT_TRUE(d.new_incomplete);
    EXPECT_TRUE(d.regressed());
    ASSERT_EQ(d.removed.size(), 1U);
    ASSERT_EQ(d.identity.size(), 1U);
    EXPECT_EQ(d.identity[0].field, "outcome");
}

TEST(run_diff, ACaseThatBothPassedAndFailedInOneRunIsFlakyThere) {
    const auto d = history::diff_runs(
        run_of({make_case("A", case_status::passed)}),
        run_of({make_case("A", case_status::passed), make_case("A", case_status::failed)}));
    EXPECT_FALSE(d.regressed());
    ASSERT_EQ(d.newly_flaky.size(), 1U);
    EXPECT_EQ(d.compared, 1U);
}

TEST(run_diff, DurationChangesNeedBothTheShareAndTheFloor) {
    const auto d = history::diff_runs(run_of({make_case("Short", case_status::passed, 10),
                                              make_case("Long", case_status::passed, 1000),
                                              make_case("Steady", case_status::passed, 1000)}),
                                      run_of({make_case("Short", case_status::passed, 90),
                                              make_case("Long", case_status::passed, 300),
                                              make_case("Steady", case_status::passed, 1400)}));
    EXPECT_TRUE(d.slower.empty()); // 10 -> 90 ms: 9 times, but under the 100 ms floor
    ASSERT_EQ(d.faster.size(), 1U);
    EXPECT_EQ(d.faster[0].name, "S2_2_MQTTCFG.Long");
}

TEST(run_diff, RenderingsAgreeOnTheVerdictAndEscapeMarkup) {
    auto old_run = run_of({make_case("A", case_status::passed)});
    auto new_run = run_of({make_case("A", case_status::failed)});
    new_run.cases[0].message = "got <b>&</b>";
    new_run.metadata.firmware = "FW-2";
    auto d = history::diff_runs(old_run, new_run);
    d.old_label = "old.json";
    d.new_label = "new.json";
    std::ostringstream text;
    history::print_diff(d, text);
    EXPECT_NE(text.str().find("firmware: FW-1 -> FW-2"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("NEW regressed: 1 new failures"), std::string::npos);
    const auto json = history::diff_json(d);
    EXPECT_TRUE(json["regressed"].get<bool>());
    EXPECT_EQ(json["identity"][0]["new"], "FW-2");
    const auto html = history::diff_html(d);
    EXPECT_NE(html.find("got &lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos) << html;
    EXPECT_EQ(html.find("<b>&</b>"), std::string::npos);
}

} // namespace
