#include "harness/at/line_classifier.hpp"

#include <charconv>

namespace athil::at {
namespace {

constexpr std::string_view cme_prefix = "+CME ERROR:";

bool is_name_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view skip_spaces(std::string_view s) noexcept {
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    return s;
}

int parse_code(std::string_view s) noexcept {
    s = skip_spaces(s);
    int code = -1;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), code);
    if (ec != std::errc{} || end != s.data() + s.size() || code < 0) {
        return -1;
    }
    return code;
}

} // namespace

std::string_view to_string(event_kind kind) noexcept {
    switch (kind) {
    case event_kind::echo:
        return "echo";
    case event_kind::info:
        return "info";
    case event_kind::final_ok:
        return "final_ok";
    case event_kind::final_error:
        return "final_error";
    case event_kind::final_cme_error:
        return "final_cme_error";
    case event_kind::text:
        return "text";
    case event_kind::handshake_a:
        return "handshake_a";
    case event_kind::handshake_ok:
        return "handshake_ok";
    case event_kind::data:
        return "data";
    case event_kind::overlong:
        return "overlong";
    }
    return "unknown";
}

std::optional<info_line> parse_info_line(std::string_view line) noexcept {
    if (line.size() < 3 || line.front() != '+') {
        return std::nullopt;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon < 2) {
        return std::nullopt;
    }
    const auto name = line.substr(1, colon - 1);
    for (const char c : name) {
        if (!is_name_char(c)) {
            return std::nullopt;
        }
    }
    // "+CSQ: 20,99" carries a space after the colon; the verbatim line keeps it for suites
    // that check the exact form.
    return info_line{name, skip_spaces(line.substr(colon + 1))};
}

event classify_line(std::string_view line) {
    event e;
    e.text = std::string(line);
    if (line == "OK") {
        e.kind = event_kind::final_ok;
    } else if (line == "ERROR") {
        e.kind = event_kind::final_error;
    } else if (line.starts_with(cme_prefix)) {
        e.kind = event_kind::final_cme_error;
        e.cme_code = parse_code(line.substr(cme_prefix.size()));
    } else if (const auto info = parse_info_line(line)) {
        e.kind = event_kind::info;
        e.name = std::string(info->name);
        e.value = std::string(info->value);
    } else {
        e.kind = event_kind::text;
    }
    return e;
}

} // namespace athil::at
