#pragma once
// What documentation and CI examples are checked against: the real athil's --help, and the
// `--flags` a written command line uses. Shared by the CI-examples and docs-commands tests.

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"
#include "report_test_support.hpp"

#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace athil::test {

// `athil <args> --help`, as text.
inline std::string help_of(std::vector<std::string> args) {
    namespace fs = std::filesystem;
    const auto out = fs::temp_directory_path() /
                     ("athil-help-" + std::to_string(std::random_device{}()) + ".txt");
    args.insert(args.begin(), ATHIL_EXE);
    args.emplace_back("--help");
    auto c = process::child::spawn({.argv = args, .stdout_path = out, .stderr_path = out});
    c.wait(deadline_in(std::chrono::seconds(30)));
    std::string text = report::test::read_text(out);
    fs::remove(out);
    return text;
}

// The `--flags` written after `command` on each line of `text` holding it.
inline std::vector<std::string> flags_after(const std::string& text, const std::string& command) {
    std::vector<std::string> flags;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto at = line.find(command);
        if (at == std::string::npos) {
            continue;
        }
        std::istringstream words(line.substr(at + command.size()));
        for (std::string w; words >> w;) {
            if (w.rfind("--", 0) == 0) {
                flags.push_back(w.substr(0, w.find_first_of("=\"'")));
            }
        }
    }
    return flags;
}

} // namespace athil::test
