#pragma once
// docs/MQTT-COVERAGE.md as text, written from the statement table (statements.hpp): counts and
// percentages per category, then one row per statement. The mqtt_coverage tool prints it; a
// test compares it with the committed file.

#include <string>

namespace athil::mqtt {

std::string coverage_markdown();

} // namespace athil::mqtt
