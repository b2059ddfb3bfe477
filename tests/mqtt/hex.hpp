#pragma once
// Test helper: wire bytes written as hex ("82 0E 00 0A"), so vectors read like the spec's figures.

#include <cctype>
#include <stdexcept>
#include <string>
#include <string_view>

namespace athil::mqtt::test {

inline std::string from_hex(std::string_view text) {
    std::string out;
    int pending = -1;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            continue;
        }
        const int digit = std::isdigit(static_cast<unsigned char>(c)) != 0
                              ? c - '0'
                              : std::toupper(static_cast<unsigned char>(c)) - 'A' + 10;
        if (digit < 0 || digit > 15) {
            throw std::invalid_argument("bad hex digit in test vector");
        }
        if (pending < 0) {
            pending = digit;
        } else {
            out.push_back(static_cast<char>(pending * 16 + digit));
            pending = -1;
        }
    }
    if (pending >= 0) {
        throw std::invalid_argument("odd number of hex digits in test vector");
    }
    return out;
}

inline std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (!out.empty()) {
            out.push_back(' ');
        }
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0F]);
    }
    return out;
}

} // namespace athil::mqtt::test
