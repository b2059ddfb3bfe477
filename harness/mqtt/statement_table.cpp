// Data: the client-side statements of MQTT 3.1.1 and how each is covered. Edit a row here,
// then regenerate docs/MQTT-COVERAGE.md (see docs/CONTRIBUTING.md); the mqtt_coverage_doc test
// fails while the committed table is stale. Summaries are our own one-line paraphrases.

#include "harness/mqtt/statements.hpp"

#include <algorithm>
#include <array>

namespace athil::mqtt {
namespace {

using enum coverage;

constexpr std::string_view no_server_fault =
    "needs a broker that breaks the protocol towards the module; the rig's brokers are real "
    "Mosquitto, so no case provokes it yet";
constexpr std::string_view websocket = "the module speaks MQTT over TCP or TLS, never WebSocket";
constexpr std::string_view v31_lenient =
    "MQTT 3.1 has no such rule; the monitor judges a 3.1 (MQIsdp/3) connection by 3.1";

constexpr std::array table{
    statement{"§2",
              "every control packet is well formed: remaining length, fields and field lengths "
              "as sections 2 and 3 lay them out (no numbered statement: a packet the decoder "
              "cannot read)",
              monitor, "", ""},
    statement{"MQTT-1.5.3-1", "UTF-8 strings are well formed (no surrogates U+D800..U+DFFF)",
              monitor, "", ""},
    statement{"MQTT-1.5.3-2", "UTF-8 strings do not contain U+0000", monitor, "", ""},
    statement{"MQTT-1.5.3-3",
              "a receiver keeps a leading 0xEF 0xBB 0xBF (BOM) in a string, does not strip it",
              open, "an inbound topic with a BOM in distribution mode; no case sends one", ""},
    statement{"MQTT-2.2.2-1", "reserved fixed-header flag bits carry the listed values", monitor,
              "", "3.1 also allows DUP on PUBREL, SUBSCRIBE and UNSUBSCRIBE"},
    statement{"MQTT-2.2.2-2", "a receiver of invalid flags closes the connection", open,
              no_server_fault, ""},
    statement{"MQTT-2.3.1-1",
              "SUBSCRIBE, UNSUBSCRIBE and PUBLISH with QoS > 0 carry a non-zero packet id", monitor,
              "", ""},
    statement{"MQTT-2.3.1-2",
              "a new SUBSCRIBE, UNSUBSCRIBE or QoS > 0 PUBLISH uses a packet id not in flight",
              monitor, "", ""},
    statement{"MQTT-2.3.1-3",
              "a re-sent packet keeps its packet id; the id is free again after its "
              "acknowledgement",
              cases, "S3_1_Qos.Qos1ResentWithDupAfterReconnect", ""},
    statement{"MQTT-2.3.1-5", "a QoS 0 PUBLISH carries no packet id", not_observable,
              "a QoS 0 PUBLISH with two extra id bytes is indistinguishable from one whose "
              "payload starts with those bytes",
              ""},
    statement{"MQTT-2.3.1-6",
              "PUBACK, PUBREC and PUBREL carry the packet id of the PUBLISH they answer", monitor,
              "S3_1_Qos.*", ""},
    statement{"MQTT-3.1.0-1", "the first packet a client sends on a connection is CONNECT", monitor,
              "", ""},
    statement{"MQTT-3.1.0-2",
              "a second CONNECT on one connection is a protocol violation (the client sends "
              "CONNECT once)",
              monitor, "", ""},
    statement{"MQTT-3.1.2-3", "the reserved CONNECT flag (bit 0) is 0", monitor, "", v31_lenient},
    statement{"MQTT-3.1.2-6", "with CleanSession 1 the client discards any previous session",
              not_observable,
              "what the module discards is internal; the only visible part, re-sending old "
              "messages, is judged under MQTT-2.3.1-6 and MQTT-4.4.0-1",
              ""},
    statement{"MQTT-3.1.2-9", "with the Will Flag 1, will topic and will message are present",
              monitor, "S3_1_Connect.ConnectFieldsVersion3", ""},
    statement{"MQTT-3.1.2-11",
              "with the Will Flag 0, will QoS and will retain are 0 and no will fields follow",
              monitor, "S3_1_Connect.ConnectFieldsVersion4", v31_lenient},
    statement{"MQTT-3.1.2-13", "with the Will Flag 0, will QoS is 0", monitor, "", v31_lenient},
    statement{"MQTT-3.1.2-14", "will QoS is not 3", monitor, "", ""},
    statement{"MQTT-3.1.2-15", "with the Will Flag 0, will retain is 0", monitor, "", v31_lenient},
    statement{"MQTT-3.1.2-18", "with the User Name Flag 0, no user name follows", monitor,
              "S3_1_Connect.ConnectFieldsVersion4", ""},
    statement{"MQTT-3.1.2-19", "with the User Name Flag 1, a user name follows", monitor, "",
              "3.1 let a client set the flag and leave the field out"},
    statement{"MQTT-3.1.2-20", "with the Password Flag 0, no password follows", monitor, "", ""},
    statement{"MQTT-3.1.2-21", "with the Password Flag 1, a password follows", monitor, "",
              "3.1 let a client set the flag and leave the field out"},
    statement{"MQTT-3.1.2-22", "with the User Name Flag 0, the Password Flag is 0", monitor, "",
              v31_lenient},
    statement{"MQTT-3.1.2-23",
              "the client sends a packet (PINGREQ if nothing else) within every keepalive "
              "interval",
              cases, "S3_1_Keepalive.KeepalivePingreq, S3_1_Keepalive.KeepaliveZeroNoPingreq", ""},
    statement{"MQTT-3.1.3-1",
              "payload fields come in the order client id, will topic, will message, user "
              "name, password",
              cases, "S3_1_Connect.ConnectFieldsVersion3, S3_1_Connect.ConnectFieldsVersion4", ""},
    statement{"MQTT-3.1.3-2", "the client id identifies the session state of client and server",
              not_observable, "the module's own use of its client id for state is internal", ""},
    statement{"MQTT-3.1.3-3", "the client id is present and is the first payload field", cases,
              "S3_1_Connect.ConnectFieldsVersion3, S3_1_Connect.ConnectFieldsVersion4, "
              "S3_2_Aliyun.AliyunConnectFields",
              ""},
    statement{"MQTT-3.1.3-4", "the client id is a UTF-8 string", monitor, "", ""},
    statement{"MQTT-3.1.3-7", "a zero-length client id comes with CleanSession 1", monitor, "",
              "3.1 requires a client id of 1 to 23 characters, which the monitor does not judge"},
    statement{"MQTT-3.1.3-10", "the will topic is a UTF-8 string", monitor, "", ""},
    statement{"MQTT-3.1.3-11", "the user name is a UTF-8 string", monitor, "", ""},
    statement{"MQTT-3.3.1-1", "DUP is 1 when the client re-delivers a PUBLISH", monitor,
              "S3_1_Qos.Qos1ResentWithDupAfterReconnect", ""},
    statement{"MQTT-3.3.1-2", "DUP is 0 on every QoS 0 PUBLISH", monitor, "", ""},
    statement{"MQTT-3.3.1-4", "a PUBLISH never has both QoS bits set", monitor, "", ""},
    statement{"MQTT-3.3.2-1", "the topic name is present and is a UTF-8 string", monitor, "", ""},
    statement{"MQTT-3.3.2-2", "the topic name of a PUBLISH contains no wildcard (+ or #)", monitor,
              "", ""},
    statement{"MQTT-3.3.4-1",
              "the receiver of a PUBLISH answers as its QoS requires (PUBACK, PUBREC)", cases,
              "S3_1_Qos.Qos1InboundPuback, S3_1_Qos.Qos2InboundExactlyOnce", ""},
    statement{"MQTT-3.6.1-1", "PUBREL fixed-header flags are 0,0,1,0", monitor, "",
              "3.1 also allows DUP (0,1,0 with bit 3 set) on a re-sent PUBREL"},
    statement{"MQTT-3.8.1-1", "SUBSCRIBE fixed-header flags are 0,0,1,0", monitor, "",
              "3.1 also allows DUP on a re-sent SUBSCRIBE"},
    statement{"MQTT-3.8.3-1", "SUBSCRIBE topic filters are UTF-8 strings", monitor, "", ""},
    statement{"MQTT-3.8.3-3", "a SUBSCRIBE carries at least one topic filter / QoS pair", monitor,
              "", ""},
    statement{"MQTT-3.8.3-4",
              "the requested-QoS byte of a SUBSCRIBE has reserved bits 0 and QoS 0, 1 or 2",
              monitor, "", ""},
    statement{"MQTT-3.10.1-1", "UNSUBSCRIBE fixed-header flags are 0,0,1,0", monitor, "",
              "3.1 also allows DUP on a re-sent UNSUBSCRIBE"},
    statement{"MQTT-3.10.3-1", "UNSUBSCRIBE topic filters are UTF-8 strings", monitor, "", ""},
    statement{"MQTT-3.10.3-2", "an UNSUBSCRIBE carries at least one topic filter", monitor, "", ""},
    statement{"MQTT-3.14.1-1", "DISCONNECT fixed-header flags are 0", monitor, "", ""},
    statement{"MQTT-3.14.4-1", "after DISCONNECT the client closes the connection", not_applicable,
              "every restart of the module is a power cycle that drops the link without "
              "DISCONNECT (manual 1.2); the module never ends a connection orderly",
              ""},
    statement{"MQTT-3.14.4-2", "after DISCONNECT the client sends nothing more on the connection",
              monitor, "", ""},
    statement{"MQTT-4.1.0-1", "client and server keep the session state for the whole session",
              cases,
              "S3_1_Qos.Qos1ResentWithDupAfterReconnect, S3_1_Qos.Qos2InboundRedeliveredOnce, "
              "S3_1_Session.*",
              ""},
    statement{"MQTT-4.1.0-2", "a session lasts at least as long as its network connection",
              not_observable, "the lifetime of the module's session state is internal", ""},
    statement{"MQTT-4.3.1-1", "a QoS 0 message goes out as one PUBLISH with QoS 0, DUP 0", monitor,
              "S3_1_1_Transparent.*", ""},
    statement{"MQTT-4.3.2-1",
              "QoS 1 sender: a new message gets an unused id and DUP 0 and stays unacknowledged "
              "until its PUBACK",
              monitor, "S3_1_Qos.Qos1OutboundPuback", ""},
    statement{"MQTT-4.3.2-2",
              "QoS 1 receiver: answers PUBACK with the PUBLISH's id once it owns the message",
              cases, "S3_1_Qos.Qos1InboundPuback", ""},
    statement{"MQTT-4.3.3-1",
              "QoS 2 sender: unused id, DUP 0, PUBREL with the id after PUBREC, and no PUBLISH "
              "of that id again once PUBREL is sent",
              monitor, "S3_1_Qos.Qos2OutboundHandshake", ""},
    statement{"MQTT-4.3.3-2",
              "QoS 2 receiver: PUBREC with the id, PUBREC again for a repeat before PUBREL, "
              "delivers once, PUBCOMP for PUBREL",
              cases, "S3_1_Qos.Qos2InboundExactlyOnce, S3_1_Qos.Qos2InboundRedeliveredOnce", ""},
    statement{"MQTT-4.4.0-1",
              "reconnecting with CleanSession 0, the client re-sends unacknowledged PUBLISH and "
              "PUBREL with their original ids",
              cases, "S3_1_Qos.Qos1ResentWithDupAfterReconnect", ""},
    statement{"MQTT-4.5.0-2",
              "the client acknowledges every PUBLISH it receives, whether it uses the message "
              "or not",
              cases, "S3_1_Qos.Qos1InboundPuback, S3_1_Retain.RetainedReachesModuleOnSubscribe",
              ""},
    statement{"MQTT-4.6.0-1", "re-sent PUBLISH packets go out in their original order", open,
              "two unacknowledged messages across a reconnect; no case builds that", ""},
    statement{"MQTT-4.6.0-2", "PUBACKs go out in the order the QoS 1 PUBLISHes came in", monitor,
              "", ""},
    statement{"MQTT-4.6.0-3", "PUBRECs go out in the order the QoS 2 PUBLISHes came in", monitor,
              "", ""},
    statement{"MQTT-4.6.0-4", "PUBRELs go out in the order the PUBRECs came in", monitor, "", ""},
    statement{"MQTT-4.7.1-1", "wildcards are used in topic filters only, never in a topic name",
              monitor, "", ""},
    statement{"MQTT-4.7.1-2", "# stands alone as the last level of a topic filter", monitor, "",
              ""},
    statement{"MQTT-4.7.1-3", "+ occupies a whole level of a topic filter", monitor, "", ""},
    statement{"MQTT-4.7.3-1", "topic names and topic filters are at least one character long",
              monitor, "", ""},
    statement{"MQTT-4.7.3-2", "topic names and topic filters contain no U+0000", monitor, "", ""},
    statement{"MQTT-4.7.3-3", "topic names and topic filters encode to at most 65535 bytes",
              not_applicable,
              "a longer string cannot be written with the 16-bit length prefix; the module's "
              "topics are at most 128 bytes (manual 2.3, 2.4)",
              ""},
    statement{"MQTT-4.8.0-1", "a client that receives a protocol violation closes the connection",
              open, no_server_fault, ""},
    statement{"MQTT-4.8.0-2", "a transient error while processing a packet closes the connection",
              not_observable, "the module's internal errors are not visible on the wire", ""},
    statement{"MQTT-6.0.0-1", "over WebSocket, MQTT travels in binary frames", not_applicable,
              websocket, ""},
    statement{"MQTT-6.0.0-2", "over WebSocket, a receiver reassembles packets across frames",
              not_applicable, websocket, ""},
    statement{"MQTT-6.0.0-3", "over WebSocket, a receiver does not assume frame alignment",
              not_applicable, websocket, ""},
    statement{"MQTT-6.0.0-4", "over WebSocket, the client offers the subprotocol \"mqtt\"",
              not_applicable, websocket, ""},
};

constexpr std::string_view server_only[] = {
    "MQTT-2.3.1-4",  "MQTT-2.3.1-7",  "MQTT-3.1.2-1",  "MQTT-3.1.2-2",  "MQTT-3.1.2-4",
    "MQTT-3.1.2-5",  "MQTT-3.1.2-7",  "MQTT-3.1.2-8",  "MQTT-3.1.2-10", "MQTT-3.1.2-12",
    "MQTT-3.1.2-16", "MQTT-3.1.2-17", "MQTT-3.1.2-24", "MQTT-3.1.3-5",  "MQTT-3.1.3-6",
    "MQTT-3.1.3-8",  "MQTT-3.1.3-9",  "MQTT-3.1.4-1",  "MQTT-3.1.4-2",  "MQTT-3.1.4-3",
    "MQTT-3.1.4-4",  "MQTT-3.1.4-5",  "MQTT-3.2.0-1",  "MQTT-3.2.2-1",  "MQTT-3.2.2-2",
    "MQTT-3.2.2-3",  "MQTT-3.2.2-4",  "MQTT-3.2.2-5",  "MQTT-3.2.2-6",  "MQTT-3.3.1-3",
    "MQTT-3.3.1-5",  "MQTT-3.3.1-6",  "MQTT-3.3.1-7",  "MQTT-3.3.1-8",  "MQTT-3.3.1-9",
    "MQTT-3.3.1-10", "MQTT-3.3.1-11", "MQTT-3.3.1-12", "MQTT-3.3.2-3",  "MQTT-3.3.5-1",
    "MQTT-3.3.5-2",  "MQTT-3.6.4-1",  "MQTT-3.8.3-2",  "MQTT-3.8.4-1",  "MQTT-3.8.4-2",
    "MQTT-3.8.4-3",  "MQTT-3.8.4-4",  "MQTT-3.8.4-5",  "MQTT-3.8.4-6",  "MQTT-3.9.3-1",
    "MQTT-3.9.3-2",  "MQTT-3.10.4-1", "MQTT-3.10.4-2", "MQTT-3.10.4-3", "MQTT-3.10.4-4",
    "MQTT-3.10.4-5", "MQTT-3.10.4-6", "MQTT-3.12.4-1", "MQTT-3.14.4-3", "MQTT-4.5.0-1",
    "MQTT-4.6.0-5",  "MQTT-4.6.0-6",  "MQTT-4.7.2-1",  "MQTT-4.7.3-4",
};

} // namespace

const char* to_string(coverage c) noexcept {
    switch (c) {
    case coverage::monitor:
        return "monitor";
    case coverage::cases:
        return "case";
    case coverage::open:
        return "open";
    case coverage::not_observable:
        return "not observable";
    case coverage::not_applicable:
        return "not applicable";
    }
    return "?";
}

std::span<const statement> client_statements() noexcept {
    return table;
}

const statement* find_statement(std::string_view id) noexcept {
    const auto it =
        std::find_if(table.begin(), table.end(), [id](const statement& s) { return s.id == id; });
    return it == table.end() ? nullptr : &*it;
}

std::span<const std::string_view> server_only_statements() noexcept {
    return server_only;
}

} // namespace athil::mqtt
