// docs/MQTT-COVERAGE.md is the generator's output for the statement table, with one row per
// statement: regenerate it with build/dev/harness/mqtt/athil_mqtt_coverage.

#include "harness/mqtt/coverage_doc.hpp"
#include "harness/mqtt/statements.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

std::string committed_doc() {
    std::ifstream in(std::string(ATHIL_SOURCE_DIR) + "/docs/MQTT-COVERAGE.md");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(MqttCoverage, CommittedDocIsCurrent) {
    EXPECT_TRUE(committed_doc() == athil::mqtt::coverage_markdown())
        << "docs/MQTT-COVERAGE.md is stale: run "
           "build/dev/harness/mqtt/athil_mqtt_coverage > docs/MQTT-COVERAGE.md";
}

TEST(MqttCoverage, EveryStatementHasARow) {
    const auto doc = committed_doc();
    for (const auto& s : athil::mqtt::client_statements()) {
        EXPECT_NE(doc.find("| " + std::string(s.id) + " |"), std::string::npos)
            << s.id << " has no row in docs/MQTT-COVERAGE.md";
    }
}

} // namespace
