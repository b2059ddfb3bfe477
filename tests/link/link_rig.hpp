#pragma once
// One link of each kind with the test holding the far end ("peer"): a pty master for serial,
// the accepted socket for raw TCP, and for RFC 2217 the accepted socket behind a minimal
// server side that checks the client's negotiation and then speaks escaped telnet data.

#include "harness/link/byte_link.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace athil::test {

class link_peer {
public:
    virtual ~link_peer() = default;
    virtual std::string read_some(deadline until) = 0; // client data, unescaped
    virtual void write(std::string_view bytes) = 0;    // data to the client
    virtual void close() = 0;                          // the peer goes away
};

// Calls read_some(deadline) until `n` bytes arrived or 5 s passed; returns what came.
template <class Reader>
std::string read_bytes(Reader& reader, std::size_t n) {
    const auto until = deadline_in(std::chrono::seconds(5));
    std::string got;
    while (got.size() < n) {
        const auto chunk = reader.read_some(until);
        if (chunk.empty()) {
            break;
        }
        got += chunk;
    }
    return got;
}

struct link_rig {
    std::unique_ptr<link::byte_link> link;
    std::unique_ptr<link_peer> peer;
    std::string expected_description_prefix;
};

enum class rig_kind { serial, tcp, rfc2217 };
std::string to_string(rig_kind kind);
link_rig make_rig(rig_kind kind);

} // namespace athil::test
