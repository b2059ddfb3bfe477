#pragma once
// The client side of RFC 2217 (telnet COM-PORT-OPTION) as pure code: what to send to set up
// the line, how to answer the server's negotiations, and what the server reported back. The
// link adds the socket; tests and fuzzers drive this class directly.

#include "harness/link/telnet.hpp"

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace athil::link {

namespace rfc2217 {
inline constexpr std::uint8_t set_baudrate = 1;
inline constexpr std::uint8_t set_datasize = 2;
inline constexpr std::uint8_t set_parity = 3;
inline constexpr std::uint8_t set_stopsize = 4;
inline constexpr std::uint8_t set_control = 5;
inline constexpr std::uint8_t server_reply_offset = 100; // the server answers code + 100
inline constexpr std::uint8_t parity_none = 1;
inline constexpr std::uint8_t stopsize_one = 1;
inline constexpr std::uint8_t control_no_flow = 1;
} // namespace rfc2217

class rfc2217_client {
public:
    enum class com_port_state { offered, accepted, refused };

    // Sent on connect: WILL COM-PORT-OPTION, and binary + suppress-go-ahead both ways.
    static std::string offers();
    // Sent once the server accepted COM-PORT-OPTION: baud, 8 data bits, no parity, 1 stop
    // bit, no flow control.
    static std::string port_settings(std::uint32_t baud);
    // Data to the server, with IAC doubled.
    static std::string encode(std::string_view data) { return telnet::escape(data); }

    // Server bytes in: payload appended to `data`, answers owed to the server to `replies`.
    void receive(std::string_view bytes, std::string& data, std::string& replies);

    com_port_state state() const noexcept { return state_; }
    std::optional<std::uint32_t> server_baud() const noexcept { return server_baud_; }
    // The server's answer to SET-DATASIZE / SET-PARITY / SET-STOPSIZE / SET-CONTROL.
    std::optional<std::uint8_t> server_setting(std::uint8_t set_command) const noexcept;

private:
    void on_command(const telnet::command& cmd, std::string& replies);
    void on_com_port_reply(std::string_view payload);

    telnet::parser parser_;
    std::bitset<256> local_;  // options we perform (the server said DO)
    std::bitset<256> remote_; // options the server performs (it said WILL)
    com_port_state state_ = com_port_state::offered;
    std::optional<std::uint32_t> server_baud_;
    std::array<std::optional<std::uint8_t>, 6> settings_{};
};

} // namespace athil::link
