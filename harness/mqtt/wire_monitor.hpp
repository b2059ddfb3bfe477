#pragma once
// The wire conformance monitor: the client-side rules of MQTT 3.1.1 that hold for every packet
// (flag and reserved bits, packet ids in flight, topic rules, CONNECT flag consistency, order of
// acknowledgements), judged on the decoded stream of both directions. Fed packets in the order
// a tap saw them; keeps per-connection state and, per client id, the session state a
// CleanSession 0 connection carries over. Pure: no I/O, no clocks, no test framework.
//
// Packets the decoder rejected arrive as on_malformed(): the decoder ends the sentence of a
// numbered rule with its id ("[MQTT-3.8.1-1]"); a sentence without one breaks "§2" (a packet
// the decoder cannot read at all).

#include "harness/core/clock.hpp"
#include "harness/mqtt/packet.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace athil::mqtt {

enum class sender { client, server };

struct wire_violation {
    std::string statement; // "MQTT-3.3.1-2" (a key of statements.hpp)
    std::size_t connection = 0;
    sender from = sender::client;
    steady_clock::time_point at;
    std::string packet; // describe() of the packet, or the decoder's sentence
    std::string text;   // what is wrong, in one line
};

class wire_monitor {
public:
    wire_monitor();
    ~wire_monitor();
    wire_monitor(wire_monitor&&) noexcept;
    wire_monitor& operator=(wire_monitor&&) noexcept;

    void on_packet(std::size_t connection, sender from, steady_clock::time_point at,
                   const packet& p);
    // A packet the decoder rejected, with the decoder's sentence.
    void on_malformed(std::size_t connection, sender from, steady_clock::time_point at,
                      std::string_view sentence);

    const std::vector<wire_violation>& violations() const noexcept { return violations_; }

private:
    struct state;
    std::unique_ptr<state> state_;
    std::vector<wire_violation> violations_;
};

// The statement id a decoder sentence names ("MQTT-3.8.1-1"), or "§2" when it names none.
std::string statement_of_decode_error(std::string_view sentence);

} // namespace athil::mqtt
