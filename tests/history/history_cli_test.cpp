// athil run --history, athil history and athil report diff as a user runs them, on both
// backends: the acceptance runs (clause 2.2 faithful, then with a wrong keepalive default),
// writers in several processes at once, files imported and compared, bad input.
#include "harness/report/json_writer.hpp"
#include "report_test_support.hpp"
#include "store_backends.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <fstream>

#include <csignal>

#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace athil;
using report::case_status;
using report::test::read_text;
using report::test::run_tool;
using test::make_run;

// Each test's DUT locks in its own folder: the two backends' runs of one test use the same DUT
// ids and may run at the same time.
report::test::tool_result athil_cmd(const std::vector<std::string>& args,
                                    const std::filesystem::path& cwd) {
    std::vector<std::string> argv{"/bin/sh", "-c",
                                  "cd \"$0\" && ATHIL_LOCK_DIR=\"$0/locks\" exec \"$@\"",
                                  cwd.string(), ATHIL_EXE};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_tool(argv, std::chrono::minutes(5));
}

class history_cli : public testing::TestWithParam<std::string> {
protected:
    report::test::tool_result athil(std::vector<std::string> args) {
        return athil_cmd(args, where_.dir());
    }
    std::filesystem::path write_run(const std::string& name, const report::run_result& run) {
        const auto file = where_.dir() / name;
        report::write_results_json(run, file);
        return file;
    }
    const std::string& store() const { return where_.location(); }

    test::store_location where_{GetParam()};
};

TEST_P(history_cli, RecordedRunsOfAWrongKeepaliveDefaultDiffAsRegressionsAndBackAsFixed) {
    const auto faithful =
        athil({"run", "--filter", "2.2", "--report-dir", "faithful", "--history", store()});
    ASSERT_EQ(faithful.exit_code, 0) << faithful.output;
    EXPECT_NE(faithful.output.find("recorded as run 1 in"), std::string::npos) << faithful.output;
    const auto wrong = athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                              "--report-dir", "wrong", "--history", store()});
    ASSERT_EQ(wrong.exit_code, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("recorded as run 2 in"), std::string::npos) << wrong.output;

    const auto list = athil({"history", "list", "--history", store()});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("quirks keepalive-default-30; 16 passed, 2 failed"),
              std::string::npos)
        << list.output;
    EXPECT_NE(list.output.find("; 18 passed, 0 failed"), std::string::npos) << list.output;

    const auto forward = athil({"report", "diff", "1", "2", "--history", store(), "--json",
                                "out/diff.json", "--html", "out/diff.html"});
    EXPECT_EQ(forward.exit_code, 1) << forward.output;
    EXPECT_NE(forward.output.find("new failures (2):\n  S2_2_MQTTCFG.QueryDefault  passed -> "
                                  "failed"),
              std::string::npos)
        << forward.output;
    EXPECT_NE(forward.output.find("quirks: (none) -> keepalive-default-30"), std::string::npos);
    const auto doc = nlohmann::json::parse(read_text(where_.dir() / "out/diff.json"));
    EXPECT_TRUE(doc["regressed"].get<bool>());
    ASSERT_EQ(doc["new_failures"].size(), 2U);
    EXPECT_EQ(doc["new_failures"][1]["name"], "S2_2_MQTTCFG.ZDiscardsUnsaved");
    EXPECT_NE(read_text(where_.dir() / "out/diff.html").find("NEW regressed: 2 new failures"),
              std::string::npos);

    const auto back = athil({"report", "diff", "2", "1", "--history", store()});
    EXPECT_EQ(back.exit_code, 0) << back.output;
    EXPECT_NE(back.output.find("fixed (2):"), std::string::npos) << back.output;
    EXPECT_EQ(back.output.find("new failures ("), std::string::npos) << back.output;

    // The same comparison from the two report folders' results.json.
    const auto files = athil({"report", "diff", "faithful/results.json", "wrong/results.json"});
    EXPECT_EQ(files.exit_code, 1) << files.output;

    const auto show = athil({"history", "show", "2", "--history", store()});
    ASSERT_EQ(show.exit_code, 0) << show.output;
    EXPECT_NE(show.output.find("FAIL      S2_2_MQTTCFG.QueryDefault"), std::string::npos)
        << show.output;
    EXPECT_NE(show.output.find("quirks keepalive-default-30"), std::string::npos);
}

// Also: a password in a PostgreSQL URL (the test server trusts any) is in no report and no
// output; the recorded command line shows ****** in its place.
TEST_P(history_cli, ARunStoppedByMaxfailIsRecordedWithItsOutcome) {
    auto location = store();
    if (const auto at = location.find("athil@"); at != std::string::npos) {
        location.replace(at, 6, "athil:pw-never-shown@");
    }
    const auto run = athil({"run", "--filter", "2.2", "--quirk", "keepalive-default-30",
                            "--maxfail", "1", "--report-dir", "r", "--history", location});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    const auto list = athil({"history", "list", "--history", location});
    EXPECT_NE(list.output.find("  1     stopped  "), std::string::npos) << list.output;
    const auto show = athil({"history", "show", "1", "--history", location});
    for (const auto& text :
         {run.output, list.output, show.output, read_text(where_.dir() / "r/results.json"),
          read_text(where_.dir() / "r/report.html"), read_text(where_.dir() / "r/junit.xml")}) {
        EXPECT_EQ(text.find("pw-never-shown"), std::string::npos) << text.substr(0, 3000);
    }
    EXPECT_NE(show.output.find("--history"), std::string::npos) << show.output;
}

// --jobs: the workers do not record; the merged run is recorded once.
TEST_P(history_cli, AParallelRunIsRecordedOnceMerged) {
    const auto run = athil(
        {"run", "--jobs", "2", "--filter", "2.2", "--report-dir", "jobs", "--history", store()});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto list = athil({"history", "list", "--history", store()});
    EXPECT_NE(list.output.find("    1  "), std::string::npos) << list.output;
    EXPECT_EQ(list.output.find("    2  "), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("; 18 passed, 0 failed"), std::string::npos) << list.output;
    // The merged report is the parent's command, with each worker as a part linking its report.
    const auto doc = nlohmann::json::parse(read_text(where_.dir() / "jobs/results.json"));
    const auto& m = doc["metadata"];
    EXPECT_NE(m["command_line"].get<std::string>().find("--jobs 2"), std::string::npos) << m;
    ASSERT_EQ(m["parts"].size(), 2U) << m;
    EXPECT_EQ(m["parts"][1]["label"], "shard 2/2");
    EXPECT_EQ(m["parts"][1]["report"], "workers/2/report.html");
    EXPECT_TRUE(std::filesystem::exists(where_.dir() / "jobs/workers/2/report.html"));
}

// A rack of two simulated DUTs: one run per DUT, each with the DUT's own serial number.
TEST_P(history_cli, ARackRunIsRecordedPerDutWithItsIdentity) {
    std::ofstream(where_.dir() / "rack.yaml") << "inventory_version: 1\nduts:\n"
                                                 "  - id: sim-a\n    link: sim\n"
                                                 "  - id: sim-b\n    link: sim\n"
                                                 "    quirks: [keepalive-default-30]\n";
    const auto run = athil({"run", "--inventory", "rack.yaml", "--filter", "2.2", "--report-dir",
                            "rack", "--history", store()});
    ASSERT_EQ(run.exit_code, 1) << run.output;
    const auto list = athil({"history", "list", "--history", store()});
    EXPECT_NE(list.output.find("SN 02400122052700000001; 18 passed, 0 failed"), std::string::npos)
        << list.output;
    EXPECT_NE(list.output.find("SN 02400122052700000002 quirks keepalive-default-30; 16 passed, "
                               "2 failed"),
              std::string::npos)
        << list.output;
    EXPECT_EQ(list.output.find("    3  "), std::string::npos) << list.output;
    // The merged report keeps each DUT's identity and links to its own report.
    const auto page = read_text(where_.dir() / "rack/report.html");
    EXPECT_NE(page.find("<a href=\"duts/sim-b/report.html\">DUT sim-b</a></td><td>sim</td><td>"),
              std::string::npos)
        << page.substr(0, 4000);
    EXPECT_NE(page.find("<td>02400122052700000002</td>"), std::string::npos);
    const auto d = athil({"report", "diff", "1", "2", "--history", store()});
    EXPECT_EQ(d.exit_code, 1) << d.output;
    EXPECT_NE(d.output.find("serial number: 02400122052700000001 -> 02400122052700000002"),
              std::string::npos)
        << d.output;
}

// Ctrl-C mid-run: the run ends its reports marked interrupted, and the history has it so, with
// exit code 2.
TEST_P(history_cli, AnInterruptedRunIsRecordedInterrupted) {
    process::spawn_options o;
    o.argv = {ATHIL_EXE,   "run",          "--filter",
              "2.3,2.4",   "--report-dir", (where_.dir() / "r").string(),
              "--history", store()};
    o.capture_stdout = true;
    auto run = process::child::spawn(o);
    const auto until = deadline_in(std::chrono::seconds(120));
    std::string seen;
    while (seen.find("] PASS") == std::string::npos) {
        const auto line = run.read_stdout_line(until);
        ASSERT_TRUE(line.has_value()) << "the run ended before its first case: " << seen;
        seen += *line + "\n";
    }
    ::kill(run.pid(), SIGINT);
    while (const auto line = run.read_stdout_line(deadline_in(std::chrono::seconds(60)))) {
        seen += *line + "\n";
    }
    const auto code = run.wait(deadline_in(std::chrono::seconds(30)));
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 2) << seen;
    EXPECT_NE(seen.find("recorded as run 1"), std::string::npos) << seen;
    const auto list = athil({"history", "list", "--history", store()});
    EXPECT_NE(list.output.find("  2     interrupted"), std::string::npos) << list.output;
}

// Six processes, each recording five runs, all at once: every run is there, each once.
TEST_P(history_cli, WritersInSeveralProcessesAtOnceLoseNothing) {
    constexpr int writers = 6;
    constexpr int runs_each = 5;
    std::vector<std::vector<std::string>> commands;
    for (int w = 0; w < writers; ++w) {
        std::vector<std::string> args{"/bin/sh",
                                      "-c",
                                      "cd \"$0\" && exec \"$@\"",
                                      where_.dir().string(),
                                      ATHIL_EXE,
                                      "history",
                                      "import",
                                      "--history",
                                      store()};
        for (int r = 0; r < runs_each; ++r) {
            const auto name = "w" + std::to_string(w) + "r" + std::to_string(r) + ".json";
            args.push_back(write_run(name, make_run(w * 100 + r, {{"S1.A", case_status::passed},
                                                                  {"S1.B", case_status::failed},
                                                                  {"S2.C", case_status::passed}}))
                               .string());
        }
        commands.push_back(std::move(args));
    }
    std::vector<pid_t> pids;
    for (auto& c : commands) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            std::vector<char*> argv;
            for (auto& a : c) {
                argv.push_back(a.data());
            }
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        pids.push_back(pid);
    }
    for (const auto pid : pids) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    }
    const auto list = athil({"history", "list", "--limit", "0", "--history", store()});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    std::size_t rows = 0;
    for (auto at = list.output.find("; 2 passed, 1 failed"); at != std::string::npos;
         at = list.output.find("; 2 passed, 1 failed", at + 1)) {
        ++rows;
    }
    EXPECT_EQ(rows, static_cast<std::size_t>(writers * runs_each)) << list.output;
    const auto show =
        athil({"history", "show", std::to_string(writers * runs_each), "--history", store()});
    EXPECT_NE(show.output.find("3 cases: 2 passed, 1 failed"), std::string::npos) << show.output;
}

TEST_P(history_cli, ImportedFilesAreRecordedOnceAndComparedWithEveryCategory) {
    auto old_run = make_run(0, {{"S1.Breaks", case_status::passed},
                                {"S1.Heals", case_status::failed},
                                {"S1.Stays", case_status::failed},
                                {"S1.Flakes", case_status::passed},
                                {"S1.Goes", case_status::passed},
                                {"S2.Deviates", case_status::failed},
                                {"S2.Slows", case_status::passed}});
    auto new_run = make_run(24,
                            {{"S1.Breaks", case_status::failed},
                             {"S1.Heals", case_status::passed},
                             {"S1.Stays", case_status::failed},
                             {"S1.Flakes", case_status::flaky},
                             {"S1.Comes", case_status::passed},
                             {"S2.Deviates", case_status::known_deviation},
                             {"S2.Slows", case_status::passed}},
                            "FW-2");
    new_run.metadata.profile = "errata-firmware";
    new_run.cases.back().duration = std::chrono::milliseconds(900);
    const auto a = write_run("old.json", old_run);
    const auto b = write_run("new.json", new_run);

    const auto import = athil({"history", "import", "--history", store(), a, b, a});
    ASSERT_EQ(import.exit_code, 0) << import.output;
    EXPECT_NE(import.output.find("old.json: already recorded as run 1"), std::string::npos)
        << import.output;

    const auto d = athil({"report", "diff", "1", "2", "--history", store(), "--json", "d.json"});
    EXPECT_EQ(d.exit_code, 1) << d.output;
    const auto doc = nlohmann::json::parse(read_text(where_.dir() / "d.json"));
    const auto names = [&](const char* key) {
        std::vector<std::string> out;
        for (const auto& c : doc[key]) {
            out.push_back(c["name"].get<std::string>());
        }
        return out;
    };
    using v = std::vector<std::string>;
    EXPECT_EQ(names("new_failures"), v{"S1.Breaks"});
    EXPECT_EQ(names("fixed"), (v{"S1.Heals", "S2.Deviates"}));
    EXPECT_EQ(names("still_failing"), v{"S1.Stays"});
    EXPECT_EQ(names("newly_flaky"), v{"S1.Flakes"});
    EXPECT_EQ(names("added"), v{"S1.Comes"});
    EXPECT_EQ(names("removed"), v{"S1.Goes"});
    EXPECT_EQ(names("deviation_changes"), v{"S2.Deviates"});
    EXPECT_EQ(names("slower"), v{"S2.Slows"});
    EXPECT_NE(d.output.find("firmware: FW-1 -> FW-2"), std::string::npos) << d.output;
    EXPECT_NE(d.output.find("profile: reference -> errata-firmware"), std::string::npos);

    // A larger threshold hides the slower case.
    athil({"report", "diff", a, b, "--duration-change", "5", "--json", "e.json"});
    EXPECT_TRUE(nlohmann::json::parse(read_text(where_.dir() / "e.json"))["slower"].empty());
}

TEST_P(history_cli, BadInputIsExitCodeTwoWithOneLine) {
    const auto missing = athil({"report", "diff", "nope.json", "7", "--history", store()});
    EXPECT_EQ(missing.exit_code, 2) << missing.output;
    EXPECT_NE(missing.output.find("nope.json is neither a results.json file nor a run number"),
              std::string::npos)
        << missing.output;
    const auto no_run = athil({"report", "diff", "1", "2", "--history", store()});
    EXPECT_EQ(no_run.exit_code, 2) << no_run.output;
    EXPECT_NE(no_run.output.find("no run 1 in"), std::string::npos) << no_run.output;
    const auto show = athil({"history", "show", "9", "--history", store()});
    EXPECT_EQ(show.exit_code, 2) << show.output;
    std::ofstream(where_.dir() / "junk.json") << "{\"not\": \"results\"}";
    const auto junk = athil({"history", "import", "--history", store(), "junk.json"});
    EXPECT_EQ(junk.exit_code, 2) << junk.output;
}

INSTANTIATE_TEST_SUITE_P(backends, history_cli,
                         testing::Values(std::string("sqlite"), std::string("postgresql")),
                         [](const testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(history_cli_store, AnUnusableStoreStopsTheRunBeforeAnyCase) {
    test::scoped_temp_dir dir;
    const auto run = athil_cmd({"run", "--filter", "2.2", "--report-dir", "r", "--history",
                                "postgresql://athil:pw-x@127.0.0.1:1/none"},
                               dir.path());
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("cannot connect to the history store "
                              "postgresql://athil:******@127.0.0.1:1/none"),
              std::string::npos)
        << run.output;
    EXPECT_EQ(run.output.find("pw-x"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "r"));
}

} // namespace
