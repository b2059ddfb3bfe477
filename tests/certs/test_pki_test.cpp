#include "certs/test_pki.hpp"

#include "certs/pem_file.hpp"
#include "certs/sslcrt_escape.hpp"
#include "harness/core/error.hpp"
#include "pki_inspect.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <array>
#include <chrono>
#include <fstream>
#include <memory>
#include <set>

namespace athil::certs {
namespace {

using test::load_cert;
using test::load_key;
using test::verify_against;

unsigned mode_of(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return 0xFFFF;
    }
    return static_cast<unsigned>(st.st_mode) & 07777U;
}

std::string serial_of(const std::filesystem::path& cert_path) {
    const auto cert = load_cert(cert_path);
    const bignum_ptr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
    char* hex = BN_bn2hex(bn.get());
    std::string text(hex);
    OPENSSL_free(hex);
    return text;
}

std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pairs_of(const test_pki& p) {
    return {{p.ca_cert, p.ca_key},
            {p.server_cert, p.server_key},
            {p.client_cert, p.client_key},
            {p.expired_server_cert, p.expired_server_key},
            {p.rogue_ca_cert, p.rogue_ca_key},
            {p.rogue_server_cert, p.rogue_server_key}};
}

class TestPki : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<test::scoped_temp_dir>("athil-pki");
        pki_ = generate_test_pki(dir_->path() / "pki",
                                 {"broker.test", {"IP:10.1.2.3", "mqtt.example.net", "::1"}});
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static inline std::unique_ptr<test::scoped_temp_dir> dir_;
    static inline test_pki pki_;
};

TEST_F(TestPki, ServerAndClientChainToTheCa) {
    EXPECT_EQ(verify_against(pki_.server_cert, pki_.ca_cert), X509_V_OK);
    EXPECT_EQ(verify_against(pki_.client_cert, pki_.ca_cert), X509_V_OK);
    EXPECT_EQ(verify_against(pki_.ca_cert, pki_.ca_cert), X509_V_OK);
}

TEST_F(TestPki, ExpiredServerFailsOnlyBecauseItExpired) {
    EXPECT_EQ(verify_against(pki_.expired_server_cert, pki_.ca_cert), X509_V_ERR_CERT_HAS_EXPIRED);
    // Forty-five days ago it was inside its validity: the chain itself is sound.
    const auto then = std::chrono::system_clock::now() - std::chrono::hours(24 * 45);
    EXPECT_EQ(verify_against(pki_.expired_server_cert, pki_.ca_cert,
                             std::chrono::system_clock::to_time_t(then)),
              X509_V_OK);
}

TEST_F(TestPki, RogueServerFailsAgainstTheCaButChainsToTheRogueCa) {
    EXPECT_EQ(verify_against(pki_.rogue_server_cert, pki_.ca_cert),
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    EXPECT_EQ(verify_against(pki_.rogue_server_cert, pki_.rogue_ca_cert), X509_V_OK);
    EXPECT_NE(verify_against(pki_.server_cert, pki_.rogue_ca_cert), X509_V_OK);
    EXPECT_NE(verify_against(pki_.rogue_ca_cert, pki_.ca_cert), X509_V_OK);
}

TEST_F(TestPki, ServerCertificatesCarryTheSameSans) {
    for (const auto& path : {pki_.server_cert, pki_.expired_server_cert, pki_.rogue_server_cert}) {
        SCOPED_TRACE(path.filename().string());
        const auto cert = load_cert(path);
        EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
        EXPECT_EQ(X509_check_host(cert.get(), "broker.test", 0, 0, nullptr), 1);
        EXPECT_EQ(X509_check_host(cert.get(), "mqtt.example.net", 0, 0, nullptr), 1);
        EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
        EXPECT_EQ(X509_check_ip_asc(cert.get(), "10.1.2.3", 0), 1);
        EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
        EXPECT_EQ(X509_check_host(cert.get(), "other.test", 0, 0, nullptr), 0);
        EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.2", 0), 0);
    }
}

TEST_F(TestPki, RolesAndPurposes) {
    const auto ca = load_cert(pki_.ca_cert);
    const auto server = load_cert(pki_.server_cert);
    const auto client = load_cert(pki_.client_cert);
    EXPECT_EQ(X509_check_ca(ca.get()), 1);
    EXPECT_EQ(X509_check_ca(server.get()), 0);
    EXPECT_EQ(X509_check_purpose(server.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
    EXPECT_EQ(X509_check_purpose(server.get(), X509_PURPOSE_SSL_CLIENT, 0), 0);
    EXPECT_EQ(X509_check_purpose(client.get(), X509_PURPOSE_SSL_CLIENT, 0), 1);
    EXPECT_EQ(X509_check_purpose(client.get(), X509_PURPOSE_SSL_SERVER, 0), 0);

    std::array<char, 64> cn{};
    ASSERT_GT(X509_NAME_get_text_by_NID(X509_get_subject_name(client.get()), NID_commonName,
                                        cn.data(), static_cast<int>(cn.size())),
              0);
    EXPECT_STREQ(cn.data(), "test-client");
}

TEST_F(TestPki, KeysAreP256AndMatchTheirCertificates) {
    for (const auto& [cert_path, key_path] : pairs_of(pki_)) {
        SCOPED_TRACE(cert_path.filename().string());
        const auto cert = load_cert(cert_path);
        const auto key = load_key(key_path);
        EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
        std::array<char, 64> group{};
        ASSERT_EQ(EVP_PKEY_get_group_name(key.get(), group.data(), group.size(), nullptr), 1);
        EXPECT_STREQ(group.data(), "prime256v1");
        EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);
    }
    // A key that belongs to another certificate is told apart.
    const auto server = load_cert(pki_.server_cert);
    const auto other = load_key(pki_.client_key);
    EXPECT_EQ(X509_check_private_key(server.get(), other.get()), 0);
}

TEST_F(TestPki, KeysAreOwnerOnlyAndTheFolderIsPrivate) {
    EXPECT_EQ(mode_of(pki_.dir), 0700U);
    for (const auto& [cert_path, key_path] : pairs_of(pki_)) {
        EXPECT_EQ(mode_of(key_path), 0600U) << key_path;
        EXPECT_EQ(mode_of(cert_path), 0644U) << cert_path;
    }
}

TEST_F(TestPki, SerialsAreDistinctWithinAndAcrossRuns) {
    std::set<std::string> serials;
    for (const auto& pair : pairs_of(pki_)) {
        serials.insert(serial_of(pair.first));
    }
    EXPECT_EQ(serials.size(), 6U);
    const test::scoped_temp_dir again("athil-pki");
    const auto second = generate_test_pki(again.path());
    EXPECT_EQ(serials.count(serial_of(second.ca_cert)), 0U);
    EXPECT_EQ(serials.count(serial_of(second.server_cert)), 0U);
}

TEST_F(TestPki, EscapedFormsFitTheSslcrtLimitAndParseBack) {
    for (const auto& path : {pki_.ca_cert, pki_.client_cert, pki_.client_key}) {
        SCOPED_TRACE(path.filename().string());
        const auto pem = read_pem_file(path);
        const auto escaped = escape_for_sslcrt(pem);
        EXPECT_LE(escaped.size(), 2900U); // MANUAL 2.19: content 1-2900 bytes as sent
        EXPECT_EQ(escaped.find_first_of(",=?\r\n"), std::string::npos);
        const auto crlf = unescape_sslcrt(escaped);
        const bio_ptr bio(BIO_new_mem_buf(crlf.data(), static_cast<int>(crlf.size())));
        if (path == pki_.client_key) {
            EXPECT_NE(pkey_ptr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)),
                      nullptr);
        } else {
            EXPECT_NE(x509_ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)), nullptr);
        }
    }
}

TEST(TestPkiFiles, ReplacesAnExistingLooseKeyFileWithAPrivateOne) {
    const test::scoped_temp_dir dir("athil-pki");
    const auto key = dir.path() / "server.key";
    std::ofstream(key) << "old";
    std::filesystem::permissions(key, std::filesystem::perms::all);
    const auto pki = generate_test_pki(dir.path());
    EXPECT_EQ(pki.server_key, key);
    EXPECT_EQ(mode_of(key), 0600U);
    EXPECT_EQ(X509_check_private_key(load_cert(pki.server_cert).get(), load_key(key).get()), 1);
}

TEST(TestPkiFiles, IpLiteralServerHostBecomesAnIpSan) {
    const test::scoped_temp_dir dir("athil-pki");
    const auto pki = generate_test_pki(dir.path(), {"192.0.2.7", {}});
    const auto cert = load_cert(pki.server_cert);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "192.0.2.7", 0), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "192.0.2.7", 0, 0, nullptr), 0);
}

TEST(TestPkiFiles, RejectsHostsThatCouldInjectSansWithoutWriting) {
    const test::scoped_temp_dir dir("athil-pki");
    for (const auto& host : {std::string("evil,DNS:other"), std::string(""), std::string("a b"),
                             std::string("IP:localhost")}) {
        SCOPED_TRACE(host);
        try {
            generate_test_pki(dir.path() / "pki", {host, {}});
            ADD_FAILURE() << "accepted";
        } catch (const athil_error& e) {
            EXPECT_EQ(e.code(), errc::bad_input);
        }
        EXPECT_FALSE(std::filesystem::exists(dir.path() / "pki"));
    }
}

} // namespace
} // namespace athil::certs
