#pragma once
// Text that every report format can carry. Transcripts hold raw serial bytes (NUL, ESC, 0x1A,
// broken UTF-8 from a module mid-reboot); XML 1.0 cannot carry most control characters at all,
// not even as character references, and JSON encoders reject invalid UTF-8. So every string
// goes through here first: the result is valid UTF-8 with only XML-legal characters, and each
// byte that could not stay is written as the four visible characters "\xNN".

#include <cstddef>
#include <string>
#include <string_view>

namespace athil::report {

// Keeps tab and line feed; CR LF becomes LF (line ends, not data); every other C0 control
// byte, DEL, a byte that is not part of valid UTF-8, and U+FFFE/U+FFFF become "\xNN".
std::string printable_text(std::string_view raw);

// The first non-empty line of `text`, trimmed, cut to `max_chars` bytes on a UTF-8 boundary
// with "..." appended when cut: failure messages in attributes and status lines.
std::string first_line(std::string_view text, std::size_t max_chars = 300);

} // namespace athil::report
