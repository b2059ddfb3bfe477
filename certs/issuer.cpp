#include "certs/issuer.hpp"

#include "harness/core/error.hpp"

#include <openssl/err.h>
#include <openssl/rand.h>

#include <array>

namespace athil::certs {
namespace {

std::string join(const std::vector<std::string>& parts, char separator) {
    std::string text;
    for (const auto& part : parts) {
        if (!text.empty()) {
            text += separator;
        }
        text += part;
    }
    return text;
}

void set_validity(X509* cert, const cert_spec& spec) {
    const asn1_time_ptr not_before(
        ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(spec.not_before)));
    const asn1_time_ptr not_after(
        ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(spec.not_after)));
    if (!not_before || !not_after || X509_set1_notBefore(cert, not_before.get()) != 1 ||
        X509_set1_notAfter(cert, not_after.get()) != 1) {
        throw_openssl_error("setting the validity period");
    }
}

void set_random_serial(X509* cert) {
    // RFC 5280 wants a positive serial of at most 20 octets; 127 random bits keep it positive
    // and make clashes between runs (a client caching a CA by issuer+serial) practically nil.
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw_openssl_error("drawing a random serial");
    }
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7FU) | 0x40U); // positive, never zero
    const bignum_ptr serial(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!serial || BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) {
        throw_openssl_error("setting the serial number");
    }
}

void set_subject(X509* cert, const std::string& common_name) {
    X509_NAME* name = X509_get_subject_name(cert);
    const auto add = [&](const char* field, const std::string& value) {
        if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                       -1, 0) != 1) {
            throw_openssl_error("building the subject name");
        }
    };
    add("O", "athil test PKI");
    add("CN", common_name);
}

void add_extension(X509* cert, X509V3_CTX& ctx, int nid, const std::string& value) {
    const x509_extension_ptr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
        throw_openssl_error("adding extension " + std::string(OBJ_nid2sn(nid)) + "=" + value);
    }
}

void add_role_extensions(X509* cert, X509* issuer_cert, const cert_spec& spec) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer_cert != nullptr ? issuer_cert : cert, cert, nullptr, nullptr, 0);
    // The subject key identifier goes first: a self-signed CA's authority key identifier is
    // taken from it.
    add_extension(cert, ctx, NID_subject_key_identifier, "hash");
    add_extension(cert, ctx, NID_authority_key_identifier, "keyid:always");
    switch (spec.role) {
    case cert_role::ca:
        add_extension(cert, ctx, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        add_extension(cert, ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case cert_role::server:
    case cert_role::client:
        add_extension(cert, ctx, NID_basic_constraints, "critical,CA:FALSE");
        // keyAgreement as well: some embedded TLS stacks still offer static ECDH suites.
        add_extension(cert, ctx, NID_key_usage, "critical,digitalSignature,keyAgreement");
        add_extension(cert, ctx, NID_ext_key_usage,
                      spec.role == cert_role::server ? "serverAuth" : "clientAuth");
        break;
    }
    if (!spec.sans.empty()) {
        add_extension(cert, ctx, NID_subject_alt_name, join(spec.sans, ','));
    }
}

} // namespace

void throw_openssl_error(std::string_view step) {
    std::array<char, 256> reason{};
    const unsigned long code = ERR_get_error();
    ERR_error_string_n(code, reason.data(), reason.size());
    ERR_clear_error();
    throw athil_error(errc::process_failed,
                      "test PKI: " + std::string(step) + " failed: " +
                          (code != 0 ? std::string(reason.data()) : std::string("unknown")));
}

pkey_ptr make_ec_key() {
    pkey_ptr key(EVP_EC_gen("P-256"));
    if (!key) {
        throw_openssl_error("EC P-256 key generation");
    }
    return key;
}

x509_ptr issue_certificate(const cert_spec& spec, EVP_PKEY* subject_key, X509* issuer_cert,
                           EVP_PKEY* issuer_key) {
    x509_ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
        X509_set_pubkey(cert.get(), subject_key) != 1) {
        throw_openssl_error("creating a certificate");
    }
    set_random_serial(cert.get());
    set_validity(cert.get(), spec);
    set_subject(cert.get(), spec.common_name);
    X509_NAME* issuer_name = issuer_cert != nullptr ? X509_get_subject_name(issuer_cert)
                                                    : X509_get_subject_name(cert.get());
    if (X509_set_issuer_name(cert.get(), issuer_name) != 1) {
        throw_openssl_error("setting the issuer name");
    }
    add_role_extensions(cert.get(), issuer_cert, spec);
    if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) {
        throw_openssl_error("signing " + spec.common_name);
    }
    return cert;
}

} // namespace athil::certs
