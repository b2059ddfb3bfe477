#pragma once
// Packet → exact wire bytes. The encoder writes what the struct says, including values a
// conforming peer would never send (a password without a user name, a will qos of 3), so the
// simulator's quirks and the tests can produce deliberately wrong packets; it throws
// athil_error(bad_input) only for what cannot be represented at all (a string over 65535
// bytes, a qos above 3, a packet over 268435455 bytes).

#include "harness/core/error.hpp"
#include "harness/mqtt/packet.hpp"

#include <string>

namespace athil::mqtt {

std::string encode(const packet& p);

} // namespace athil::mqtt
