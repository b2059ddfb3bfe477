#include "harness/runner/gtest/case_retry.hpp"

#include "harness/core/clock.hpp"
#include "harness/runner/gtest/case_keys.hpp"
#include "harness/runner/gtest/gtest_case.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <string_view>

namespace athil::report {
namespace {

void record(unsigned attempt, std::string_view field, const std::string& value) {
    testing::Test::RecordProperty(std::string(keys::attempt_prefix) + std::to_string(attempt) +
                                      "." + std::string(field),
                                  value);
}

bool rig_failed() {
    const auto* test = testing::UnitTest::GetInstance()->current_test_info();
    if (test == nullptr) {
        return false;
    }
    const auto& result = *test->result();
    for (int i = 0; i < result.test_property_count(); ++i) {
        if (result.GetTestProperty(i).key() == keys::infrastructure) {
            return true;
        }
    }
    return false;
}

bool any_failed(const testing::TestPartResultArray& parts) {
    for (int i = 0; i < parts.size(); ++i) {
        if (parts.GetTestPartResult(i).failed()) {
            return true;
        }
    }
    return false;
}

std::string_view without_failed_line(std::string_view message) {
    return message.starts_with("Failed\n") ? message.substr(7) : message;
}

// Hands what a fake reporter captured to the real one, as if the attempt had run unwatched.
void report_as_is(const testing::TestPartResultArray& parts) {
    for (int i = 0; i < parts.size(); ++i) {
        const auto& part = parts.GetTestPartResult(i);
        const auto message = without_failed_line(part.message());
        if (part.skipped()) {
            GTEST_SKIP() << message;
        }
        if (!part.failed()) {
            continue;
        }
        if (part.file_name() != nullptr && part.line_number() >= 0) {
            ADD_FAILURE_AT(part.file_name(), part.line_number()) << message;
        } else {
            ADD_FAILURE() << message;
        }
    }
}

} // namespace

void run_with_retries(unsigned retries, const case_attempt& body) {
    for (unsigned attempt = 1; attempt <= retries; ++attempt) {
        testing::TestPartResultArray parts;
        std::string transcript;
        const auto start = steady_clock::now();
        std::string thrown;
        {
            testing::ScopedFakeTestPartResultReporter capture(
                testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &parts);
            try {
                body(attempt, transcript);
            } catch (const std::exception& e) {
                thrown = e.what();
            }
        }
        if (!any_failed(parts) && thrown.empty()) {
            report_as_is(parts); // passed (or skipped) at this attempt
            return;
        }
        if (rig_failed()) {
            report_as_is(parts);
            if (!thrown.empty()) {
                ADD_FAILURE() << "C++ exception with description \"" << thrown
                              << "\" thrown in the test body.";
            }
            return;
        }
        auto failed = failed_assertions_of(parts);
        if (!thrown.empty()) {
            failed.first = failed.first.empty() ? thrown : failed.first;
            failed.details += "exception: " + thrown + "\n";
        }
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start);
        record(attempt, keys::attempt_message, failed.first);
        record(attempt, keys::attempt_details, failed.details);
        record(attempt, keys::attempt_transcript, transcript);
        record(attempt, keys::attempt_duration_ms, std::to_string(took.count()));
        record(attempt, keys::attempt_error, failed.exception || !thrown.empty() ? "1" : "0");
    }
    std::string transcript;
    body(retries + 1, transcript); // the last attempt reports as usual
}

} // namespace athil::report
