#pragma once
// The secrets a run configured, and the forms in which a leak of one could plausibly appear
// in an output (as is, base64, JSON, XML or URL escaped). Pure text functions.

#include <string>
#include <utility>
#include <vector>

namespace athil::faults {

struct secret {
    std::string what;  // "2.11 password", "rig key client.key"
    std::string value; // the bytes that must never appear
};

// AT+MQTTPSW / AT+ALIDEVSEC values and AT+SSLCRT private keys received by the simulator, from
// its --log (lines "<ms> rx <line with \xHH escapes>"). The factory default password (usr.cn,
// printed in the manual) and values under 6 bytes are not secrets worth the name.
std::vector<secret> secrets_in_wire_log(const std::string& log);

// The key material of a PEM private key: each base64 line of its body, the first without the
// algorithm header that every key of the kind shares.
std::vector<secret> secrets_of_pem(const std::string& pem, const std::string& what);

// (form name, bytes) for each plausible encoding of the value; duplicates removed.
std::vector<std::pair<std::string, std::string>> forms_of(const std::string& value);

} // namespace athil::faults
