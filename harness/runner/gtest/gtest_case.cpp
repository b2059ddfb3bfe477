#include "harness/runner/gtest/gtest_case.hpp"

#include "harness/core/redactor.hpp"
#include "harness/report/printable_text.hpp"
#include "harness/runner/gtest/case_evidence.hpp"
#include "harness/runner/gtest/case_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace athil::report {
namespace {

constexpr std::string_view blanks = " \t\r\n";

// Every text of a case enters the run model through here: failure messages, skip reasons and
// recorded properties (transcripts, broker logs, attempts). Whatever a case forgot to register
// (a password the module read back, a key in an exception's text) is hidden before any
// writer or the console sees it, and before a message is cut, so no half secret remains.
std::string scrubbed(std::string_view text) {
    return run_redactor().redact(text);
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

// FAIL() and ADD_FAILURE() put "Failed" on a line of its own before the user's text.
std::string_view without_boilerplate(std::string_view message) {
    message = trim(message);
    if (message.starts_with("Failed\n")) {
        message = trim(message.substr(7));
    }
    return message;
}

// The value after "key:" on a line of `text` that starts with that key, if any.
std::string_view labelled(std::string_view text, std::string_view key) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = trim(text.substr(0, end));
        if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
            return trim(line.substr(key.size() + 1));
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return {};
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty()) {
            lines.emplace_back(line);
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return lines;
}

unsigned parse_count(std::string_view text) {
    unsigned value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// Assertions GoogleTest made for an exception escaping the test body: the rig broke, the
// module was not judged.
bool is_exception_report(const testing::TestPartResult& part) {
    const std::string_view message = part.message();
    return message.find("C++ exception with description") != std::string_view::npos ||
           message.find("Unknown C++ exception thrown") != std::string_view::npos ||
           message.find("uncaught exception") != std::string_view::npos;
}

struct parts_summary {
    std::string first_failure;
    std::string details;
    std::string skip_message;
    bool exception = false;
};

// Over a test's own results and over results an attempt's fake reporter captured alike.
const testing::TestPartResult& part_at(const testing::TestResult& r, int i) {
    return r.GetTestPartResult(i);
}
int part_count(const testing::TestResult& r) {
    return r.total_part_count();
}
const testing::TestPartResult& part_at(const testing::TestPartResultArray& a, int i) {
    return a.GetTestPartResult(i);
}
int part_count(const testing::TestPartResultArray& a) {
    return a.size();
}

template <class Parts>
parts_summary summarize(const Parts& parts) {
    parts_summary s;
    for (int i = 0; i < part_count(parts); ++i) {
        const auto& part = part_at(parts, i);
        if (part.skipped()) {
            s.skip_message = std::string(trim(scrubbed(part.message())));
            continue;
        }
        if (!part.failed()) {
            continue;
        }
        const auto text = scrubbed(part.message());
        const auto message = without_boilerplate(text);
        if (s.first_failure.empty()) {
            s.first_failure = std::string(message);
        }
        s.exception = s.exception || is_exception_report(part);
        const char* file = part.file_name();
        s.details += part.line_number() >= 0
                         ? fmt::format("{}:{}: ", file == nullptr ? "?" : file, part.line_number())
                         : std::string(file == nullptr ? "" : std::string(file) + ": ");
        s.details += message;
        s.details += '\n';
    }
    return s;
}

// "attempt.2.transcript" -> {2, "transcript"}; {0, ""} for any other key.
std::pair<unsigned, std::string_view> attempt_key(std::string_view key) {
    if (!key.starts_with(keys::attempt_prefix)) {
        return {0, {}};
    }
    key.remove_prefix(keys::attempt_prefix.size());
    const auto dot = key.find('.');
    if (dot == std::string_view::npos) {
        return {0, {}};
    }
    return {parse_count(key.substr(0, dot)), key.substr(dot + 1)};
}

attempt_result& attempt_numbered(std::vector<attempt_result>& attempts, unsigned number) {
    for (auto& a : attempts) {
        if (a.number == number) {
            return a;
        }
    }
    attempts.push_back({.number = number});
    return attempts.back();
}

void set_attempt_field(attempt_result& a, std::string_view field, std::string value) {
    if (field == keys::attempt_message) {
        a.message = std::move(value);
    } else if (field == keys::attempt_details) {
        a.details = std::move(value);
    } else if (field == keys::attempt_transcript) {
        a.transcript = std::move(value);
    } else if (field == keys::attempt_duration_ms) {
        a.duration = std::chrono::milliseconds(parse_count(value));
    } else if (field == keys::attempt_error) {
        a.error = value == "1";
    }
}

// The one line of a failed check, made from its fields: "clause 2.2 [M] what; expected: E;
// got: "R"".
std::string check_message(const case_result& c) {
    std::string tag;
    for (const auto& [key, value] : c.extra) {
        if (key == keys::tag) {
            tag = " [" + value + "]";
        }
    }
    return first_line(fmt::format("clause {}{} {}; expected: {}; got: \"{}\"", c.clause, tag,
                                  c.check.what, c.check.expected, c.check.received),
                      300);
}

} // namespace

failed_assertions failed_assertions_of(const testing::TestPartResultArray& parts) {
    auto s = summarize(parts);
    return {std::move(s.first_failure), std::move(s.details), s.exception};
}

std::string one_line_message(std::string_view failure, std::string_view clause) {
    failure = without_boilerplate(failure);
    std::string line = first_line(failure, 1000);
    const auto expected = labelled(failure, "expected");
    auto got = labelled(failure, "received");
    if (got.empty()) {
        got = labelled(failure, "got");
    }
    if (!expected.empty() && line.find("expected:") == std::string::npos) {
        line += fmt::format("; expected: {}", expected);
    }
    if (!got.empty() && line.find("got:") == std::string::npos) {
        line += fmt::format("; got: {}", got);
    }
    if (!clause.empty() && line.find("clause") == std::string::npos) {
        line = fmt::format("clause {}: {}", clause, line);
    }
    return first_line(line, 300);
}

case_result case_from_test(const testing::TestInfo& test) {
    const auto& result = *test.result();
    case_result c;
    c.section = test.test_suite_name();
    c.name = test.name();
    c.duration = std::chrono::milliseconds(result.elapsed_time());
    bool infrastructure = false;
    std::string infrastructure_reason;
    for (int i = 0; i < result.test_property_count(); ++i) {
        const auto& property = result.GetTestProperty(i);
        const std::string_view key = property.key();
        const std::string value = scrubbed(property.value());
        if (key == keys::clause) {
            c.clause = value;
        } else if (key == keys::command) {
            c.command = value;
        } else if (key == keys::source) {
            c.source = value;
        } else if (key == keys::transcript) {
            c.transcript = value;
        } else if (key == keys::broker_log) {
            c.broker_log = value;
        } else if (key == keys::packets) {
            c.packets = split_lines(value);
        } else if (key == keys::retries) {
            c.retries = parse_count(value);
        } else if (key == keys::deviation) {
            c.deviation = value;
        } else if (key == keys::restarts) {
            c.restarts = parse_count(value);
        } else if (key == keys::forced_wait_ms) {
            c.forced_wait = std::chrono::milliseconds(parse_count(value));
        } else if (key == keys::check_what) {
            c.check.what = value;
        } else if (key == keys::check_sent) {
            c.check.sent = value;
        } else if (key == keys::check_expected) {
            c.check.expected = value;
        } else if (key == keys::check_received) {
            c.check.received = value;
        } else if (key == keys::infrastructure) {
            infrastructure = true;
            infrastructure_reason = value;
        } else if (const auto [number, field] = attempt_key(key); number > 0) {
            set_attempt_field(attempt_numbered(c.failed_attempts, number), field, value);
        } else {
            c.extra.emplace_back(key, value);
        }
    }
    std::ranges::sort(c.failed_attempts, {}, &attempt_result::number);
    for (auto& a : c.failed_attempts) {
        a.message = one_line_message(a.message, c.clause);
    }
    if (!c.failed_attempts.empty()) {
        c.retries = static_cast<unsigned>(c.failed_attempts.size());
    }
    if (auto evidence = take_evidence(c.full_name())) {
        c.started_at = evidence->started_at;
        c.timeline = std::move(evidence->timeline);
    }
    if (c.source.empty() && test.file() != nullptr) {
        c.source = fmt::format("{}:{}", test.file(), test.line());
    }
    auto parts = summarize(result);
    if (result.Failed()) {
        const bool error = infrastructure || parts.exception;
        c.status = error ? case_status::error : case_status::failed;
        c.message = !error && !c.check.empty()
                        ? check_message(c)
                        : one_line_message(infrastructure && parts.first_failure.empty()
                                               ? infrastructure_reason
                                               : parts.first_failure,
                                           c.clause);
        c.details = std::move(parts.details);
    } else if (result.Skipped()) {
        const bool known = parts.skip_message.starts_with(keys::known_deviation_prefix);
        c.status = known ? case_status::known_deviation : case_status::skipped;
        c.message = first_line(parts.skip_message);
        c.details = parts.skip_message;
    } else {
        // Passed, but only on a rerun: flaky.
        c.status = c.failed_attempts.empty() ? case_status::passed : case_status::flaky;
        c.deviation.clear(); // a deviation that did not show is no deviation
    }
    return c;
}

case_result case_from_setup_failure(std::string section, std::string name,
                                    const testing::TestResult& ad_hoc) {
    case_result c;
    c.section = std::move(section);
    c.name = std::move(name);
    c.status = case_status::error;
    c.duration = std::chrono::milliseconds(ad_hoc.elapsed_time());
    auto parts = summarize(ad_hoc);
    c.message = one_line_message(parts.first_failure, {});
    c.details = std::move(parts.details);
    return c;
}

void apply_run_properties(const testing::TestResult& ad_hoc, run_metadata& metadata) {
    for (int i = 0; i < ad_hoc.test_property_count(); ++i) {
        const auto& property = ad_hoc.GetTestProperty(i);
        const std::string_view key = property.key();
        if (key == keys::firmware) {
            metadata.firmware = property.value();
        } else if (key == keys::serial_number) {
            metadata.serial_number = property.value();
        } else if (key == keys::imei) {
            metadata.imei = property.value();
        } else if (key == keys::model) {
            metadata.model = property.value();
        }
    }
}

} // namespace athil::report
