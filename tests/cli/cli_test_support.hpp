#pragma once
// Running the athil executable from a test: bounded, output captured, the exit code checked.

#include "report_test_support.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace athil::cli::test {

// athil ARGS..., run in `cwd` (via /bin/sh, so the default reports/ folder lands there).
inline report::test::tool_result run_athil(const std::vector<std::string>& args,
                                           const std::string& cwd = ".") {
    std::string line = "cd '" + cwd + "' && exec '" ATHIL_EXE "'";
    for (const auto& a : args) {
        line += " '" + a + "'"; // the tests' arguments hold no single quotes
    }
    return report::test::run_tool({"/bin/sh", "-c", line}, std::chrono::minutes(5));
}

// The case lines of `athil run --list`: "S2_2_MQTTCFG.QueryDefault  [2.2 M] ...".
inline std::vector<std::string> listed_cases(const std::string& output) {
    std::vector<std::string> cases;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind('S', 0) == 0 && line.find("  [") != std::string::npos) {
            cases.push_back(line.substr(0, line.find("  [")));
        }
    }
    return cases;
}

} // namespace athil::cli::test
