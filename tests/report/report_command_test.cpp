#include "harness/runner/report_command.hpp"

#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>

namespace {

using namespace athil::report;

void parse(CLI::App& app, std::vector<std::string> args) {
    std::reverse(args.begin(), args.end()); // CLI11 takes the arguments last-first
    app.parse(args);
}

TEST(ReportCommand, MergeWritesTheJoinedFile) {
    athil::test::scoped_temp_dir dir("athil-report-cli");
    const auto shards = test::write_shards(dir.path(), 4);
    const auto out = dir.path() / "merged.xml";
    CLI::App app;
    add_report_command(app);
    parse(app, {"report", "merge", shards[0].string(), shards[1].string(), "-o", out.string()});
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(out.c_str()));
    EXPECT_STREQ(doc.child("testsuites").attribute("tests").value(), "6");
}

TEST(ReportCommand, BrokenInputExitsWithTwo) {
    athil::test::scoped_temp_dir dir("athil-report-cli");
    const auto bad = dir.path() / "bad.xml";
    std::FILE* f = std::fopen(bad.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("<testsuites>", f);
    std::fclose(f);
    CLI::App app;
    add_report_command(app);
    try {
        parse(app, {"report", "merge", bad.string(), "-o", (dir.path() / "m.xml").string()});
        FAIL() << "merged a broken file";
    } catch (const CLI::RuntimeError& e) {
        EXPECT_EQ(e.get_exit_code(), 2);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "m.xml"));
}

TEST(ReportCommand, MergeNeedsAnOutput) {
    CLI::App app;
    add_report_command(app);
    EXPECT_THROW(parse(app, {"report", "merge", "/etc/hostname"}), CLI::RequiredError);
}

} // namespace
