#include "harness/report/junit_merge.hpp"

#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"
#include "harness/report/junit_writer.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

namespace {

using namespace athil::report;

// Shard 1 ran the first three cases, shard 2 the rest: S2_3_MQTTPUBTP is in both.
struct shards {
    athil::test::scoped_temp_dir dir{"athil-report-merge"};
    std::filesystem::path one = dir.path() / "one.xml";
    std::filesystem::path two = dir.path() / "two.xml";

    shards() {
        auto first = test::sample_run();
        auto second = first;
        first.cases.resize(3);
        second.cases.erase(second.cases.begin(), second.cases.begin() + 3);
        second.cases.push_back(test::sample_run().cases[1]);
        second.cases.back().name = "SetRejectsQos4";
        write_junit(first, one);
        write_junit(second, two);
    }
};

TEST(JunitMerge, JoinsSectionsAndRecomputesCounts) {
    shards s;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(merge_junit_text({s.one, s.two}).c_str()));
    const auto root = doc.child("testsuites");
    EXPECT_STREQ(root.attribute("tests").value(), "7");
    EXPECT_STREQ(root.attribute("failures").value(), "2");
    EXPECT_STREQ(root.attribute("errors").value(), "1");
    std::size_t suites = 0;
    for ([[maybe_unused]] auto suite : root.children("testsuite")) {
        ++suites;
    }
    EXPECT_EQ(suites, 3U);
    const auto pubtp = root.find_child_by_attribute("testsuite", "name", "S2_3_MQTTPUBTP");
    EXPECT_STREQ(pubtp.attribute("tests").value(), "3");
    EXPECT_STREQ(pubtp.attribute("failures").value(), "2");
    EXPECT_STREQ(pubtp.attribute("time").value(), "0.080");
    EXPECT_TRUE(pubtp.find_child_by_attribute("testcase", "name", "SetRejectsQos4"));
    EXPECT_TRUE(pubtp.child("properties"));
}

TEST(JunitMerge, NamesTheFileThatIsNotJunit) {
    athil::test::scoped_temp_dir dir("athil-report-merge");
    const auto bad = dir.path() / "bad.xml";
    write_file_atomically(bad, "<testsuites><testsuite name=\"x\"");
    try {
        (void)merge_junit_text({bad});
        FAIL() << "accepted broken XML";
    } catch (const athil::athil_error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.xml"), std::string::npos) << e.what();
        EXPECT_EQ(e.code(), athil::errc::bad_input);
    }
    write_file_atomically(bad, "<html/>");
    EXPECT_THROW((void)merge_junit_text({bad}), athil::athil_error);
    EXPECT_THROW((void)merge_junit_text({dir.path() / "missing.xml"}), athil::athil_error);
}

TEST(AtomicFile, ReplacesWholeAndLeavesNoTemporary) {
    athil::test::scoped_temp_dir dir("athil-report-atomic");
    const auto file = dir.path() / "junit.xml";
    write_file_atomically(file, "first");
    write_file_atomically(file, "second");
    EXPECT_EQ(test::read_text(file), "second");
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "junit.xml.tmp"));
    EXPECT_THROW(write_file_atomically(dir.path() / "no" / "such" / "x.xml", "x"),
                 athil::athil_error);
}

} // namespace
