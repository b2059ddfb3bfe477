#include "certs/test_pki.hpp"

#include "certs/issuer.hpp"
#include "certs/pem_file.hpp"
#include "harness/core/error.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace athil::certs {
namespace {

using std::chrono::days;

bool is_ip_literal(const std::string& text) {
    std::array<unsigned char, 16> buffer{};
    return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

bool is_dns_name(const std::string& text) {
    // Letters, digits, '-', '.', '_' and a wildcard '*'; nothing that could break the SAN
    // configuration string (',' ':') or smuggle in another entry.
    return !text.empty() && text.size() <= 253 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.' || c == '_' || c == '*';
    });
}

std::string san_entry(const std::string& text) {
    if (text.rfind("IP:", 0) == 0) {
        if (!is_ip_literal(text.substr(3))) {
            throw athil_error(errc::bad_input, "test PKI: not an IP address: " + text);
        }
        return text;
    }
    if (text.rfind("DNS:", 0) == 0) {
        if (!is_dns_name(text.substr(4))) {
            throw athil_error(errc::bad_input, "test PKI: not a DNS name: " + text);
        }
        return text;
    }
    if (is_ip_literal(text)) {
        return "IP:" + text;
    }
    if (is_dns_name(text)) {
        return "DNS:" + text;
    }
    throw athil_error(errc::bad_input, "test PKI: not a host name or IP address: '" + text + "'");
}

std::vector<std::string> server_sans(const pki_options& options) {
    std::vector<std::string> wanted{"DNS:localhost", "IP:127.0.0.1", options.server_host};
    wanted.insert(wanted.end(), options.extra_sans.begin(), options.extra_sans.end());
    std::vector<std::string> sans;
    for (const auto& text : wanted) {
        auto entry = san_entry(text);
        if (std::find(sans.begin(), sans.end(), entry) == sans.end()) {
            sans.push_back(std::move(entry));
        }
    }
    return sans;
}

struct issued {
    pkey_ptr key;
    x509_ptr cert;
};

issued make_ca(const std::string& name, std::chrono::system_clock::time_point now) {
    issued ca{make_ec_key(), nullptr};
    // Valid from before the expired certificate's start, so that one fails on its own dates
    // only and not because its issuer was not yet valid.
    ca.cert = issue_certificate({name, cert_role::ca, {}, now - days(90), now + days(3650)},
                                ca.key.get(), nullptr, ca.key.get());
    return ca;
}

issued make_leaf(const cert_spec& spec, const issued& ca) {
    issued leaf{make_ec_key(), nullptr};
    leaf.cert = issue_certificate(spec, leaf.key.get(), ca.cert.get(), ca.key.get());
    return leaf;
}

// Writes <stem>.key and <stem>.crt into dir and records both paths in the result.
void write_pair(const issued& pair, const std::filesystem::path& dir, const std::string& stem,
                std::filesystem::path& cert_path, std::filesystem::path& key_path) {
    key_path = dir / (stem + ".key");
    cert_path = dir / (stem + ".crt");
    write_pem_private_key(key_path, pair.key.get());
    write_pem_certificate(cert_path, pair.cert.get());
}

} // namespace

test_pki generate_test_pki(const std::filesystem::path& dir, const pki_options& options) {
    const auto sans = server_sans(options); // validates input before touching the disk
    const auto common_name = options.server_host;

    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);

    test_pki pki;
    pki.dir = dir;

    // Backdated by a day so a module whose clock lags a little still accepts the good ones;
    // the expired certificate ended a month ago so a clock that lags a little still rejects it.
    const auto now = std::chrono::system_clock::now();
    const cert_spec server{common_name, cert_role::server, sans, now - days(1), now + days(365)};
    const cert_spec expired{common_name, cert_role::server, sans, now - days(60), now - days(30)};
    const cert_spec client{"test-client", cert_role::client, {}, now - days(1), now + days(365)};

    const issued ca = make_ca("athil test CA", now);
    const issued rogue_ca = make_ca("athil rogue CA", now);
    write_pair(ca, dir, "ca", pki.ca_cert, pki.ca_key);
    write_pair(make_leaf(server, ca), dir, "server", pki.server_cert, pki.server_key);
    write_pair(make_leaf(client, ca), dir, "client", pki.client_cert, pki.client_key);
    write_pair(make_leaf(expired, ca), dir, "server-expired", pki.expired_server_cert,
               pki.expired_server_key);
    write_pair(rogue_ca, dir, "rogue-ca", pki.rogue_ca_cert, pki.rogue_ca_key);
    write_pair(make_leaf(server, rogue_ca), dir, "server-rogue", pki.rogue_server_cert,
               pki.rogue_server_key);
    return pki;
}

} // namespace athil::certs
