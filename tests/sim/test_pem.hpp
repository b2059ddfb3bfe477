#pragma once
// A throwaway EC key and self-signed certificate as PEM text, made in memory for tests of
// AT+SSLCRT (no files, no openssl process).

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace athil::sim::test {

struct test_pem {
    std::string certificate;
    std::string private_key;
};

inline std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return text;
}

inline test_pem make_test_pem() {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert) {
        throw std::runtime_error("openssl allocation failed");
    }
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("athil test"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key.get(), EVP_sha256());
    test_pem out;
    BIO* c = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(c, cert.get());
    out.certificate = bio_text(c);
    BIO* k = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(k, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    out.private_key = bio_text(k);
    return out;
}

// The vendor's one-line notation: CR LF as [0D][0A].
inline std::string escape_for_sslcrt(const std::string& pem) {
    std::string out;
    for (const char c : pem) {
        if (c == '\n') {
            out += "[0D][0A]";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace athil::sim::test
