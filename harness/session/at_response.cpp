#include "harness/session/at_response.hpp"

#include "harness/at/line_classifier.hpp"
#include "harness/session/capture_limits.hpp"

#include <algorithm>

namespace athil::session {

std::string_view to_string(final_kind kind) noexcept {
    switch (kind) {
    case final_kind::ok:
        return "ok";
    case final_kind::error:
        return "error";
    case final_kind::cme_error:
        return "cme_error";
    case final_kind::timeout:
        return "timeout";
    }
    return "unknown";
}

std::optional<std::string> at_response::info(std::string_view name) const {
    for (const auto& line : lines) {
        const auto parsed = at::parse_info_line(line);
        if (parsed && parsed->name == name) {
            return std::string(parsed->value);
        }
    }
    return std::nullopt;
}

std::vector<std::string> at_response::body() const {
    const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
        return at::parse_info_line(line).has_value();
    });
    if (header == lines.end()) {
        return {};
    }
    return {std::next(header), lines.end()};
}

std::string at_response::final_text() const {
    switch (final) {
    case final_kind::ok:
        return "OK";
    case final_kind::error:
        return "ERROR";
    case final_kind::cme_error:
        return "+CME ERROR:" + std::to_string(cme_code);
    case final_kind::timeout:
        return "timeout";
    }
    return "unknown";
}

void at_response::append_raw(std::string_view bytes) {
    append_bounded(raw, bytes, max_answer_bytes, raw_not_kept);
}

} // namespace athil::session
