#pragma once
// Removes secrets from text before it is stored or printed: the values of AT+MQTTPSW=,
// AT+ALIDEVSEC= and the key content of AT+SSLCRT=2, (host to module, and their echo), the
// values of +MQTTPSW: and +ALIDEVSEC: (module to host), every PEM private key block whatever
// command carries it, and every registered or learned secret string.
//
// A run has one redactor, run_redactor(): the transcript records through it and every case
// result passes it before any report or the console sees it, so a secret that the harness set,
// that a case registered or that the module read back is hidden in every output at once.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace athil {

inline constexpr std::string_view redacted_mark = "******";

class redactor {
public:
    // Values learned from the wire shorter than this are not hidden wherever they appear (they
    // still are after their markers): a one-byte boundary-test password such as "a" would
    // otherwise blank every "a" of every report.
    static constexpr std::size_t min_learned_size = 6;

    redactor() = default;
    redactor(const redactor&) = delete;
    redactor& operator=(const redactor&) = delete;

    // Any later occurrence of `secret` is replaced; empty strings are ignored.
    void register_secret(std::string secret);

    // Registers the values that follow the markers in `text` (a password set with AT+MQTTPSW=
    // or read back as +MQTTPSW:, with and without its quotes), so they are hidden also where
    // no marker precedes them. Values declared public and short values are not learned.
    void learn(std::string_view text);

    // A value printed in the manual (a factory default such as "usr.cn") is no secret and is
    // never learned: hiding it everywhere would blank the usr.cn# serial-AT prefix.
    void declare_public(std::string value);

    // Redacts text made of lines; CR and LF are kept where they are. A sensitive value runs to
    // the end of its line: PEM keys are sent with the vendor's [0D][0A] escapes (MANUAL 2.19),
    // so the key is one line.
    std::string redact(std::string_view text) const;

private:
    void add_secret_locked(std::string secret);
    std::string redact_line(std::string_view line) const;

    mutable std::mutex mutex_;         // sessions of a rack fan-out share run_redactor()
    std::vector<std::string> secrets_; // longest first, so a secret inside another goes too
    std::vector<std::string> public_;
};

// The process's redactor: every text that reaches an output passes it.
redactor& run_redactor();

} // namespace athil
