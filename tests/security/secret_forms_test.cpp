// The secret-leak test's oracle: what it takes from the simulator's wire log and PEM files,
// and the encodings it searches for.
#include "tests/security/secret_forms.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using athil::faults::forms_of;
using athil::faults::secrets_in_wire_log;
using athil::faults::secrets_of_pem;

bool has_form(const std::string& value, const std::string& form, const std::string& bytes) {
    const auto forms = forms_of(value);
    return std::any_of(forms.begin(), forms.end(),
                       [&](const auto& f) { return f.first == form && f.second == bytes; });
}

TEST(SecretForms, EncodingsOfAValue) {
    EXPECT_TRUE(has_form("pass/word1", "as is", "pass/word1"));
    EXPECT_TRUE(has_form("pass/word1", "JSON-escaped", "pass\\/word1"));
    EXPECT_TRUE(has_form("a<b>&\"c", "XML-escaped", "a&lt;b&gt;&amp;&quot;c"));
    EXPECT_TRUE(has_form("pass word", "URL-escaped", "pass%20word"));
    EXPECT_TRUE(has_form("secret", "base64", "c2VjcmV0"));
    // Forms identical to another are listed once.
    EXPECT_EQ(forms_of("abcdefgh").size(), 2u); // as is, base64
}

TEST(SecretForms, ValuesFromTheWireLog) {
    const std::string log =
        "12 rx AT+MQTTPSW=?\\x0D\n"
        "13 rx AT+MQTTPSW=usr.cn\\x0D\n"
        "14 rx AT+MQTTPSW=/\\x0D\n"
        "15 rx AT+MQTTPSW=hunter2-secret\\x0D\n"
        "15 tx AT+MQTTPSW=hunter2-secret\\x0D\\x0A\n"
        "16 rx AT+ALIDEVSEC=devsecret99\\x0D\n"
        "17 rx AT+SSLCRT=2,-----BEGIN PRIVATE KEY-----[0D][0A]"
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwZLYKG2io3T3Kd+H[0D][0A]"
        "VoYJxYXSo10qHqqYEkPryXOUQCChRANCAAR5edpX+r64ObaeXMC4tiRTtcWI2rU0[0D][0A]"
        "-----END PRIVATE KEY-----[0D][0A]\\x0D\n"
        "18 rx AT+SSLCRT=0,-----BEGIN CERTIFICATE-----[0D][0A]MIIBxzCCAWyg\\x0D\n";
    const auto s = secrets_in_wire_log(log);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].what, "2.11 password");
    EXPECT_EQ(s[0].value, "hunter2-secret");
    EXPECT_EQ(s[1].value, "devsecret99");
    EXPECT_EQ(s[2].what, "2.19 private key");
    EXPECT_EQ(
        s[2].value,
        std::string("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwZLYKG2io3T3Kd+H").substr(32));
    EXPECT_EQ(s[3].value, "VoYJxYXSo10qHqqYEkPryXOUQCChRANCAAR5edpX+r64ObaeXMC4tiRTtcWI2rU0");
}

TEST(SecretForms, KeyMaterialOfAPemFileOnly) {
    const std::string pem = "-----BEGIN CERTIFICATE-----\nMIIBxzCCAWygAwIBAgIQT67wqffZiioL15o\n"
                            "-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\n"
                            "MHcCAQEEIBmJvYk9xX5e1i0xN2k3b5yS4d8vQ1hO0pDk6l7LwZ8AoAoGCCqGSM49\n"
                            "AwEHoUQ\n-----END EC PRIVATE KEY-----\n";
    const auto s = secrets_of_pem(pem, "k");
    ASSERT_EQ(s.size(), 1u); // the short last line is not worth a search
    EXPECT_EQ(
        s[0].value,
        std::string("MHcCAQEEIBmJvYk9xX5e1i0xN2k3b5yS4d8vQ1hO0pDk6l7LwZ8AoAoGCCqGSM49").substr(32));
}

} // namespace
