// The CI examples under ci/examples/ parse (YAML through yaml-cpp, the Jenkinsfile's brackets
// balance), have the shape each engine needs (a matrix on rack runners, JUnit published, shards
// merged), and use only options the real athil accepts: every `--flag` on an `athil run` or
// `athil report merge` line must appear in that command's --help.

#include "athil_help.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;

namespace {

using athil::report::test::read_text;
using athil::test::flags_after;
using athil::test::help_of;

const fs::path examples = ATHIL_CI_EXAMPLES_DIR;

void expect_flags_known(const fs::path& file) {
    const std::string text = read_text(file);
    static const std::string run_help = help_of({"run"});
    static const std::string merge_help = help_of({"report", "merge"});
    const auto run_flags = flags_after(text, "athil run ");
    EXPECT_FALSE(run_flags.empty()) << file;
    for (const auto& f : run_flags) {
        EXPECT_NE(run_help.find(f + " "), std::string::npos) << file << ": athil run " << f;
    }
    for (const auto& f : flags_after(text, "athil report merge ")) {
        EXPECT_NE(merge_help.find(f), std::string::npos) << file << ": athil report merge " << f;
    }
    EXPECT_NE(text.find("athil report merge "), std::string::npos) << file;
}

bool any_script_has(const YAML::Node& lines, const std::string& what) {
    for (const auto& l : lines) {
        if (l.as<std::string>().find(what) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST(ci_examples, flags_are_checked_against_the_real_help) {
    // The check itself must be able to fail.
    EXPECT_EQ(flags_after("athil run --no-such-flag=1 --jobs 2", "athil run "),
              (std::vector<std::string>{"--no-such-flag", "--jobs"}));
    EXPECT_EQ(help_of({"run"}).find("--no-such-flag "), std::string::npos);
    EXPECT_NE(help_of({"run"}).find("--shard "), std::string::npos);
}

TEST(ci_examples, gitlab_runs_a_tagged_matrix_and_publishes_merged_junit) {
    const auto file = examples / "gitlab-ci.yml";
    const YAML::Node doc = YAML::LoadFile(file.string());
    bool sharded = false;
    bool merged = false;
    for (const auto& job : doc) {
        const YAML::Node body = job.second;
        if (!body.IsMap()) {
            continue;
        }
        if (body["parallel"] && body["parallel"]["matrix"]) {
            sharded = true;
            EXPECT_TRUE(body["parallel"]["matrix"].IsSequence());
            EXPECT_TRUE(body["tags"].IsSequence()) << "rack jobs must pick rack runners";
            EXPECT_TRUE(any_script_has(body["script"], "athil run "));
            EXPECT_TRUE(body["artifacts"]["paths"].IsSequence());
        }
        if (body["script"] && any_script_has(body["script"], "athil report merge ")) {
            merged = true;
            EXPECT_TRUE(body["artifacts"]["reports"]["junit"].IsDefined());
        }
    }
    EXPECT_TRUE(sharded);
    EXPECT_TRUE(merged);
    expect_flags_known(file);
}

TEST(ci_examples, github_runs_a_matrix_on_self_hosted_runners_and_publishes_junit) {
    const auto file = examples / "github-actions.yml";
    const YAML::Node doc = YAML::LoadFile(file.string());
    bool matrix = false;
    bool uploads = false;
    bool publishes = false;
    for (const auto& job : doc["jobs"]) {
        const YAML::Node body = job.second;
        if (body["strategy"] && body["strategy"]["matrix"]) {
            matrix = true;
            ASSERT_TRUE(body["runs-on"].IsSequence());
            EXPECT_EQ(body["runs-on"][0].as<std::string>(), "self-hosted");
        }
        for (const auto& step : body["steps"]) {
            const std::string uses = step["uses"] ? step["uses"].as<std::string>() : "";
            uploads = uploads || uses.rfind("actions/upload-artifact@", 0) == 0;
            publishes = publishes || uses.find("junit") != std::string::npos;
        }
    }
    EXPECT_TRUE(matrix);
    EXPECT_TRUE(uploads);
    EXPECT_TRUE(publishes);
    expect_flags_known(file);
}

TEST(ci_examples, jenkins_is_a_declarative_matrix_with_a_junit_step) {
    const auto file = examples / "Jenkinsfile";
    const std::string text = read_text(file);
    // Brackets balance outside quoted strings and comments: a cheap Groovy syntax check.
    std::vector<char> open;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == '\\') {
                ++i;
            } else if (c == quote) {
                quote = 0;
            }
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            i = text.find('\n', i);
            if (i == std::string::npos) {
                break;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '{' || c == '(' || c == '[') {
            open.push_back(c);
        } else if (c == '}' || c == ')' || c == ']') {
            const char want = c == '}' ? '{' : c == ')' ? '(' : '[';
            ASSERT_FALSE(open.empty()) << "unmatched " << c << " at offset " << i;
            ASSERT_EQ(open.back(), want) << "mismatched " << c << " at offset " << i;
            open.pop_back();
        }
    }
    EXPECT_EQ(quote, 0);
    EXPECT_TRUE(open.empty());
    for (const char* word : {"pipeline {", "matrix {", "axes {", "junit ", "agent {"}) {
        EXPECT_NE(text.find(word), std::string::npos) << word;
    }
    expect_flags_known(file);
}
