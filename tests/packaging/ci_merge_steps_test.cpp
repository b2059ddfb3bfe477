// The merge steps of the CI examples under ci/examples/, executed as written: each example's
// `athil report merge ...` line runs through sh in a fresh workspace that holds two real shard
// outputs (out/rack-a, out/rack-b from `athil run --shard`), with `athil` on PATH as the rack
// host has it. The merged JUnit file must exist and hold every case of both shards.

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path examples = ATHIL_CI_EXAMPLES_DIR;

using athil::report::test::read_text;

struct outcome {
    int exit_code = -1;
    std::string output;
};

outcome run_in(const fs::path& cwd, std::vector<std::string> argv, const fs::path& bin) {
    const auto log = cwd / "step.log";
    auto c = athil::process::child::spawn(
        {.argv = std::move(argv),
         .cwd = cwd,
         .stdout_path = log,
         .stderr_path = log,
         .env = {{"PATH", bin.string() + ":/usr/bin:/bin:/usr/sbin:/sbin"}}});
    c.wait(athil::deadline_in(120s));
    outcome o{c.exit_code().value_or(-1), read_text(log)};
    fs::remove(log);
    return o;
}

// The `athil report merge` commands of a CI file, as a shell would run them: from the command
// to the end of its line, without the closing quote of a Jenkins `sh '...'` step.
std::vector<std::string> merge_lines(const fs::path& file) {
    std::vector<std::string> out;
    std::istringstream lines(read_text(file));
    for (std::string line; std::getline(lines, line);) {
        const auto at = line.find("athil report merge ");
        if (at == std::string::npos || line.find_first_not_of(" ") == line.find('#')) {
            continue;
        }
        auto command = line.substr(at);
        if (line.rfind("sh '", at) != std::string::npos && command.ends_with("'")) {
            command.pop_back();
        }
        out.push_back(command);
    }
    return out;
}

std::size_t testcases_in(const fs::path& junit) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_file(junit.c_str())) << junit;
    return doc.select_nodes("//testcase").size();
}

class ci_merge_steps : public testing::Test {
protected:
    // Two shards of one clause, run once for every example: real reports of real runs.
    static void SetUpTestSuite() {
        root_ = fs::temp_directory_path() /
                ("athil-ci-merge-" + std::to_string(std::random_device{}()));
        fs::create_directories(root_ / "bin");
        fs::create_symlink(ATHIL_EXE, root_ / "bin" / "athil");
        for (const auto& [rack, shard] : {std::pair{"rack-a", "1/2"}, {"rack-b", "2/2"}}) {
            const auto r =
                run_in(root_,
                       {(root_ / "bin/athil").string(), "run", "--filter", "2.2", "--shard", shard,
                        "--report-dir", "shards/out/" + std::string(rack)},
                       root_ / "bin");
            ASSERT_EQ(r.exit_code, 0) << r.output;
            shard_cases_ += testcases_in(root_ / "shards/out" / rack / "junit.xml");
        }
    }
    static void TearDownTestSuite() { fs::remove_all(root_); }

    // A fresh workspace per step: out/ as the conformance jobs left it, no merged/ folder.
    static fs::path workspace(const std::string& name) {
        const auto w = root_ / name;
        fs::create_directories(w);
        fs::copy(root_ / "shards/out", w / "out", fs::copy_options::recursive);
        return w;
    }

    void expect_merge_steps_run(const std::string& example) {
        const auto steps = merge_lines(examples / example);
        ASSERT_FALSE(steps.empty()) << example << " has no athil report merge step";
        for (const auto& step : steps) {
            const auto w = workspace(example);
            ASSERT_FALSE(fs::exists(w / "merged"));
            const auto r = run_in(w, {"/bin/sh", "-c", step}, root_ / "bin");
            EXPECT_EQ(r.exit_code, 0) << example << ": " << step << "\n" << r.output;
            EXPECT_EQ(testcases_in(w / "merged/junit.xml"), shard_cases_) << example;
        }
    }

    static inline fs::path root_;
    static inline std::size_t shard_cases_ = 0;
};

TEST_F(ci_merge_steps, shards_hold_cases) {
    EXPECT_GE(shard_cases_, 2U);
}

TEST_F(ci_merge_steps, gitlab) {
    expect_merge_steps_run("gitlab-ci.yml");
}

TEST_F(ci_merge_steps, github_actions) {
    expect_merge_steps_run("github-actions.yml");
}

TEST_F(ci_merge_steps, jenkins) {
    expect_merge_steps_run("Jenkinsfile");
}

// A file named twice would count its cases twice: refused, and nothing written.
TEST_F(ci_merge_steps, a_file_given_twice_is_refused) {
    const auto w = workspace("twice");
    const auto r =
        run_in(w,
               {(root_ / "bin/athil").string(), "report", "merge", "out/rack-a/junit.xml",
                "./out/rack-a/junit.xml", "-o", "merged/junit.xml"},
               root_ / "bin");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("given twice"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(w / "merged/junit.xml"));
}

// The shards' results.json merged on the model: the three reports of one run, every case of
// both shards once, with the earlier shard's start time.
TEST_F(ci_merge_steps, results_json_parts_merge_into_three_reports) {
    const auto w = workspace("model");
    const auto r = run_in(w,
                          {(root_ / "bin/athil").string(), "report", "merge",
                           "out/rack-a/results.json", "out/rack-b/results.json", "-o", "merged"},
                          root_ / "bin");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(testcases_in(w / "merged/junit.xml"), shard_cases_);
    EXPECT_TRUE(fs::exists(w / "merged/report.html"));
    const auto merged = read_text(w / "merged/results.json");
    EXPECT_NE(merged.find("\"start_time\": \"20"), std::string::npos) << "not 1970";
    EXPECT_EQ(merged.find("1970-01-01"), std::string::npos);
    // Each part keeps its identity and a link to its own report.
    EXPECT_NE(merged.find("\"label\": \"out/rack-b/results.json\""), std::string::npos) << merged;
    EXPECT_NE(read_text(w / "merged/report.html")
                  .find("<a href=\"../out/rack-a/report.html\">out/rack-a/results.json</a>"),
              std::string::npos);
    // The same part twice: its cases would count twice.
    const auto twice = run_in(w,
                              {(root_ / "bin/athil").string(), "report", "merge",
                               "out/rack-a/results.json", "out/rack-a/results.json", "-o", "again"},
                              root_ / "bin");
    EXPECT_EQ(twice.exit_code, 2) << twice.output;
    EXPECT_FALSE(fs::exists(w / "again/results.json"));
}

} // namespace
