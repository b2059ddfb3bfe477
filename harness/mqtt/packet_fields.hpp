#pragma once
// A packet's fields as key/value text for structured evidence (a case's timeline in
// results.json): type, then what that type carries — id, qos, retain, dup, topic, a payload
// preview, the CONNECT fields. The password is never shown, only whether one was sent.

#include "harness/mqtt/packet.hpp"

#include <string>
#include <utility>
#include <vector>

namespace athil::mqtt {

using field_list = std::vector<std::pair<std::string, std::string>>;

field_list packet_fields(const packet& p);

} // namespace athil::mqtt
