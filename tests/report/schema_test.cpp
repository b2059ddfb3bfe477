// The JUnit writer's and the merger's output, checked by tools that are not ours: xmllint with
// the Jenkins xUnit schema (reports/schemas/junit-10.xsd, and ../shared/schemas when present)
// and python3-junitparser.
#include "harness/report/junit_merge.hpp"
#include "harness/report/junit_writer.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::report;

TEST(JunitSchema, SampleRunWithControlBytesValidates) {
    athil::test::scoped_temp_dir dir("athil-report-schema");
    const auto file = dir.path() / "junit.xml";
    write_junit(test::sample_run(), file);
    test::expect_junit_accepted(file, "suites=3 tests=6 failures=1 errors=1 skipped=2");
}

TEST(JunitSchema, ValidatesAgainstTheSharedCopyOfTheSchemaToo) {
    const std::filesystem::path shared = ATHIL_SHARED_JUNIT_XSD;
    if (!std::filesystem::exists(shared)) {
        GTEST_SKIP() << "no " << shared << " beside the source tree";
    }
    EXPECT_EQ(test::read_text(shared), test::read_text(ATHIL_JUNIT_XSD))
        << "reports/schemas/junit-10.xsd differs from the shared schema";
}

TEST(JunitSchema, MergedShardsValidate) {
    athil::test::scoped_temp_dir dir("athil-report-schema");
    const auto merged = dir.path() / "merged.xml";
    merge_junit(test::write_shards(dir.path(), 2), merged);
    test::expect_junit_accepted(merged, "suites=3 tests=6 failures=1 errors=1 skipped=2");
}

TEST(JunitSchema, ABrokenFileIsRejectedByTheValidator) {
    // The check can fail: a testcase attribute the schema does not allow is caught.
    athil::test::scoped_temp_dir dir("athil-report-schema");
    const auto file = dir.path() / "junit.xml";
    auto xml = junit_xml(test::sample_run());
    xml.replace(xml.find("<testcase name="), 15, "<testcase file=\"x\" name=");
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fwrite(xml.data(), 1, xml.size(), f);
    std::fclose(f);
    EXPECT_NE(test::validate_junit(file).exit_code, 0);
}

} // namespace
