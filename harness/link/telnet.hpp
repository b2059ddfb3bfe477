#pragma once
// Telnet byte handling (RFC 854/855) as pure code: splitting a received stream into data and
// commands, and building the bytes of option negotiations and subnegotiations. Used by the
// RFC 2217 link and by tests that play the server side.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace athil::link::telnet {

inline constexpr std::uint8_t se = 240;
inline constexpr std::uint8_t nop = 241;
inline constexpr std::uint8_t sb = 250;
inline constexpr std::uint8_t will = 251;
inline constexpr std::uint8_t wont = 252;
inline constexpr std::uint8_t verb_do = 253;
inline constexpr std::uint8_t dont = 254;
inline constexpr std::uint8_t iac = 255;

inline constexpr std::uint8_t opt_binary = 0;
inline constexpr std::uint8_t opt_suppress_go_ahead = 3;
inline constexpr std::uint8_t opt_com_port = 44; // RFC 2217

// One command from the stream: a negotiation (verb WILL/WONT/DO/DONT + option), a
// subnegotiation (verb SB, option, unescaped payload) or a bare command (verb only).
struct command {
    std::uint8_t verb = nop;
    std::uint8_t option = 0;
    std::string payload;
    friend bool operator==(const command&, const command&) = default;
};

class parser {
public:
    // Subnegotiation payloads longer than this are cut (a broken peer cannot grow memory).
    static constexpr std::size_t max_payload = 1024;

    // Appends data bytes (IAC IAC unescaped) to `data` and complete commands to `commands`;
    // a command split across calls is completed by the next call.
    void feed(std::string_view bytes, std::string& data, std::vector<command>& commands);

private:
    enum class state { in_data, after_iac, in_option, in_sb_option, in_sb, in_sb_iac };
    state state_ = state::in_data;
    command current_;
};

std::string escape(std::string_view data); // IAC -> IAC IAC
std::string negotiation(std::uint8_t verb, std::uint8_t option);
std::string subnegotiation(std::uint8_t option, std::string_view payload);

} // namespace athil::link::telnet
