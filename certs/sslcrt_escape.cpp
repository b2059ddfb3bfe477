#include "certs/sslcrt_escape.hpp"

#include <optional>

namespace athil::certs {
namespace {

constexpr std::string_view hex_digits = "0123456789ABCDEF";

void append_escaped(std::string& out, unsigned char byte) {
    out += '[';
    out += hex_digits[byte >> 4U];
    out += hex_digits[byte & 0x0FU];
    out += ']';
}

bool needs_escape(unsigned char byte) {
    // Printable ASCII travels as it is, except the characters the AT parser treats specially
    // and '[' itself, which would otherwise be ambiguous with the start of an escape group.
    if (byte < 0x20 || byte >= 0x7F) {
        return true;
    }
    return byte == ',' || byte == '=' || byte == '?' || byte == '[';
}

std::optional<unsigned> hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return static_cast<unsigned>(c - '0');
    }
    if (c >= 'A' && c <= 'F') {
        return static_cast<unsigned>(c - 'A' + 10);
    }
    if (c >= 'a' && c <= 'f') {
        return static_cast<unsigned>(c - 'a' + 10);
    }
    return std::nullopt;
}

} // namespace

std::string escape_for_sslcrt(std::string_view pem) {
    std::string out;
    out.reserve(pem.size() + pem.size() / 8);
    for (std::size_t i = 0; i < pem.size(); ++i) {
        const auto byte = static_cast<unsigned char>(pem[i]);
        if (byte == '\r' && i + 1 < pem.size() && pem[i + 1] == '\n') {
            continue; // the LF that follows emits the whole CR LF pair
        }
        if (byte == '\n') {
            out += "[0D][0A]";
        } else if (needs_escape(byte)) {
            append_escaped(out, byte);
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

std::string unescape_sslcrt(std::string_view escaped) {
    std::string out;
    out.reserve(escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] == '[' && i + 3 < escaped.size() && escaped[i + 3] == ']') {
            const auto high = hex_value(escaped[i + 1]);
            const auto low = hex_value(escaped[i + 2]);
            if (high && low) {
                out += static_cast<char>((*high << 4U) | *low);
                i += 3;
                continue;
            }
        }
        out += escaped[i];
    }
    return out;
}

} // namespace athil::certs
