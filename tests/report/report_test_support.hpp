#pragma once
// Shared by the report tests: a run model with one case of every verdict (and the bytes that
// break naive XML/HTML writers), and a bounded way to run a helper program.

#include "harness/report/run_model.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::report::test {

// Six cases in three sections: passed, failed, known deviation, skipped, error, and a passed
// case whose transcript holds NUL, ESC, invalid UTF-8 and markup.
run_result sample_run();

// sample_run() split after `first_cases` cases into two shard files in `dir`, as two
// `athil run --shard` jobs would leave them: {dir/a.xml, dir/b.xml}.
std::vector<std::filesystem::path> write_shards(const std::filesystem::path& dir,
                                                std::size_t first_cases);

struct tool_result {
    int exit_code = -1; // 128 + signal when killed
    std::string output; // stdout and stderr together
};

// Runs argv[0] with the arguments, at most `limit`; a program still running then is killed and
// the test fails.
tool_result run_tool(const std::vector<std::string>& argv,
                     std::chrono::milliseconds limit = std::chrono::seconds(60));

// xmllint --noout --schema reports/schemas/junit-10.xsd FILE: the exit code and messages.
tool_result validate_junit(const std::filesystem::path& file);

// tests/report/junit_consumer.py under Debian's python3 with junitparser: its summary line
// "suites=N tests=N failures=N errors=N skipped=N".
tool_result consume_junit(const std::filesystem::path& file);

// Both checks at once: the file validates against the schema, and the consumer reads it with the
// summary line `summary` ("suites=3 tests=6 failures=1 errors=1 skipped=2").
void expect_junit_accepted(const std::filesystem::path& file, const std::string& summary);

std::string read_text(const std::filesystem::path& file);

// Headless Chromium with a throw-away profile in `profile_dir`, quiet (no network of its own),
// at `width` x `height`; append --dump-dom or --screenshot=FILE, then the URL.
std::vector<std::string> headless_chromium(const std::filesystem::path& profile_dir, int width,
                                           int height);

} // namespace athil::report::test
