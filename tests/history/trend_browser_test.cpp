// The trend page in a real browser (headless Chromium): it renders both tables from the store,
// and a #q= link keeps only the matching case rows. A screenshot is kept in the build tree
// (report-artifacts/trend.png).
#include "harness/history/history_store.hpp"
#include "harness/history/trend_page.hpp"
#include "report_test_support.hpp"
#include "store_backends.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace {

using namespace athil;
using report::case_status;

class trend_browser : public testing::Test {
protected:
    void SetUp() override {
        if (!std::filesystem::exists("/usr/bin/chromium")) {
            GTEST_SKIP() << "chromium is not installed (ci/install-deps.sh installs it)";
        }
        auto s = history::history_store::open((dir_.path() / "h.sqlite").string());
        for (int n = 0; n < 5; ++n) {
            s.record(test::make_run(24 * n,
                                    {{"S2_2_MQTTCFG.QueryDefault",
                                      n < 3 ? case_status::passed : case_status::failed},
                                     {"S2_19_SSLCRT.TestForm", case_status::passed},
                                     {"S3_1_CONNECT.Keepalive",
                                      n == 1 ? case_status::flaky : case_status::passed}},
                                    n < 3 ? "FW-1" : "FW-2"),
                     0);
        }
        std::ofstream(page_) << history::trend_html(s.trend_rows(), s.describe());
    }

    std::vector<std::string> chromium(const std::string& fragment) const {
        auto argv = report::test::headless_chromium(dir_.path() / "profile", 1280, 900);
        argv.push_back("file://" + page_.string() + fragment);
        return argv;
    }

    std::string dom(const std::string& fragment) const {
        auto argv = chromium(fragment);
        argv.insert(argv.end() - 1, "--dump-dom");
        const auto r = report::test::run_tool(argv, std::chrono::seconds(90));
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return r.output;
    }

    test::scoped_temp_dir dir_{"athil-trend-browser"};
    std::filesystem::path page_ = dir_.path() / "trend.html";
};

// The rows of the cases table that the page shows (not hidden).
std::size_t visible_rows(const std::string& dom) {
    const auto body = dom.find("<tbody>", dom.find("id=\"cases\""));
    const auto end = dom.find("</tbody>", body);
    std::size_t n = 0;
    for (auto at = dom.find("<tr", body); at < end; at = dom.find("<tr", at + 1)) {
        const auto tag = dom.substr(at, dom.find('>', at) - at);
        n += tag.find("hidden") == std::string::npos ? 1U : 0U;
    }
    return n;
}

TEST_F(trend_browser, RendersEveryCaseAndTheNightsMatrix) {
    const auto d = dom("");
    // QueryDefault on two firmwares, and two more cases on FW-1 and FW-2 each.
    EXPECT_EQ(visible_rows(d), 6U) << d.substr(0, 3000);
    EXPECT_NE(d.find("id=\"shown\">6 shown<"), std::string::npos);
    EXPECT_NE(d.find("<th class=\"night\">2026-11-05</th>"), std::string::npos);
    const auto shot = report::test::run_tool(
        [&] {
            auto argv = chromium("");
            argv.insert(argv.end() - 1, "--screenshot=" + (dir_.path() / "trend.png").string());
            return argv;
        }(),
        std::chrono::seconds(90));
    EXPECT_EQ(shot.exit_code, 0) << shot.output;
    std::filesystem::create_directories(ATHIL_ARTIFACT_DIR);
    std::filesystem::copy_file(dir_.path() / "trend.png",
                               std::filesystem::path(ATHIL_ARTIFACT_DIR) / "trend.png",
                               std::filesystem::copy_options::overwrite_existing);
}

TEST_F(trend_browser, AFilterLinkKeepsTheMatchingRows) {
    const auto d = dom("#q=QueryDefault");
    EXPECT_EQ(visible_rows(d), 2U) << d.substr(0, 3000);
    EXPECT_NE(d.find("id=\"shown\">2 shown<"), std::string::npos);
    const auto fw = dom("#q=FW-2");
    EXPECT_EQ(visible_rows(fw), 3U);
}

} // namespace
