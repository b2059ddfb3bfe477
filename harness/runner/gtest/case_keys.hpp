#pragma once
// The names under which a running conformance case hands its evidence to the reporters, through
// GoogleTest's RecordProperty(key, value). The suites include this header instead of spelling
// the strings, so a renamed key breaks the build rather than silently emptying a report.
//
// GoogleTest hands property values on as C strings: a NUL byte ends the value. Transcripts
// must carry NUL escaped (the session's transcript does); every other byte is escaped by the
// reporters.
//
// Keys recorded outside any test (in an Environment's SetUp, once the module answered AT+VER)
// describe the whole run and fill the report's header.

#include <string_view>

namespace athil::report::keys {

// Per case.
inline constexpr std::string_view clause = "clause";         // "2.3"
inline constexpr std::string_view command = "command";       // "AT+MQTTPUBTP"
inline constexpr std::string_view source = "source";         // "suites/spec/s2_03.yaml:41"
inline constexpr std::string_view tag = "tag";               // [M] manual, [C], [R] reference
inline constexpr std::string_view transcript = "transcript"; // redacted serial transcript
inline constexpr std::string_view broker_log = "broker_log"; // broker log lines of this case
inline constexpr std::string_view packets = "packets";       // wire-tap lines, one per packet
inline constexpr std::string_view retries = "retries";       // decimal count of repeated tries
inline constexpr std::string_view deviation = "deviation";   // id of the profile's deviation
// Restarts of the module during the case (its body, restores and recovery, every attempt), as a
// decimal count, and by command ("AT+S:1 AT+CLEAR:1"); the waits no answer could shorten
// (boots, guard silences, packing gaps) in milliseconds.
inline constexpr std::string_view restarts = "restarts";
inline constexpr std::string_view restart_commands = "restart_commands";
inline constexpr std::string_view forced_wait_ms = "forced_wait_ms";
// A case that shares its restart with others (case_def::batch): "AT+Z of 27 cases, counted on
// S2_2_MQTTCFG.ZDiscardsUnsaved" when the shared restart judged it (only that case counts the
// restart), or "AT+Z of 27 cases failed it; judged alone" when its verdict is its own run.
inline constexpr std::string_view shared_restart = "shared_restart";
// A section-3 case that worked on the live connection of an earlier case instead of its own AT+S
// (suites/live_connection.hpp): that case's name. When that shared attempt failed, its message
// is `shared_attempt` and the verdict is the case's rerun in its own world.
inline constexpr std::string_view shared_connection = "shared_connection";
inline constexpr std::string_view shared_attempt = "shared_attempt";
// A failed earlier attempt of a rerun case (--retries): "attempt.<N>.<field>" with the fields
// below, N counting from 1. Recorded by run_with_retries (case_retry.hpp).
inline constexpr std::string_view attempt_prefix = "attempt.";
inline constexpr std::string_view attempt_message = "message";
inline constexpr std::string_view attempt_details = "details";
inline constexpr std::string_view attempt_transcript = "transcript";
inline constexpr std::string_view attempt_duration_ms = "duration_ms";
inline constexpr std::string_view attempt_error = "error"; // "1" when the attempt was an error
// The failed check of a failing case, as fields (suites::failed_check_fields).
inline constexpr std::string_view check_what = "check.what";
inline constexpr std::string_view check_sent = "check.sent";
inline constexpr std::string_view check_expected = "check.expected";
inline constexpr std::string_view check_received = "check.received";
// Present when the case could not judge the module because the rig failed (port gone, broker
// down): the case is reported as an error, not as nonconformance.
inline constexpr std::string_view infrastructure = "infrastructure";

// Per run (recorded outside a test).
inline constexpr std::string_view firmware = "dut_firmware"; // AT+VER answer
inline constexpr std::string_view serial_number = "dut_sn";
inline constexpr std::string_view imei = "dut_imei";
inline constexpr std::string_view model = "dut_model";

// Skip messages that start with this prefix are known deviations allowed by the profile.
inline constexpr std::string_view known_deviation_prefix = "known deviation:";

} // namespace athil::report::keys
