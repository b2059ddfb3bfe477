#pragma once
// Owning handles for the OpenSSL objects the PKI generator and its tests touch, so that every
// early return or exception frees them (OpenSSL's C API has no RAII of its own).

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace athil::certs {

template <typename T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};

template <typename T, void (*Free)(T*)>
using openssl_ptr = std::unique_ptr<T, openssl_deleter<T, Free>>;

using pkey_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using x509_ptr = openssl_ptr<X509, X509_free>;
using x509_name_ptr = openssl_ptr<X509_NAME, X509_NAME_free>;
using x509_extension_ptr = openssl_ptr<X509_EXTENSION, X509_EXTENSION_free>;
using x509_store_ptr = openssl_ptr<X509_STORE, X509_STORE_free>;
using x509_store_ctx_ptr = openssl_ptr<X509_STORE_CTX, X509_STORE_CTX_free>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using asn1_time_ptr = openssl_ptr<ASN1_TIME, ASN1_TIME_free>;
using asn1_integer_ptr = openssl_ptr<ASN1_INTEGER, ASN1_INTEGER_free>;
using general_names_ptr = openssl_ptr<GENERAL_NAMES, GENERAL_NAMES_free>;

// BIO_free returns int, so it needs a wrapper to fit the deleter's signature.
inline void bio_free_all(BIO* b) {
    BIO_free_all(b);
}
using bio_ptr = openssl_ptr<BIO, bio_free_all>;

} // namespace athil::certs
