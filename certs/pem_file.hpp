#pragma once
// PEM files of the test PKI: certificates world-readable (0644), private keys owner-only
// (0600) from the moment they exist, whatever the umask or a previous file's mode.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <filesystem>
#include <string>

namespace athil::certs {

void write_pem_certificate(const std::filesystem::path& path, X509* cert);
void write_pem_private_key(const std::filesystem::path& path, EVP_PKEY* key); // PKCS#8

// The whole file as text, e.g. for escape_for_sslcrt(read_pem_file(pki.ca_cert)).
// Throws std::system_error when it cannot be read.
std::string read_pem_file(const std::filesystem::path& path);

} // namespace athil::certs
