#include "harness/report/html_writer.hpp"

#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace {

using namespace athil::report;

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST(HtmlReport, EscapesEverythingFromTheRun) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const auto html = html_report(test::sample_run());
    EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(html.find("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"),
              std::string::npos);
    EXPECT_NE(html.find("V1.0.8 &lt;beta&gt;"), std::string::npos);
    EXPECT_EQ(html.find('\0'), std::string::npos);
    EXPECT_EQ(count(html, "<script>"), 1U); // only the page's own
}

TEST(HtmlReport, IsSelfContained) {
    auto html = html_report(test::sample_run());
    std::transform(html.begin(), html.end(), html.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto* remote : {"src=\"http", "href=\"http", "src=\"//", "href=\"//", "src='",
                               "href='", "@import", "url("}) {
        EXPECT_EQ(html.find(remote), std::string::npos) << remote;
    }
    EXPECT_NE(html.find("<style>"), std::string::npos);
}

TEST(HtmlReport, MatrixHasOneRowPerSectionAndOneCellPerCase) {
    const auto html = html_report(test::sample_run());
    EXPECT_EQ(count(html, "<tr class=\"row\""), 3U);
    EXPECT_EQ(count(html, "<a class=\"cell "), 6U);
    EXPECT_EQ(count(html, "<a class=\"cell failed\""), 1U);
    EXPECT_EQ(count(html, "<a class=\"cell known_deviation\""), 1U);
    EXPECT_EQ(count(html, "<option value=\"S"), 3U); // plus "all sections"
}

TEST(HtmlReport, CasesExpandToTheirEvidence) {
    const auto html = html_report(test::sample_run());
    EXPECT_EQ(count(html, "<details class=\"case "), 6U);
    const auto failed = html.find("data-name=\"S2_3_MQTTPUBTP.SetRejectsQos3\">");
    ASSERT_NE(failed, std::string::npos);
    const auto end = html.find("</details>", failed);
    const auto body = html.substr(failed, end - failed);
    EXPECT_NE(body.find("<pre class=\"transcript\">&gt; AT+MQTTPUBTP=1,1,&quot;t&quot;,3,0\n"),
              std::string::npos)
        << body;
    EXPECT_NE(body.find("<li><span class=\"t\">0.004</span>B-&gt;M CONNACK rc=0</li>"),
              std::string::npos)
        << body;
    EXPECT_NE(body.find("<pre class=\"broker-log\">"), std::string::npos);
}

TEST(HtmlReport, HeaderNamesTheDutAndTheVerdict) {
    const auto html = html_report(test::sample_run());
    EXPECT_NE(html.find("INFRASTRUCTURE ERRORS"), std::string::npos);
    EXPECT_NE(html.find("<td>868540051234567</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>1 min 23 s</td>"), std::string::npos);
    auto run = test::sample_run();
    run.cases.resize(1);
    EXPECT_NE(html_report(run).find(">CONFORMS<"), std::string::npos);
}

TEST(HtmlReport, TemplateSlotsAreAllFilled) {
    const auto html = html_report(test::sample_run());
    // An unfilled slot is '@', capitals or '_', '@'.
    for (auto at = html.find('@'); at != std::string::npos; at = html.find('@', at + 1)) {
        auto end = at + 1;
        while (end < html.size() &&
               (std::isupper(static_cast<unsigned char>(html[end])) != 0 || html[end] == '_')) {
            ++end;
        }
        EXPECT_FALSE(end > at + 1 && end < html.size() && html[end] == '@')
            << html.substr(at, end - at + 1);
    }
}

} // namespace
