#pragma once
// The MQTT primitive encodings shared by the encoder and the decoder (OASIS MQTT 3.1.1 §1.5,
// §2.2.3): big-endian 16-bit integers, strings with a 16-bit length prefix, and the
// variable-length "remaining length". Internal to harness/mqtt.

#include "harness/core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace athil::mqtt::wire {

inline constexpr std::size_t max_remaining_length = 268'435'455; // four 7-bit groups
inline constexpr std::size_t max_remaining_length_bytes = 4;

// Appends the variable-length encoding of n; throws bad_input when n does not fit.
void put_remaining_length(std::string& out, std::size_t n);

// Result of trying to read a remaining length from the start of a buffer.
struct remaining_length {
    std::size_t value = 0;
    std::size_t encoded_size = 0; // bytes the length itself occupied
};

// nullopt while more bytes are needed; throws protocol_error when a fifth byte would be needed.
std::optional<remaining_length> get_remaining_length(std::string_view bytes);

class writer {
public:
    explicit writer(std::string& out)
        : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
    void u16(std::uint16_t v) {
        u8(static_cast<std::uint8_t>(v >> 8));
        u8(static_cast<std::uint8_t>(v & 0xFFu));
    }
    // Length-prefixed string or binary data; throws bad_input above 65535 bytes.
    void str(std::string_view s, const char* what);
    void raw(std::string_view s) { out_.append(s); }

private:
    std::string& out_;
};

// Reads one packet's variable header and payload; every failure names the packet and field.
class reader {
public:
    reader(std::string_view body, const char* packet_name)
        : rest_(body)
        , packet_(packet_name) {}
    std::uint8_t u8(const char* what);
    std::uint16_t u16(const char* what);
    std::string str(const char* what);
    std::string rest() {
        std::string s(rest_);
        rest_ = {};
        return s;
    }
    bool empty() const noexcept { return rest_.empty(); }
    std::size_t size() const noexcept { return rest_.size(); }
    // Throws when bytes are left over after the last field.
    void expect_end();
    [[noreturn]] void fail(const std::string& sentence) const;

private:
    std::string_view rest_;
    const char* packet_;
};

} // namespace athil::mqtt::wire
