#pragma once
// MQTT topic filter matching (MQTT 3.1.1 §4.7): "+" matches exactly one level, "#" (last
// level only) matches the parent level and everything below it, and wildcards in the first
// level never match topics starting with "$". An invalid filter matches nothing.

#include <string_view>

namespace athil::mqtt {

bool topic_matches(std::string_view filter, std::string_view topic);

// A filter that obeys §4.7.1: non-empty, "#" alone in the last level, "+" alone in a level.
bool valid_topic_filter(std::string_view filter);

} // namespace athil::mqtt
