#pragma once
// Classification of one complete response line (MANUAL §1.1), shared by the framer's command
// and handshake modes and usable on its own by suites that re-read transcripts.

#include "harness/at/event.hpp"

#include <optional>
#include <string_view>

namespace athil::at {

// Parses "+NAME:value". Returns nothing when the line is not an information line.
struct info_line {
    std::string_view name;
    std::string_view value;
};
std::optional<info_line> parse_info_line(std::string_view line) noexcept;

// Classifies a line that is not an echo: final results, "+NAME:value" and everything else.
event classify_line(std::string_view line);

} // namespace athil::at
