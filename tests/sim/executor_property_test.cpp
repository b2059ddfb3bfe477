// Random command lines against the executor: it never crashes, answers every line with exactly
// one final result, and a rejected line leaves every stored value as it was.
#include "fixtures/sim/executor.hpp"
#include "fixtures/sim/persistence.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace athil::sim {
namespace {

constexpr std::array names{
    "WKMOD",     "MQTTCFG",    "MQTTPUBTP", "MQTTSUBTP", "MQTTWILL", "MQTTMOD",   "MQTTVER",
    "MQTTSVR",   "MQTTCID",    "MQTTUSER",  "MQTTPSW",   "MQTTSTA",  "ALIREGION", "ALIPRODKEY",
    "ALIDEVSEC", "ALIDEVNAME", "ALIDEVID",  "SSLEN",     "SSLCRT",   "SSLAUTH",   "SSLCFG",
    "E",         "VER",        "CSQ",       "UARTFT",    "UARTFL",   "HEARTEN",   "HEARTDT",
    "HEARTTM",   "CMDPW",      "UATEN",     "ENTM",      "S",        "Z",         "X"};
constexpr std::array forms{"", "?", "=?", "=", "=?x", "??"};
constexpr std::array fields{"0",     "1",    "2",   "3",   "10", "11",   "60",         "65535",
                            "65536", "-1",   "ON",  "OFF", "on", "NONE", "PEER",       "ALL",
                            "MQTT",  "NOR",  "ALI", "CMD", "/t", "",     " ",          "[0D][0A]",
                            "\x01",  "4097", "500", "19",  "AB", "ABC",  "99999999999"};

std::string random_line(std::mt19937& rng) {
    std::string line = rng() % 20 == 0 ? "at+" : "AT+";
    line += names[rng() % names.size()];
    line += forms[rng() % forms.size()];
    if (line.back() == '=') {
        const auto n = rng() % 8;
        for (unsigned i = 0; i < n; ++i) {
            line += i == 0 ? "" : ",";
            line += fields[rng() % fields.size()];
            if (rng() % 30 == 0) {
                line += std::string(rng() % 3000, 'x');
            }
        }
    }
    return line;
}

TEST(executor_property_test, RejectedLinesChangeNothingAndEveryLineGetsOneFinalResult) {
    identity id;
    quirk_set quirks;
    settings s = factory_defaults(id.serial_number);
    std::mt19937 rng(20261126);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto line = random_line(rng);
        const auto before = to_json_text(s);
        const auto r = execute(s, line, command_context{id, quirks, false});
        const bool ends_ok = r.response.ends_with("\r\nOK\r\n");
        const bool ends_error =
            r.response.starts_with("\r\n+CME ERROR:") && r.response.ends_with("\r\n");
        ASSERT_TRUE(ends_ok != ends_error) << line << " -> " << r.response;
        ASSERT_EQ(r.ok, ends_ok) << line;
        if (!r.ok) {
            ++rejected;
            ASSERT_EQ(to_json_text(s), before) << "rejected but changed: " << line;
        } else {
            ++accepted;
        }
    }
    // The generator must exercise both outcomes, or the property says nothing.
    EXPECT_GT(accepted, 100);
    EXPECT_GT(rejected, 100);
}

} // namespace
} // namespace athil::sim
