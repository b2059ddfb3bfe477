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
    // A failure is open from the start, a pass is not; each case's anchor is its name.
    const auto failed =
        html.find("id=\"case-S2_3_MQTTPUBTP.SetRejectsQos3\" data-status=\"failed\" "
                  "data-section=\"S2_3_MQTTPUBTP\" "
                  "data-name=\"S2_3_MQTTPUBTP.SetRejectsQos3\" open>");
    ASSERT_NE(failed, std::string::npos) << html;
    EXPECT_NE(html.find("data-name=\"S2_2_MQTTCFG.QueryDefault\">"), std::string::npos);
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

TEST(HtmlReport, TimelineRowsCarryTheirSourceAndTimeFromTheCaseStart) {
    auto run = test::sample_run();
    auto& c = run.cases.front();
    c.started_at = std::chrono::microseconds(1'000'000);
    c.timeline = {
        {std::chrono::microseconds(1'000'000), timeline_source::serial, "tx", "AT+S<CR>", {}},
        {std::chrono::microseconds(1'250'000),
         timeline_source::wire,
         "packet",
         "c0 to_broker PUBLISH qos=1 topic=<a&b>",
         {{"type", "PUBLISH"}, {"qos", "1"}}},
        {std::chrono::microseconds(1'260'000),
         timeline_source::broker,
         "log",
         "Received PUBLISH",
         {{"broker", "plain"}}},
    };
    const auto html = html_report(run);
    const auto at = html.find("<table class=\"timeline\">");
    ASSERT_NE(at, std::string::npos);
    const auto table = html.substr(at, html.find("</table>", at) - at);
    EXPECT_NE(table.find("<tr class=\"src-serial\"><td class=\"t\">+0.000s</td>"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("<tr class=\"src-wire\" title=\"type: PUBLISH\nqos: 1\"><td "
                         "class=\"t\">+0.250s</td>"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("topic=&lt;a&amp;b&gt;"), std::string::npos) << table; // escaped
    EXPECT_NE(table.find("<tr class=\"src-broker\""), std::string::npos);
}
