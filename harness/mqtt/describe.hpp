#pragma once
// One line per packet for logs and reports, e.g.
//   PUBLISH qos=1 retain=0 dup=0 id=7 topic=/PubTopic1 payload(5)=hello
// Bytes outside printable ASCII are shown as \xNN, long payloads are cut with "...", and the
// CONNECT password is redacted (reports must never carry secrets).

#include "harness/mqtt/packet.hpp"

#include <string>
#include <string_view>

namespace athil::mqtt {

std::string describe(const packet& p);

// Printable form of arbitrary bytes, at most max_bytes of the input shown.
std::string printable(std::string_view bytes, std::size_t max_bytes = 64);

} // namespace athil::mqtt
