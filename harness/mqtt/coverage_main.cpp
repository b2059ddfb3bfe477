// Prints docs/MQTT-COVERAGE.md: athil_mqtt_coverage > docs/MQTT-COVERAGE.md
#include "harness/mqtt/coverage_doc.hpp"

#include <iostream>

int main() {
    std::cout << athil::mqtt::coverage_markdown();
    return std::cout.good() ? 0 : 2;
}
