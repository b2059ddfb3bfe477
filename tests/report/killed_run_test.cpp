// A run killed with SIGKILL at any moment must leave a well-formed, schema-valid junit.xml of
// the cases it finished: the file is replaced atomically after every case.
#include "harness/process/child_process.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <thread>

namespace {

using namespace athil::report;

std::size_t finished_cases(const std::filesystem::path& junit) {
    pugi::xml_document doc;
    if (!doc.load_file(junit.c_str())) {
        return 0;
    }
    std::size_t n = 0;
    for (auto suite : doc.child("testsuites").children("testsuite")) {
        for ([[maybe_unused]] auto c : suite.children("testcase")) {
            ++n;
        }
    }
    return n;
}

class killed_run : public testing::TestWithParam<std::size_t> {};

TEST_P(killed_run, LeavesValidJunitOfWhatFinished) {
    const std::size_t kill_after = GetParam();
    athil::test::scoped_temp_dir dir("athil-report-kill");
    const auto junit = dir.path() / "junit.xml";
    auto child =
        athil::process::child::spawn({.argv = {ATHIL_SAMPLE_RUN, "--dir", dir.path().string(),
                                               "--fillers", "150", "--filler-ms", "5"},
                                      .stdout_path = dir.path() / "output.txt",
                                      .stderr_path = dir.path() / "output.txt"});
    const auto limit = athil::deadline_in(std::chrono::seconds(60));
    while (finished_cases(junit) < kill_after && child.running() &&
           athil::steady_clock::now() < limit) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_TRUE(child.running()) << "the run ended before it could be killed: "
                                 << test::read_text(dir.path() / "output.txt");
    child.kill();
    EXPECT_EQ(child.exit_code(), 128 + SIGKILL);

    const auto finished = finished_cases(junit);
    EXPECT_GE(finished, kill_after);
    EXPECT_LT(finished, 156U);
    const auto valid = test::validate_junit(junit);
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    const auto consumer = test::consume_junit(junit);
    EXPECT_EQ(consumer.exit_code, 0) << consumer.output;
    EXPECT_NE(consumer.output.find(" tests=" + std::to_string(finished) + " "), std::string::npos)
        << consumer.output;
}

INSTANTIATE_TEST_SUITE_P(AtSeveralPoints, killed_run, testing::Values(1U, 40U, 110U));

} // namespace
