#pragma once
// Reading back and verifying the generated PEM files with OpenSSL's own X509_STORE, the same
// check `openssl verify` makes.

#include "certs/openssl_handles.hpp"

#include <openssl/pem.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace athil::test {

inline certs::x509_ptr load_cert(const std::filesystem::path& path) {
    const certs::bio_ptr bio(BIO_new_file(path.c_str(), "r"));
    certs::x509_ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) {
        throw std::runtime_error("cannot read certificate " + path.string());
    }
    return cert;
}

inline certs::pkey_ptr load_key(const std::filesystem::path& path) {
    const certs::bio_ptr bio(BIO_new_file(path.c_str(), "r"));
    certs::pkey_ptr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                            : nullptr);
    if (!key) {
        throw std::runtime_error("cannot read private key " + path.string());
    }
    return key;
}

// X509_V_OK or the verification error of `leaf` against the single trust anchor `ca`,
// optionally at a given time instead of now.
inline int verify_against(const std::filesystem::path& leaf, const std::filesystem::path& ca,
                          std::optional<std::time_t> at = std::nullopt) {
    const certs::x509_store_ptr store(X509_STORE_new());
    const auto anchor = load_cert(ca);
    const auto cert = load_cert(leaf);
    const certs::x509_store_ctx_ptr ctx(X509_STORE_CTX_new());
    if (!store || !ctx || X509_STORE_add_cert(store.get(), anchor.get()) != 1 ||
        X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1) {
        throw std::runtime_error("cannot set up X509_STORE");
    }
    if (at) {
        X509_STORE_CTX_set_time(ctx.get(), 0, *at);
    }
    return X509_verify_cert(ctx.get()) == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
}

} // namespace athil::test
