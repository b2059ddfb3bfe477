// AT+SSLCRT (MANUAL 2.19): [XX] unescaping, PEM kind check, the 2900-byte limit as sent.
#include "fixtures/sim/certificate_text.hpp"
#include "fixtures/sim/executor.hpp"
#include "tests/sim/test_pem.hpp"

#include <gtest/gtest.h>

namespace athil::sim {
namespace {

TEST(unescape_test, BracketHexBecomesTheByte) {
    EXPECT_EQ(unescape_bracket_hex("a[0D][0A]b"), "a\r\nb");
    EXPECT_EQ(unescape_bracket_hex("[2C][3d][3F]"), ",=?");
    EXPECT_EQ(unescape_bracket_hex("[0A]"), "\n");
    EXPECT_EQ(unescape_bracket_hex("[00]"), std::string(1, '\0'));
}

TEST(unescape_test, AnythingElseStaysAsItIs) {
    EXPECT_EQ(unescape_bracket_hex("[0G]"), "[0G]");
    EXPECT_EQ(unescape_bracket_hex("[0D"), "[0D");
    EXPECT_EQ(unescape_bracket_hex("[[0A]]"), "[\n]");
    EXPECT_EQ(unescape_bracket_hex("[0D0A]"), "[0D0A]");
    EXPECT_EQ(unescape_bracket_hex(""), "");
}

TEST(pem_kind_test, CertificatesAndKeysAreTold) {
    const auto pem = test::make_test_pem();
    EXPECT_TRUE(is_pem_of_kind(pem.certificate, pem_kind::ca_certificate));
    EXPECT_TRUE(is_pem_of_kind(pem.certificate, pem_kind::client_certificate));
    EXPECT_TRUE(is_pem_of_kind(pem.private_key, pem_kind::private_key));
    EXPECT_FALSE(is_pem_of_kind(pem.private_key, pem_kind::ca_certificate));
    EXPECT_FALSE(is_pem_of_kind(pem.certificate, pem_kind::private_key));
    EXPECT_FALSE(is_pem_of_kind("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                                pem_kind::ca_certificate));
    EXPECT_FALSE(is_pem_of_kind("", pem_kind::private_key));
}

class sslcrt_test : public ::testing::Test {
protected:
    std::string answer(const std::string& line) {
        return execute(s, line, command_context{id, quirks, false}).response;
    }
    identity id;
    quirk_set quirks;
    settings s = factory_defaults(id.serial_number);
    test::test_pem pem = test::make_test_pem();
};

TEST_F(sslcrt_test, EscapedPemIsUnescapedAndStoredPerCode) {
    ASSERT_EQ(answer("AT+SSLCRT=0," + test::escape_for_sslcrt(pem.certificate)), "\r\nOK\r\n");
    ASSERT_EQ(answer("AT+SSLCRT=1," + test::escape_for_sslcrt(pem.certificate)), "\r\nOK\r\n");
    ASSERT_EQ(answer("AT+SSLCRT=2," + test::escape_for_sslcrt(pem.private_key)), "\r\nOK\r\n");
    std::string expected_cert;
    for (const char c : pem.certificate) {
        expected_cert += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    EXPECT_EQ(s.tls.ca_pem, expected_cert);
    EXPECT_EQ(s.tls.client_cert_pem, expected_cert);
    EXPECT_NE(s.tls.client_key_pem.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(sslcrt_test, WrongKindIsRejectedAndNothingStored) {
    EXPECT_EQ(answer("AT+SSLCRT=0," + test::escape_for_sslcrt(pem.private_key)),
              "\r\n+CME ERROR:50\r\n");
    EXPECT_EQ(answer("AT+SSLCRT=2," + test::escape_for_sslcrt(pem.certificate)),
              "\r\n+CME ERROR:50\r\n");
    EXPECT_TRUE(s.tls.ca_pem.empty());
    EXPECT_TRUE(s.tls.client_key_pem.empty());
}

TEST_F(sslcrt_test, LimitAppliesToTheContentAsSent) {
    // A valid certificate padded with escaped trailing newlines: unescaped it is short, but
    // as sent it is over 2900 bytes.
    auto content = test::escape_for_sslcrt(pem.certificate);
    ASSERT_LT(content.size(), 2900u);
    while (content.size() <= 2900) {
        content += "[0A]";
    }
    EXPECT_EQ(answer("AT+SSLCRT=0," + content), "\r\n+CME ERROR:50\r\n");
    content.resize(content.size() - ((content.size() - 2900 + 3) / 4) * 4);
    ASSERT_LE(content.size(), 2900u);
    EXPECT_EQ(answer("AT+SSLCRT=0," + content), "\r\nOK\r\n");
}

} // namespace
} // namespace athil::sim
