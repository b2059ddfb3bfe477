#pragma once
// Decodes one packet whose fixed header has already been framed: the first byte (type and
// flags) and exactly remaining-length body bytes. Internal to harness/mqtt; stream_decoder
// does the framing.

#include "harness/mqtt/packet.hpp"

#include <cstdint>
#include <string_view>

namespace athil::mqtt::detail {

// What the decoder has learned about the connection so far; MQTT 3.1 allowed a few things
// that 3.1.1 forbids (DUP on a resent PUBREL/SUBSCRIBE/UNSUBSCRIBE).
struct decode_context {
    std::uint8_t protocol_level = 4;
};

// Throws athil_error(protocol_error, sentence naming the packet and the field). A sentence
// for a rule the standard numbers ends with the statement id in brackets, "[MQTT-3.8.1-1]":
// the wire monitor reads it to name the statement a rejected packet breaks.
packet decode_body(std::uint8_t first_byte, std::string_view body, decode_context& context);

} // namespace athil::mqtt::detail
