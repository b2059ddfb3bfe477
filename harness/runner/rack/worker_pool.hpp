#pragma once
// Worker processes of one run (`athil run --jobs N`, `athil run --inventory`): each is a child
// of its own process group (harness/process), at most `jobs` run at once, and every line a
// worker prints is shown with its label so a terminal or CI log can tell them apart. SIGINT or
// SIGTERM of the parent stops every worker and what it started (the cleanup handlers).

#include <chrono>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace athil::runner::rack {

struct worker_spec {
    std::string label;                 // "2/4", "rack-a": the prefix of its lines
    std::vector<std::string> argv;     // argv[0] is the program
    std::filesystem::path stderr_path; // empty: the parent's stderr (lines not prefixed)
};

struct worker_outcome {
    int exit_code = -1; // 128 + signal when killed
    std::chrono::milliseconds wall{0};
};

// Runs every worker, at most `jobs` at once, each up to `limit` (then it is terminated and its
// exit code is 2). Outcomes are in the order of `workers`.
std::vector<worker_outcome> run_workers(const std::vector<worker_spec>& workers, unsigned jobs,
                                        std::ostream& out, std::chrono::milliseconds limit);

// The worst of several exit codes by athil's meaning: 2 (rig) > 1 (nonconformance) > 0;
// anything else (a crash) counts as 2.
int worst_exit_code(const std::vector<int>& codes);

} // namespace athil::runner::rack
