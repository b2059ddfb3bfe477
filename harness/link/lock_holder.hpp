#pragma once
// Who holds a lock: what a holder writes into its lock file and what the next one reads back
// ("ci@rack7, pid 4242, since 2026-12-06 02:30:00 UTC: athil run --inventory ... [CI job URL]").
// A record is only ever believed while its lock is held (lock_file.hpp checks that first): a
// holder killed with SIGKILL leaves its record behind, and its lock goes with it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace athil::link {

struct lock_holder {
    long pid = 0;
    std::string user;
    std::string host;
    std::string command; // redacted by the run redactor
    std::string ci_job;  // a link to the CI job, from the CI engine's variables; "" outside CI
    std::chrono::system_clock::time_point since{};

    // One line for people: "ci@rack7, pid 4242, since 02:30:00 UTC (5 s ago): athil run ...".
    std::string describe() const;
    // "key: value" lines, as written into the lock file.
    std::string render() const;
};

// This process as a holder, since now.
lock_holder this_process_holder();

// The record `text` holds; nullopt for an empty or foreign text.
std::optional<lock_holder> parse_holder(std::string_view text);

// The CI job this process runs in: $CI_JOB_URL (GitLab), $BUILD_URL (Jenkins), or
// $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID (GitHub Actions); "" else.
std::string ci_job_link();

// "2026-12-06T02:30:00Z".
std::string utc_text(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_utc_text(const std::string& text);

} // namespace athil::link
