#include "certs/sslcrt_escape.hpp"

#include <gtest/gtest.h>

#include <string>

namespace athil::certs {
namespace {

TEST(SslcrtEscape, LineBreaksBecomeCrLfNotation) {
    EXPECT_EQ(escape_for_sslcrt("ab\ncd\n"), "ab[0D][0A]cd[0D][0A]");
    EXPECT_EQ(escape_for_sslcrt("ab\r\ncd\r\n"), "ab[0D][0A]cd[0D][0A]");
    EXPECT_EQ(escape_for_sslcrt("a\rb"), "a[0D]b");
}

TEST(SslcrtEscape, ParameterSeparatorsAreEscaped) {
    EXPECT_EQ(escape_for_sslcrt("a,b=c?d"), "a[2C]b[3D]c[3F]d");
    EXPECT_EQ(escape_for_sslcrt("[0D]"), "[5B]0D]");
}

TEST(SslcrtEscape, Base64AndPemArmourPassUnchanged) {
    const std::string text = "-----BEGIN CERTIFICATE-----MIIBxz+/09azAZ";
    EXPECT_EQ(escape_for_sslcrt(text), text);
}

TEST(SslcrtEscape, ControlAndNonAsciiBytesAreEscaped) {
    EXPECT_EQ(escape_for_sslcrt(std::string("\t\x7f\xff", 3)), "[09][7F][FF]");
    EXPECT_EQ(escape_for_sslcrt(std::string("a\0b", 3)), "a[00]b");
}

TEST(SslcrtUnescape, DecodesGroupsInEitherCase) {
    EXPECT_EQ(unescape_sslcrt("a[0d][0A]b[2c][3D][3f]"), "a\r\nb,=?");
}

TEST(SslcrtUnescape, KeepsWhatIsNotAGroup) {
    EXPECT_EQ(unescape_sslcrt("[0G][0][xyz]["), "[0G][0][xyz][");
    EXPECT_EQ(unescape_sslcrt("[[41]"), "[A");
    EXPECT_EQ(unescape_sslcrt("[41"), "[41");
}

TEST(SslcrtEscape, RoundTripsEveryByteWithCrLfLineEnds) {
    std::string all;
    for (int b = 0; b < 256; ++b) {
        if (b != '\r' && b != '\n') {
            all += static_cast<char>(b);
        }
    }
    all += "\r\nnext line\r\n";
    EXPECT_EQ(unescape_sslcrt(escape_for_sslcrt(all)), all);
}

TEST(SslcrtEscape, LfOnlyPemComesBackWithCrLf) {
    EXPECT_EQ(unescape_sslcrt(escape_for_sslcrt("l1\nl2\n")), "l1\r\nl2\r\n");
}

} // namespace
} // namespace athil::certs
