// The RFC 2217 / telnet receive path: server bytes → rfc2217_client (telnet parser, option
// negotiation, COM-PORT replies). The data and the replies owed to the server must not depend
// on how the stream was chunked, IAC IAC must come out as one 0xFF data byte, and the answers
// stay proportional to the input (a peer cannot make the client send without bound).
#include "harness/link/rfc2217_client.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace athil::fuzz {
namespace {

using link::rfc2217_client;

struct received {
    std::string data;
    std::string replies;
    rfc2217_client::com_port_state state = rfc2217_client::com_port_state::offered;
    std::optional<std::uint32_t> baud;
    bool operator==(const received&) const = default;
};

received run(std::string_view input, std::size_t chunk) {
    rfc2217_client client;
    received r;
    while (!input.empty()) {
        const auto n = std::min(chunk, input.size());
        client.receive(input.substr(0, n), r.data, r.replies);
        input.remove_prefix(n);
    }
    r.state = client.state();
    r.baud = client.server_baud();
    return r;
}

} // namespace

int telnet_decoder(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const received whole = run(input, size + 1);
    check(run(input, 1) == whole, "telnet decoding depends on chunking (1-byte chunks)");
    check(run(input, 5) == whole, "telnet decoding depends on chunking (5-byte chunks)");
    check(whole.data.size() <= size, "more data bytes out than bytes in");
    // Each negotiation (3 bytes in) earns at most one 3-byte answer, plus the port settings
    // once the server accepts COM-PORT-OPTION.
    check(whole.replies.size() <= size + rfc2217_client::port_settings(115200).size() + 64,
          "answers out of proportion to the input");
    if (input.find('\xff') == std::string_view::npos) {
        check(whole.data == input, "plain bytes did not pass through unchanged");
    }
    return 0;
}

} // namespace athil::fuzz
