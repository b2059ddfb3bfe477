#pragma once
// Internal to the PKI generator: EC keys and X.509 v3 certificates through OpenSSL 3's C API.

#include "certs/openssl_handles.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace athil::certs {

enum class cert_role { ca, server, client };

struct cert_spec {
    std::string common_name;
    cert_role role = cert_role::server;
    std::vector<std::string> sans; // "DNS:x" / "IP:a.b.c.d" (server and client roles only)
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
};

// A fresh EC P-256 key pair.
pkey_ptr make_ec_key();

// Issues a certificate for `subject_key` signed with `issuer_key` (SHA-256). `issuer_cert` is
// null for a self-signed CA. The serial is 127 random bits, so no two runs collide.
x509_ptr issue_certificate(const cert_spec& spec, EVP_PKEY* subject_key, X509* issuer_cert,
                           EVP_PKEY* issuer_key);

// Throws athil_error naming `step` and the first queued OpenSSL error.
[[noreturn]] void throw_openssl_error(std::string_view step);

} // namespace athil::certs
