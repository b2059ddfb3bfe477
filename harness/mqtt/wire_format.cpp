#include "harness/mqtt/wire_format.hpp"

namespace athil::mqtt::wire {

void put_remaining_length(std::string& out, std::size_t n) {
    if (n > max_remaining_length) {
        throw athil_error(errc::bad_input, "MQTT remaining length " + std::to_string(n) +
                                               " exceeds the maximum of 268435455");
    }
    do {
        auto digit = static_cast<std::uint8_t>(n % 128);
        n /= 128;
        if (n > 0) {
            digit = static_cast<std::uint8_t>(digit | 0x80u);
        }
        out.push_back(static_cast<char>(digit));
    } while (n > 0);
}

std::optional<remaining_length> get_remaining_length(std::string_view bytes) {
    std::size_t value = 0;
    std::size_t multiplier = 1;
    for (std::size_t i = 0; i < max_remaining_length_bytes; ++i) {
        if (i >= bytes.size()) {
            return std::nullopt;
        }
        const auto digit = static_cast<std::uint8_t>(bytes[i]);
        value += (digit & 0x7Fu) * multiplier;
        if ((digit & 0x80u) == 0) {
            return remaining_length{value, i + 1};
        }
        multiplier *= 128;
    }
    throw athil_error(errc::protocol_error,
                      "MQTT remaining length continues past 4 bytes (malformed fixed header)");
}

void writer::str(std::string_view s, const char* what) {
    if (s.size() > 0xFFFFu) {
        throw athil_error(errc::bad_input, std::string("MQTT ") + what + " is " +
                                               std::to_string(s.size()) +
                                               " bytes; a length-prefixed field holds 65535");
    }
    u16(static_cast<std::uint16_t>(s.size()));
    raw(s);
}

std::uint8_t reader::u8(const char* what) {
    if (rest_.empty()) {
        fail(std::string("ends before ") + what);
    }
    const auto v = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return v;
}

std::uint16_t reader::u16(const char* what) {
    if (rest_.size() < 2) {
        fail(std::string("ends before ") + what + " (2 bytes needed, " +
             std::to_string(rest_.size()) + " left)");
    }
    const auto hi = static_cast<std::uint8_t>(rest_[0]);
    const auto lo = static_cast<std::uint8_t>(rest_[1]);
    rest_.remove_prefix(2);
    return static_cast<std::uint16_t>((hi << 8) | lo);
}

std::string reader::str(const char* what) {
    const std::size_t n = u16(what);
    if (rest_.size() < n) {
        fail(std::string(what) + " declares " + std::to_string(n) + " bytes but only " +
             std::to_string(rest_.size()) + " remain in the packet");
    }
    std::string s(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return s;
}

void reader::expect_end() {
    if (!rest_.empty()) {
        fail(std::to_string(rest_.size()) + " unexpected byte(s) after the last field");
    }
}

void reader::fail(const std::string& sentence) const {
    throw athil_error(errc::protocol_error,
                      std::string("malformed MQTT ") + packet_ + ": " + sentence);
}

} // namespace athil::mqtt::wire
