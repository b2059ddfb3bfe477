#pragma once
// The CONNECT that MANUAL.md 3.1's table gives for factory settings: MQTT 3.1 ("MQIsdp"/3,
// 2.7), the serial number as client id (2.9), usr.cn/usr.cn (2.10, 2.11), keepalive 60 and
// clean session 0 (2.2), no will (2.5).

#include "harness/mqtt/packet.hpp"

namespace athil::sim::test {

inline mqtt::connect_packet factory_connect() {
    return {"MQIsdp", 3, false, 60, "02400122052700000529", "usr.cn", "usr.cn", std::nullopt};
}

} // namespace athil::sim::test
