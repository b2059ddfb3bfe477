// The store on both backends: a run recorded and read back, recorded once only, listed newest
// first, the trend's failing streak, and one clear line (never a password) for a store that
// cannot be opened.
#include "harness/core/error.hpp"
#include "harness/history/history_store.hpp"
#include "harness/history/trend_page.hpp"
#include "store_backends.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace {

using namespace athil;
using history::history_store;
using report::case_status;
using test::make_run;

class store : public testing::TestWithParam<std::string> {
protected:
    test::store_location where_{GetParam()};
};

TEST_P(store, RecordsARunAndReadsItBack) {
    auto s = history_store::open(where_.location());
    auto run = make_run(0, {{"S2_2_MQTTCFG.QueryDefault", case_status::failed},
                            {"S2_2_MQTTCFG.SetKeepalive", case_status::flaky},
                            {"S2_19_SSLCRT.TestForm", case_status::known_deviation}});
    run.metadata.quirks = {"keepalive-default-30"};
    // make_run orders the cases by name: S2_19_SSLCRT first.
    run.cases[1].transcript = "> AT+S\n# restart after AT+S\n";
    const auto r = s.record(run, 1);
    EXPECT_TRUE(r.added);

    const auto rows = s.list();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].id, r.id);
    EXPECT_EQ(rows[0].exit_code, 1);
    EXPECT_EQ(rows[0].firmware, "FW-1");
    EXPECT_EQ(rows[0].quirks, "keepalive-default-30");
    EXPECT_EQ(rows[0].start_time, "2026-11-01T01:00:00Z");
    EXPECT_EQ(rows[0].counts.total, 3U);
    EXPECT_EQ(rows[0].counts.failed, 1U);
    EXPECT_EQ(rows[0].counts.flaky, 1U);
    EXPECT_EQ(rows[0].counts.known_deviations, 1U);

    const auto back = s.load(r.id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->metadata.serial_number, "SN-1");
    EXPECT_EQ(back->metadata.imei, "860000000000001");
    EXPECT_EQ(back->metadata.quirks, run.metadata.quirks);
    ASSERT_EQ(back->cases.size(), 3U);
    EXPECT_EQ(back->cases[1].full_name(), "S2_2_MQTTCFG.QueryDefault");
    EXPECT_EQ(back->cases[1].status, case_status::failed);
    EXPECT_EQ(back->cases[1].message, run.cases[1].message);
    EXPECT_FALSE(back->cases[1].message.empty());
    EXPECT_EQ(back->cases[1].duration, std::chrono::milliseconds(200));
    EXPECT_EQ(back->cases[2].retries, 1U);
    EXPECT_EQ(back->cases[0].deviation, "E.1");
    EXPECT_EQ(back->cases[0].status, case_status::known_deviation);
    EXPECT_FALSE(s.load(r.id + 100).has_value());
}

TEST_P(store, ARunRecordedTwiceIsStoredOnce) {
    auto s = history_store::open(where_.location());
    const auto run = make_run(0, {{"S1.A", case_status::passed}});
    const auto first = s.record(run, 0);
    const auto again = history_store::open(where_.location()).record(run, 0);
    EXPECT_FALSE(again.added);
    EXPECT_EQ(again.id, first.id);
    EXPECT_EQ(s.list().size(), 1U);
}

TEST_P(store, ListsNewestFirstUpToTheLimit) {
    auto s = history_store::open(where_.location());
    for (int night = 0; night < 4; ++night) {
        s.record(make_run(24 * night, {{"S1.A", case_status::passed}}), 0);
    }
    const auto rows = s.list(2);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].start_time, "2026-11-04T01:00:00Z");
    EXPECT_GT(rows[0].id, rows[1].id);
    EXPECT_EQ(s.list().size(), 4U);
}

TEST_P(store, TrendNamesTheRunWhereTheFailingStreakBegan) {
    auto s = history_store::open(where_.location());
    const std::vector<case_status> nights{case_status::failed, case_status::passed,
                                          case_status::failed, case_status::failed};
    std::int64_t streak = 0;
    for (std::size_t n = 0; n < nights.size(); ++n) {
        const auto r = s.record(make_run(24 * static_cast<int>(n),
                                         {{"S2_2_MQTTCFG.QueryDefault", nights[n]},
                                          {"S2_2_MQTTCFG.Flaps",
                                           n % 2 == 0 ? case_status::flaky : case_status::passed}}),
                                1);
        if (n == 2) {
            streak = r.id;
        }
    }
    const auto rows = s.trend_rows();
    ASSERT_EQ(rows.size(), 8U);
    EXPECT_EQ(rows[0].dut, "SN-1");
    const auto page = history::trend_html(rows, s.describe());
    EXPECT_NE(page.find("<td>S2_2_MQTTCFG.QueryDefault</td><td>SN-1</td><td>FW-1</td><td "
                        "class=\"n\">4</td>"),
              std::string::npos)
        << page;
    EXPECT_NE(page.find(">25%</td><td class=\"n\">0%</td><td>FAIL</td><td>run " +
                        std::to_string(streak) + " (2026-11-03T01:00:00Z)</td>"),
              std::string::npos)
        << page;
    // Flaps: passed every night, flaky on two of four.
    EXPECT_NE(page.find(">100%</td><td class=\"n\">50%</td>"), std::string::npos) << page;
    // One section, four nights: 50 %, 100 %, 50 %, 50 % (QueryDefault fails three of them).
    EXPECT_NE(page.find("<tr><th>S2_2_MQTTCFG</th><td class=\"n\" style=\"background:"),
              std::string::npos);
    EXPECT_NE(page.find("title=\"1 of 2\">50%</td>"), std::string::npos);
}

TEST_P(store, AStoreThatCannotBeOpenedIsOneClearLineWithoutItsPassword) {
    std::string bad;
    if (GetParam() == "postgresql") {
        bad = "postgresql://athil:s3cret-pass@127.0.0.1:1/none"; // nothing listens on port 1
    } else {
        const auto file = where_.dir() / "plain-file";
        std::ofstream(file) << "x";
        bad = (file / "history.sqlite").string(); // a folder that is a file
    }
    try {
        (void)history_store::open(bad);
        FAIL() << "opened " << bad;
    } catch (const athil_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        EXPECT_EQ(what.find("s3cret-pass"), std::string::npos) << what;
        EXPECT_NE(what.find("history store"), std::string::npos) << what;
    }
}

INSTANTIATE_TEST_SUITE_P(backends, store,
                         testing::Values(std::string("sqlite"), std::string("postgresql")),
                         [](const testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(history_location, PasswordsAreHiddenInEveryFormOfConnectionText) {
    EXPECT_EQ(history::without_password("postgresql://u:pw@h:5432/db"),
              "postgresql://u:******@h:5432/db");
    EXPECT_EQ(history::without_password("host=h password=pw dbname=d"),
              "host=h password=****** dbname=d");
    EXPECT_EQ(history::without_password("postgresql://u@h/db?password=pw&sslmode=require"),
              "postgresql://u@h/db?password=******&sslmode=require");
    EXPECT_TRUE(history::is_postgresql_location("postgres://h/db"));
    EXPECT_FALSE(history::is_postgresql_location("/var/lib/athil/history.sqlite"));
}

TEST(history_location, DefaultStoreIsUnderTheUsersDataFolder) {
    ::setenv("XDG_DATA_HOME", "/data/me", 1);
    EXPECT_EQ(history::default_store_path(), "/data/me/athil/history.sqlite");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/me", 1);
    EXPECT_EQ(history::default_store_path(), "/home/me/.local/share/athil/history.sqlite");
}

} // namespace
