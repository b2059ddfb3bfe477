#include "harness/report/run_model.hpp"

#include "harness/core/error.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <string>

namespace athil::report {
namespace {

struct status_text {
    case_status status;
    std::string_view name;
    std::string_view label;
};

constexpr std::array status_names{
    status_text{case_status::passed, "passed", "PASS"},
    status_text{case_status::flaky, "flaky", "FLAKY"},
    status_text{case_status::failed, "failed", "FAIL"},
    status_text{case_status::known_deviation, "known_deviation", "DEVIATION"},
    status_text{case_status::skipped, "skipped", "SKIP"},
    status_text{case_status::error, "error", "ERROR"},
};

} // namespace

std::string_view to_string(case_status s) noexcept {
    for (const auto& t : status_names) {
        if (t.status == s) {
            return t.name;
        }
    }
    return "unknown";
}

std::string_view verdict_label(case_status s) noexcept {
    for (const auto& t : status_names) {
        if (t.status == s) {
            return t.label;
        }
    }
    return "?";
}

std::optional<case_status> status_from_string(std::string_view text) noexcept {
    for (const auto& t : status_names) {
        if (t.name == text) {
            return t.status;
        }
    }
    return std::nullopt;
}

namespace {

constexpr std::array<std::pair<run_outcome, std::string_view>, 4> outcome_names{{
    {run_outcome::complete, "complete"},
    {run_outcome::interrupted, "interrupted"},
    {run_outcome::stopped, "stopped"},
    {run_outcome::rig_failed, "rig_failed"},
}};

} // namespace

std::string_view to_string(run_outcome o) noexcept {
    for (const auto& [outcome, name] : outcome_names) {
        if (outcome == o) {
            return name;
        }
    }
    return "?";
}

std::optional<run_outcome> outcome_from_string(std::string_view text) noexcept {
    for (const auto& [outcome, name] : outcome_names) {
        if (name == text) {
            return outcome;
        }
    }
    return std::nullopt;
}

void run_counts::add(case_status s) noexcept {
    ++total;
    switch (s) {
    case case_status::passed:
        ++passed;
        break;
    case case_status::flaky:
        ++flaky;
        break;
    case case_status::failed:
        ++failed;
        break;
    case case_status::known_deviation:
        ++known_deviations;
        break;
    case case_status::skipped:
        ++skipped;
        break;
    case case_status::error:
        ++errors;
        break;
    }
}

run_counts run_result::counts() const noexcept {
    run_counts c;
    for (const auto& r : cases) {
        c.add(r.status);
    }
    return c;
}

unsigned run_result::restarts() const noexcept {
    unsigned total = 0;
    for (const auto& r : cases) {
        total += r.restarts;
    }
    return total;
}

run_counts section_view::counts() const noexcept {
    run_counts c;
    for (const auto* r : cases) {
        c.add(r->status);
    }
    return c;
}

std::chrono::milliseconds section_view::duration() const noexcept {
    std::chrono::milliseconds total{0};
    for (const auto* r : cases) {
        total += r->duration;
    }
    return total;
}

std::string section_view::clauses() const {
    std::vector<std::string_view> seen;
    std::string text;
    for (const auto* r : cases) {
        if (r->clause.empty() || std::ranges::find(seen, r->clause) != seen.end()) {
            continue;
        }
        seen.push_back(r->clause);
        text += text.empty() ? "" : ", ";
        text += r->clause;
    }
    return text;
}

std::vector<section_view> group_by_section(const run_result& run) {
    std::vector<section_view> sections;
    for (const auto& r : run.cases) {
        auto it = std::ranges::find(sections, r.section, &section_view::name);
        if (it == sections.end()) {
            sections.push_back({r.section, {}});
            it = std::prev(sections.end());
        }
        it->cases.push_back(&r);
    }
    return sections;
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> buffer{};
    const auto n = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return {buffer.data(), n};
}

case_result rig_error_case(std::string section, std::string name, std::string message,
                           std::string details) {
    case_result c;
    c.section = std::move(section);
    c.name = std::move(name);
    c.status = case_status::error;
    c.message = std::move(message);
    c.details = std::move(details);
    return c;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (const auto& i : items) {
        if (!text.empty()) {
            text += separator;
        }
        text += i;
    }
    return text;
}

std::chrono::system_clock::time_point time_from_iso8601(std::string_view text) {
    std::tm utc{};
    const std::string copy(text);
    const char* end = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    if (end == nullptr || *end != '\0') {
        throw athil_error(errc::bad_input,
                          "not a UTC time of the form 2026-11-26T10:00:56Z: '" + copy + "'");
    }
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

part_identity part_of(const run_result& run, std::string label, std::string report) {
    const auto& m = run.metadata;
    const auto counts = run.counts();
    return {std::move(label),
            m.dut_link,
            m.model,
            m.firmware,
            m.serial_number,
            m.profile,
            std::string(to_string(m.outcome)),
            counts.total,
            counts.failed + counts.errors,
            std::move(report)};
}

} // namespace athil::report
