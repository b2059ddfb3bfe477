#pragma once
// The parsed answer to one AT command, as the suites consume it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::session {

enum class final_kind { ok, error, cme_error, timeout };

std::string_view to_string(final_kind kind) noexcept;

struct at_response {
    std::string command;            // as sent, without the line end
    bool echoed = false;            // the echo line was seen
    std::vector<std::string> lines; // every line between echo and final result, in order
                                    // (info lines verbatim "+NAME:value", body lines)
    final_kind final = final_kind::timeout;
    int cme_code = -1;
    // The bytes received for this command, the first max_answer_bytes of them (not redacted:
    // the suites compare values; messages pass the run's redactor). When more came, it ends
    // with a cut mark and raw_not_kept counts the bytes that were dropped.
    std::string raw;
    std::uint64_t raw_not_kept = 0;
    std::chrono::microseconds elapsed{};
    // Nonzero when an answer line was longer than the framer holds: the line in `lines` is its
    // first `overlong_limit` bytes, the rest was dropped. No conforming answer is that long.
    std::size_t overlong_limit = 0;

    bool ok() const noexcept { return final == final_kind::ok; }
    bool is_error() const noexcept {
        return final == final_kind::error || final == final_kind::cme_error;
    }
    bool timed_out() const noexcept { return final == final_kind::timeout; }
    bool overlong() const noexcept { return overlong_limit != 0; }

    // The value of the first "+NAME:value" line (leading spaces of the value removed).
    std::optional<std::string> info(std::string_view name) const;
    // The lines after the first "+NAME:" line: the slots of AT+MQTTPUBTP / AT+MQTTSUBTP.
    std::vector<std::string> body() const;
    // "OK", "ERROR", "+CME ERROR:58" or "timeout", for messages.
    std::string final_text() const;
    // Adds received bytes to raw, within max_answer_bytes.
    void append_raw(std::string_view bytes);
};

} // namespace athil::session
