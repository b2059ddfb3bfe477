#pragma once
// Removes secrets from serial text before it is stored: the values of AT+MQTTPSW=,
// AT+ALIDEVSEC= and the key content of AT+SSLCRT=2, (host to module, and their echo), the
// values of +MQTTPSW: and +ALIDEVSEC: (module to host), every PEM private key block whatever
// command carries it, and every registered secret string.

#include <string>
#include <string_view>
#include <vector>

namespace athil::session {

inline constexpr std::string_view redacted_mark = "******";

class redactor {
public:
    // Any later occurrence of `secret` is replaced; empty strings are ignored.
    void register_secret(std::string secret);

    // Redacts text made of lines; CR and LF are kept where they are. A sensitive value runs to
    // the end of its line: PEM keys are sent with the vendor's [0D][0A] escapes (MANUAL 2.19),
    // so the key is one line.
    std::string redact(std::string_view text) const;

private:
    std::string redact_line(std::string_view line) const;
    std::vector<std::string> secrets_; // longest first, so a secret inside another goes too
};

} // namespace athil::session
