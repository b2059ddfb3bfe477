// The HTML report in a real browser (headless Chromium): the page renders, the filters work,
// a deep link opens a failed case's transcript. A screenshot is kept in the build tree
// (report-artifacts/report.png) for CI to publish.
#include "harness/report/html_writer.hpp"
#include "report_test_support.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

namespace {

using namespace athil::report;

class browser : public testing::Test {
protected:
    void SetUp() override {
        if (!std::filesystem::exists("/usr/bin/chromium")) {
            GTEST_SKIP() << "chromium is not installed (ci/install-deps.sh installs it)";
        }
        write_html_report(test::sample_run(), page_);
    }

    std::vector<std::string> chromium(const std::string& fragment) const {
        auto argv = test::headless_chromium(dir_.path() / "profile", 1280, 1000);
        argv.push_back("file://" + page_.string() + fragment);
        return argv;
    }

    // The DOM after the page's script ran; Chromium's own log lines go to the same text but
    // never contain markup.
    std::string dom(const std::string& fragment) const {
        auto argv = chromium(fragment);
        argv.insert(argv.end() - 1, "--dump-dom");
        const auto r = test::run_tool(argv, std::chrono::seconds(90));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return r.output;
    }

    // The opening tag of the case element with this data-name.
    static std::string case_tag(const std::string& dom, const std::string& name) {
        const auto key = "data-name=\"" + name + "\"";
        for (auto at = dom.find("<details"); at != std::string::npos;
             at = dom.find("<details", at + 1)) {
            const auto tag = dom.substr(at, dom.find('>', at) - at + 1);
            if (tag.find(key) != std::string::npos) {
                return tag;
            }
        }
        return {};
    }

    athil::test::scoped_temp_dir dir_{"athil-report-browser"};
    std::filesystem::path page_ = dir_.path() / "report.html";
};

TEST_F(browser, FailedFilterHidesPassesAndDeepLinkOpensTheFailure) {
    const auto d = dom("#filter=failed&case=S2_3_MQTTPUBTP.SetRejectsQos3");
    const auto failed = case_tag(d, "S2_3_MQTTPUBTP.SetRejectsQos3");
    ASSERT_FALSE(failed.empty()) << d.substr(0, 2000);
    EXPECT_NE(failed.find("open=\"\""), std::string::npos) << failed;
    EXPECT_EQ(failed.find("hidden"), std::string::npos) << failed;
    EXPECT_NE(case_tag(d, "S2_2_MQTTCFG.QueryDefault").find("hidden=\"\""), std::string::npos);
    EXPECT_NE(case_tag(d, "S2_19_SSLCRT.TestForm").find("hidden=\"\""), std::string::npos);
    EXPECT_EQ(case_tag(d, "S2_3_MQTTPUBTP.PersistsAcrossRestart").find("hidden"),
              std::string::npos);
    EXPECT_NE(d.find("id=\"shown\">2 shown<"), std::string::npos);
    // The opened case's transcript is in the page, escaped.
    EXPECT_NE(d.find("<pre class=\"transcript\">&gt; AT+MQTTPUBTP=1,1,\"t\",3,0"),
              std::string::npos);
}

TEST_F(browser, SectionFilterKeepsOneSection) {
    const auto d = dom("#filter=deviations&section=S2_19_SSLCRT");
    EXPECT_EQ(case_tag(d, "S2_19_SSLCRT.TestForm").find("hidden"), std::string::npos);
    EXPECT_NE(case_tag(d, "S2_19_SSLCRT.LoadsCa").find("hidden=\"\""), std::string::npos);
    EXPECT_NE(case_tag(d, "S2_3_MQTTPUBTP.SetRejectsQos3").find("hidden=\"\""), std::string::npos);
    EXPECT_NE(d.find("id=\"shown\">1 shown<"), std::string::npos);
    EXPECT_NE(d.find(R"(<tr class="row" data-section="S2_2_MQTTCFG" hidden="")"),
              std::string::npos);
}

TEST_F(browser, ScreenshotIsKeptAsAnArtifact) {
    std::filesystem::create_directories(ATHIL_ARTIFACT_DIR);
    const auto png = std::filesystem::path(ATHIL_ARTIFACT_DIR) / "report.png";
    std::filesystem::remove(png);
    auto argv = chromium("#filter=failed");
    argv.insert(argv.end() - 1, "--screenshot=" + png.string());
    const auto r = test::run_tool(argv, std::chrono::seconds(90));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    ASSERT_TRUE(std::filesystem::exists(png)) << r.output;
    EXPECT_EQ(test::read_text(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
    EXPECT_GT(std::filesystem::file_size(png), 10'000U); // a blank page compresses far smaller
}

} // namespace
