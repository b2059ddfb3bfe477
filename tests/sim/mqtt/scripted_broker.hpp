#pragma once
// A minimal in-process MQTT broker for wire-level checks a real broker will not do on demand:
// withhold acknowledgements, refuse a CONNACK, ignore PINGREQ, drop the link, and record every
// packet the module sent, per connection, decoded with the project's codec. One connection at
// a time (a new one replaces the old); its own io thread; everything else is test-thread safe.

#include "harness/mqtt/codec.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace athil::sim::test {

struct recorded_packet {
    std::size_t connection = 0; // 1 for the first accepted connection
    mqtt::packet packet;
};

struct broker_script {
    std::uint8_t connack_code = 0;
    bool send_connack = true;
    bool answer_pings = true;
    bool ack_publishes = true; // PUBACK / PUBREC / PUBCOMP
    bool ack_subscribes = true;
};

class scripted_broker {
public:
    scripted_broker();
    ~scripted_broker();
    scripted_broker(const scripted_broker&) = delete;
    scripted_broker& operator=(const scripted_broker&) = delete;

    std::uint16_t port() const;
    void set_script(const broker_script& script);
    std::vector<recorded_packet> packets() const;
    std::size_t connections() const;
    // The first recorded packet (from any earlier time too) for which `match` is true.
    std::optional<recorded_packet>
    wait_for(const std::function<bool(const recorded_packet&)>& match,
             std::chrono::milliseconds limit = std::chrono::seconds(10)) const;
    void send(const mqtt::packet& p); // to the current connection
    void drop();                      // close the current connection (no packet)

    struct impl;

private:
    std::shared_ptr<impl> impl_;
};

template <typename T>
bool is(const recorded_packet& r) {
    return std::holds_alternative<T>(r.packet);
}

} // namespace athil::sim::test
