#pragma once
// A throwaway PKI for one run: a CA, a server and a client certificate it signed, an expired
// server certificate, and a rogue CA with a server certificate of its own. Everything is EC
// P-256 with SHA-256 (fast to make, and short enough for AT+SSLCRT's 2900-byte limit once
// escaped). Keys are written mode 0600, the folder is made mode 0700, and nothing here is ever
// meant to be trusted outside the run that made it.

#include <filesystem>
#include <string>
#include <vector>

namespace athil::certs {

struct pki_options {
    // Host name (or IP literal) the module is configured with for the broker; added to the
    // server certificates' SANs beside DNS:localhost and IP:127.0.0.1, and used as their CN.
    std::string server_host = "localhost";
    // More SANs for the server certificates: "DNS:name" or "IP:addr" as given; a bare entry is
    // an IP SAN when it parses as an IPv4/IPv6 literal and a DNS SAN otherwise.
    std::vector<std::string> extra_sans;
};

// Paths of the PEM files written by generate_test_pki.
struct test_pki {
    std::filesystem::path dir;
    std::filesystem::path ca_cert, ca_key;
    std::filesystem::path server_cert, server_key;
    std::filesystem::path client_cert, client_key; // CN test-client, extendedKeyUsage clientAuth
    std::filesystem::path expired_server_cert, expired_server_key; // by the CA, notAfter passed
    std::filesystem::path rogue_ca_cert, rogue_ca_key;
    std::filesystem::path rogue_server_cert, rogue_server_key; // by the rogue CA, same SANs
};

// Writes the PKI into `dir` (created if needed, then set to mode 0700; existing files of the
// same names are replaced). Throws athil_error(bad_input) for an unusable SAN or host name and
// athil_error(process_failed) when OpenSSL or the file system fails, naming the step.
test_pki generate_test_pki(const std::filesystem::path& dir, const pki_options& options = {});

} // namespace athil::certs
