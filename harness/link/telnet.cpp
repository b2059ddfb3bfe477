#include "harness/link/telnet.hpp"

namespace athil::link::telnet {
namespace {

constexpr char byte(std::uint8_t b) noexcept {
    return static_cast<char>(b);
}

bool is_negotiation(std::uint8_t b) noexcept {
    return b >= will && b <= dont;
}

} // namespace

void parser::feed(std::string_view bytes, std::string& data, std::vector<command>& commands) {
    for (const char c : bytes) {
        const auto b = static_cast<std::uint8_t>(c);
        switch (state_) {
        case state::in_data:
            if (b == iac) {
                state_ = state::after_iac;
            } else {
                data.push_back(c);
            }
            break;
        case state::after_iac:
            if (b == iac) {
                data.push_back(c);
                state_ = state::in_data;
            } else if (is_negotiation(b)) {
                current_ = command{.verb = b};
                state_ = state::in_option;
            } else if (b == sb) {
                current_ = command{.verb = sb};
                state_ = state::in_sb_option;
            } else {
                commands.push_back(command{.verb = b});
                state_ = state::in_data;
            }
            break;
        case state::in_option:
            current_.option = b;
            commands.push_back(std::move(current_));
            state_ = state::in_data;
            break;
        case state::in_sb_option:
            current_.option = b;
            state_ = state::in_sb;
            break;
        case state::in_sb:
            if (b == iac) {
                state_ = state::in_sb_iac;
            } else if (current_.payload.size() < max_payload) {
                current_.payload.push_back(c);
            }
            break;
        case state::in_sb_iac:
            if (b == iac) {
                if (current_.payload.size() < max_payload) {
                    current_.payload.push_back(c);
                }
                state_ = state::in_sb;
            } else {
                // IAC SE ends the subnegotiation; any other command there is a peer error,
                // and ending the subnegotiation is the way back to a sane stream.
                commands.push_back(std::move(current_));
                state_ = state::in_data;
            }
            break;
        }
    }
}

std::string escape(std::string_view data) {
    std::string out;
    out.reserve(data.size());
    for (const char c : data) {
        out.push_back(c);
        if (static_cast<std::uint8_t>(c) == iac) {
            out.push_back(c);
        }
    }
    return out;
}

std::string negotiation(std::uint8_t verb, std::uint8_t option) {
    return {byte(iac), byte(verb), byte(option)};
}

std::string subnegotiation(std::uint8_t option, std::string_view payload) {
    std::string out{byte(iac), byte(sb), byte(option)};
    out += escape(payload);
    out.push_back(byte(iac));
    out.push_back(byte(se));
    return out;
}

} // namespace athil::link::telnet
