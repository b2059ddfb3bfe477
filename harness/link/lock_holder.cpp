#include "harness/link/lock_holder.hpp"

#include "harness/core/command_line.hpp"
#include "harness/core/redactor.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace athil::link {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::string() : std::string(v);
}

std::string user_name() {
    if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
        return pw->pw_name;
    }
    return std::to_string(::getuid());
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) {
        return "?";
    }
    return name;
}

// A value stays on its line: a newline in a command line would start a forged field.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text;
}

std::string age_text(std::chrono::system_clock::time_point since) {
    const auto s =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - since)
            .count();
    if (s < 120) {
        return std::to_string(s < 0 ? 0 : s) + " s ago";
    }
    if (s < 7200) {
        return std::to_string(s / 60) + " min ago";
    }
    return std::to_string(s / 3600) + " h ago";
}

} // namespace

std::string utc_text(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    ::gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::optional<std::chrono::system_clock::time_point> parse_utc_text(const std::string& text) {
    std::tm parts{};
    std::istringstream in(text);
    in >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%SZ");
    if (in.fail()) {
        return std::nullopt;
    }
    return std::chrono::system_clock::from_time_t(::timegm(&parts));
}

std::string ci_job_link() {
    if (auto gitlab = env("CI_JOB_URL"); !gitlab.empty()) {
        return gitlab;
    }
    if (auto jenkins = env("BUILD_URL"); !jenkins.empty()) {
        return jenkins;
    }
    const auto server = env("GITHUB_SERVER_URL");
    const auto repo = env("GITHUB_REPOSITORY");
    const auto run = env("GITHUB_RUN_ID");
    if (!server.empty() && !repo.empty() && !run.empty()) {
        return server + "/" + repo + "/actions/runs/" + run;
    }
    return {};
}

lock_holder this_process_holder() {
    lock_holder h;
    h.pid = static_cast<long>(::getpid());
    h.user = user_name();
    h.host = host_name();
    h.command = one_line(run_redactor().redact(core::shell_quoted(core::own_arguments())));
    h.ci_job = one_line(ci_job_link());
    h.since = std::chrono::system_clock::now();
    return h;
}

std::string lock_holder::render() const {
    std::string out = "pid: " + std::to_string(pid) + "\nuser: " + one_line(user) +
                      "\nhost: " + one_line(host) + "\nsince: " + utc_text(since) +
                      "\ncommand: " + one_line(command) + "\n";
    if (!ci_job.empty()) {
        out += "ci_job: " + one_line(ci_job) + "\n";
    }
    return out;
}

std::optional<lock_holder> parse_holder(std::string_view text) {
    lock_holder h;
    bool any = false;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos) {
            continue;
        }
        const auto key = line.substr(0, colon);
        const auto value = line.substr(colon + 2);
        if (key == "pid") {
            h.pid = std::atol(value.c_str());
            any = h.pid > 0;
        } else if (key == "user") {
            h.user = value;
        } else if (key == "host") {
            h.host = value;
        } else if (key == "since") {
            h.since = parse_utc_text(value).value_or(std::chrono::system_clock::time_point{});
        } else if (key == "command") {
            h.command = value;
        } else if (key == "ci_job") {
            h.ci_job = value;
        }
    }
    if (!any) {
        return std::nullopt;
    }
    return h;
}

std::string lock_holder::describe() const {
    std::string out = user + "@" + host + ", pid " + std::to_string(pid) + ", since " +
                      utc_text(since) + " (" + age_text(since) + "): " + command;
    if (!ci_job.empty()) {
        out += " [CI job " + ci_job + "]";
    }
    return out;
}

} // namespace athil::link
