// The athil commands the documentation shows (code blocks of README.md and docs/*.md) work with
// the athil they describe: a path to the binary is where the build puts it; a command that needs
// no module (list, version, --help, a run of the simulator, as --list) runs and exits 0; any
// other uses only options its command's --help lists.

#include "athil_help.hpp"
#include "harness/core/command_line.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using athil::test::help_of;

struct doc_command {
    std::string where; // "README.md:52"
    std::vector<std::string> words;
};

// Shell words of a documented line, up to a shell operator or comment.
std::vector<std::string> shell_words(const std::string& line) {
    auto out = athil::core::shell_split(line);
    static const std::vector<std::string> operators{"#", "&", "&&", "|", ";", ">", "2>", "<"};
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (std::find(operators.begin(), operators.end(), out[i]) != operators.end()) {
            out.resize(i);
            break;
        }
    }
    return out;
}

bool names_athil(const std::string& word) {
    return word == "athil" || word.ends_with("/athil");
}

// Every line of a fenced code block whose first word is athil (or a path to it).
std::vector<doc_command> commands_in(const fs::path& file) {
    std::vector<doc_command> out;
    std::ifstream in(file);
    bool in_block = false;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.rfind("```", 0) == 0) {
            in_block = !in_block;
            continue;
        }
        // Only a command line of athil: other code blocks hold YAML, udev rules and prose.
        std::istringstream first(line);
        std::string head;
        first >> head;
        if (!in_block || !names_athil(head)) {
            continue;
        }
        auto words = shell_words(line.substr(0, line.find(" #")));
        if (!words.empty()) {
            out.push_back({file.filename().string() + ":" + std::to_string(number), words});
        }
    }
    return out;
}

std::vector<doc_command> documented_commands() {
    const fs::path source = ATHIL_SOURCE_DIR;
    auto all = commands_in(source / "README.md");
    for (const auto& e : fs::directory_iterator(source / "docs")) {
        if (e.path().extension() == ".md") {
            auto more = commands_in(e.path());
            all.insert(all.end(), more.begin(), more.end());
        }
    }
    return all;
}

bool has(const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Commands that need no module and no rack: run them (a run only as its --list).
bool runnable_here(const std::vector<std::string>& args) {
    if (args.empty() || has(args, "...")) {
        return false;
    }
    const auto& sub = args.front();
    if (sub == "list" || sub == "version" || sub == "--version" || args.back() == "--help") {
        return true;
    }
    return sub == "run" && !has(args, "--inventory") &&
           std::none_of(args.begin(), args.end(),
                        [](const std::string& a) { return a.rfind("--dut", 0) == 0; });
}

int exit_code_of(std::vector<std::string> args) {
    args.insert(args.begin(), ATHIL_EXE);
    const auto r = athil::report::test::run_tool(args, std::chrono::seconds(60));
    return r.exit_code;
}

TEST(docs_commands, DocumentedCommandsRunOrUseKnownOptions) {
    const auto commands = documented_commands();
    ASSERT_GE(commands.size(), 6U) << "the README shows athil commands";
    const std::string built = ATHIL_EXE;
    std::size_t ran = 0;
    for (const auto& c : commands) {
        const auto& athil = c.words.front();
        if (athil != "athil") {
            // A path into a build tree: the build puts the program there.
            const auto suffix = athil.substr(athil.find("/harness/"));
            EXPECT_TRUE(built.ends_with(suffix)) << c.where << ": " << athil << " vs " << built;
        }
        std::vector<std::string> args(c.words.begin() + 1, c.words.end());
        if (runnable_here(args)) {
            if (args.front() == "run" && !has(args, "--list") && !has(args, "--help")) {
                args.emplace_back("--list");
            }
            EXPECT_EQ(exit_code_of(args), 0) << c.where;
            ++ran;
            continue;
        }
        std::vector<std::string> command;
        for (const auto& a : args) {
            if (a.rfind("-", 0) == 0 || a == "...") {
                break;
            }
            command.push_back(a);
            // `report` and `rack` have commands of their own (report merge, rack status).
            if (command.size() == 2 || (a != "report" && a != "rack")) {
                break;
            }
        }
        const auto help = help_of(command);
        for (const auto& a : args) {
            if (a.rfind("--", 0) == 0) {
                const auto flag = a.substr(0, a.find('='));
                EXPECT_NE(help.find(flag), std::string::npos) << c.where << ": " << flag;
            }
        }
    }
    EXPECT_GE(ran, 2U) << "some documented commands run here";
}

// The check can fail: a flag no command has, a binary path the build does not use.
TEST(docs_commands, CheckCanFail) {
    EXPECT_EQ(help_of({"run"}).find("--no-such-option"), std::string::npos);
    EXPECT_EQ(shell_words("athil run --filter '2.2, 2.7' > out & sleep 1"),
              (std::vector<std::string>{"athil", "run", "--filter", "2.2, 2.7"}));
    EXPECT_NE(exit_code_of({"run", "--filter", "9.9", "--list"}), 0);
}

} // namespace
