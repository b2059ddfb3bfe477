#include "harness/report/printable_text.hpp"

#include <array>
#include <cstdint>

namespace athil::report {
namespace {

void append_escaped(std::string& out, unsigned char byte) {
    constexpr std::string_view hex = "0123456789abcdef";
    out += "\\x";
    out += hex[byte >> 4U];
    out += hex[byte & 0x0FU];
}

// Length of the valid UTF-8 sequence at the start of `s` that XML 1.0 allows, or 0.
std::size_t valid_sequence(std::string_view s) {
    const auto b0 = static_cast<unsigned char>(s[0]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (b0 < 0x80) {
        return 1;
    } else if ((b0 & 0xE0U) == 0xC0U) {
        length = 2;
        code = b0 & 0x1FU;
    } else if ((b0 & 0xF0U) == 0xE0U) {
        length = 3;
        code = b0 & 0x0FU;
    } else if ((b0 & 0xF8U) == 0xF0U) {
        length = 4;
        code = b0 & 0x07U;
    } else {
        return 0;
    }
    if (s.size() < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0U) != 0x80U) {
            return 0;
        }
        code = (code << 6U) | (b & 0x3FU);
    }
    constexpr std::array<std::uint32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
    const bool overlong = code < smallest[length];
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    const bool not_xml = code == 0xFFFE || code == 0xFFFF || code > 0x10FFFF;
    return (overlong || surrogate || not_xml) ? 0 : length;
}

} // namespace

std::string printable_text(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        const auto byte = static_cast<unsigned char>(raw[i]);
        if (byte == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') {
            ++i; // the LF that follows is kept as the line end
            continue;
        }
        if (byte == '\t' || byte == '\n' || (byte >= 0x20 && byte < 0x7F)) {
            out += static_cast<char>(byte);
            ++i;
            continue;
        }
        const std::size_t n = byte == 0x7F || byte < 0x20 ? 0 : valid_sequence(raw.substr(i));
        if (n == 0) {
            append_escaped(out, byte);
            ++i;
        } else {
            out.append(raw.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string first_line(std::string_view text, std::size_t max_chars) {
    constexpr std::string_view blanks = " \t\r\n";
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        const auto first = line.find_first_not_of(blanks);
        if (first != std::string_view::npos) {
            line = line.substr(first, line.find_last_not_of(blanks) - first + 1);
            if (line.size() <= max_chars) {
                return std::string(line);
            }
            std::size_t cut = max_chars;
            while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) {
                --cut; // never split a UTF-8 sequence
            }
            return std::string(line.substr(0, cut)) + "...";
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return {};
}

} // namespace athil::report
