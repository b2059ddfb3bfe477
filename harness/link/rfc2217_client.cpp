#include "harness/link/rfc2217_client.hpp"

#include <vector>

namespace athil::link {
namespace {

bool we_perform(std::uint8_t option) noexcept {
    return option == telnet::opt_binary || option == telnet::opt_suppress_go_ahead ||
           option == telnet::opt_com_port;
}

bool server_may_perform(std::uint8_t option) noexcept {
    return option == telnet::opt_binary || option == telnet::opt_suppress_go_ahead;
}

std::string one_byte_setting(std::uint8_t command, std::uint8_t value) {
    return telnet::subnegotiation(
        telnet::opt_com_port, std::string{static_cast<char>(command), static_cast<char>(value)});
}

} // namespace

std::string rfc2217_client::offers() {
    using namespace telnet;
    return negotiation(will, opt_com_port) + negotiation(will, opt_binary) +
           negotiation(verb_do, opt_binary) + negotiation(will, opt_suppress_go_ahead) +
           negotiation(verb_do, opt_suppress_go_ahead);
}

std::string rfc2217_client::port_settings(std::uint32_t baud) {
    std::string baud_payload{static_cast<char>(rfc2217::set_baudrate)};
    for (int shift = 24; shift >= 0; shift -= 8) { // network byte order
        baud_payload.push_back(static_cast<char>((baud >> shift) & 0xFFU));
    }
    return telnet::subnegotiation(telnet::opt_com_port, baud_payload) +
           one_byte_setting(rfc2217::set_datasize, 8) +
           one_byte_setting(rfc2217::set_parity, rfc2217::parity_none) +
           one_byte_setting(rfc2217::set_stopsize, rfc2217::stopsize_one) +
           one_byte_setting(rfc2217::set_control, rfc2217::control_no_flow);
}

void rfc2217_client::receive(std::string_view bytes, std::string& data, std::string& replies) {
    std::vector<telnet::command> commands;
    parser_.feed(bytes, data, commands);
    for (const auto& cmd : commands) {
        on_command(cmd, replies);
    }
}

// Options we offered are acknowledged without a reply (answering an acknowledgement is how
// telnet peers loop); anything else is refused once per request.
void rfc2217_client::on_command(const telnet::command& cmd, std::string& replies) {
    using namespace telnet;
    const std::uint8_t opt = cmd.option;
    switch (cmd.verb) {
    case verb_do:
        if (!we_perform(opt)) {
            replies += negotiation(wont, opt);
            break;
        }
        local_.set(opt);
        if (opt == opt_com_port) {
            state_ = com_port_state::accepted;
        }
        break;
    case dont:
        if (local_.test(opt)) {
            local_.reset(opt);
            replies += negotiation(wont, opt);
        }
        if (opt == opt_com_port) {
            state_ = com_port_state::refused;
        }
        break;
    case will:
        if (server_may_perform(opt)) {
            remote_.set(opt);
        } else {
            replies += negotiation(dont, opt);
        }
        break;
    case wont:
        if (remote_.test(opt)) {
            remote_.reset(opt);
            replies += negotiation(dont, opt);
        }
        break;
    case sb:
        if (opt == opt_com_port) {
            on_com_port_reply(cmd.payload);
        }
        break;
    default:
        break; // NOP, GA and friends carry nothing for a serial line
    }
}

void rfc2217_client::on_com_port_reply(std::string_view payload) {
    if (payload.size() < 2) {
        return;
    }
    const auto code = static_cast<std::uint8_t>(payload[0]);
    if (code == rfc2217::server_reply_offset + rfc2217::set_baudrate && payload.size() >= 5) {
        std::uint32_t baud = 0;
        for (std::size_t i = 1; i <= 4; ++i) {
            baud = (baud << 8U) | static_cast<std::uint8_t>(payload[i]);
        }
        server_baud_ = baud;
    } else if (code > rfc2217::server_reply_offset + rfc2217::set_baudrate &&
               code <= rfc2217::server_reply_offset + rfc2217::set_control) {
        settings_[code - rfc2217::server_reply_offset] = static_cast<std::uint8_t>(payload[1]);
    }
}

std::optional<std::uint8_t>
rfc2217_client::server_setting(std::uint8_t set_command) const noexcept {
    if (set_command < rfc2217::set_datasize || set_command > rfc2217::set_control) {
        return std::nullopt;
    }
    return settings_[set_command];
}

} // namespace athil::link
