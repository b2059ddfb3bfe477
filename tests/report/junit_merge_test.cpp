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

namespace {

// Two DUTs of a rack, each with its own report: suites and classnames carry the DUT id, every
// suite names its DUT first among its properties, counts cover both.
TEST(JunitMerge, RackKeepsEachDutsSuitesApartWithItsId) {
    auto a = test::sample_run();
    a.metadata.model = "WH-GM5";
    auto b = test::sample_run();
    b.metadata.model = "WH-GM800";
    b.cases.resize(2);
    const auto merged = merge_dut_junit_text({{"rack-a", junit_xml(a)}, {"rack-b", junit_xml(b)}});
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(merged.c_str()));
    const auto root = doc.child("testsuites");
    EXPECT_EQ(root.attribute("tests").as_int(), static_cast<int>(a.cases.size() + 2));
    std::size_t suites_a = 0;
    std::size_t suites_b = 0;
    for (auto suite : root.children("testsuite")) {
        const std::string name = suite.attribute("name").value();
        const auto id = name.substr(0, name.find('.'));
        ASSERT_TRUE(id == "rack-a" || id == "rack-b") << name;
        (id == "rack-a" ? suites_a : suites_b) += 1;
        const auto first = suite.child("properties").first_child();
        EXPECT_STREQ(first.attribute("name").value(), "dut.id");
        EXPECT_EQ(first.attribute("value").value(), id);
        const auto model = suite.child("properties")
                               .find_child_by_attribute("property", "name", "dut.model")
                               .attribute("value")
                               .value();
        EXPECT_EQ(std::string(model), id == "rack-a" ? "WH-GM5" : "WH-GM800") << name;
        for (auto c : suite.children("testcase")) {
            EXPECT_EQ(std::string(c.attribute("classname").value()).rfind(id + ".", 0), 0U);
        }
    }
    EXPECT_EQ(suites_a, group_by_section(a).size());
    EXPECT_EQ(suites_b, group_by_section(b).size());
}

TEST(JunitMerge, RackMergeValidatesAgainstTheSchema) {
    athil::test::scoped_temp_dir dir{"athil-report-rack-merge"};
    const auto file = dir.path() / "rack.xml";
    write_file_atomically(file, merge_dut_junit_text({{"a", junit_xml(test::sample_run())},
                                                      {"b", junit_xml(test::sample_run())}}));
    const auto valid = test::validate_junit(file);
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
}

TEST(JunitMerge, RackMergeNamesTheDutOfABadDocument) {
    try {
        (void)merge_dut_junit_text({{"rack-c", "<html>"}});
        FAIL() << "no error";
    } catch (const athil::athil_error& e) {
        EXPECT_NE(std::string(e.what()).find("rack-c"), std::string::npos) << e.what();
    }
}

} // namespace
