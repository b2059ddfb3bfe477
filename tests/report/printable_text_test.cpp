#include "harness/report/printable_text.hpp"

#include <gtest/gtest.h>

using athil::report::first_line;
using athil::report::printable_text;

TEST(PrintableText, KeepsPlainTextTabsAndNewlines) {
    EXPECT_EQ(printable_text("AT+MQTTCFG?\tok\n+MQTTCFG:120,1"), "AT+MQTTCFG?\tok\n+MQTTCFG:120,1");
}

TEST(PrintableText, CrLfBecomesLfAndLoneCrIsVisible) {
    EXPECT_EQ(printable_text("OK\r\nx\ry"), "OK\nx\\x0dy");
}

TEST(PrintableText, ControlBytesAndDelAreEscaped) {
    EXPECT_EQ(printable_text(std::string("a\0b\x1b\x1a\x7f", 6)), "a\\x00b\\x1b\\x1a\\x7f");
}

TEST(PrintableText, ValidUtf8IsKept) {
    EXPECT_EQ(printable_text("temp \xc2\xb0"
                             "C \xe2\x86\x92 \xf0\x9f\x93\xa1"),
              "temp \xc2\xb0"
              "C \xe2\x86\x92 \xf0\x9f\x93\xa1");
}

TEST(PrintableText, InvalidUtf8IsEscapedBytewise) {
    EXPECT_EQ(printable_text("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(printable_text("\xe2\x86"), "\\xe2\\x86");          // cut sequence
    EXPECT_EQ(printable_text("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
    EXPECT_EQ(printable_text("\xed\xa0\x80"), "\\xed\\xa0\\x80"); // surrogate
    EXPECT_EQ(printable_text("\xef\xbf\xbf"), "\\xef\\xbf\\xbf"); // U+FFFF, not XML
}

TEST(FirstLine, SkipsBlankLinesAndTrims) {
    EXPECT_EQ(first_line("\n  \n  clause 2.3: bad \nsecond"), "clause 2.3: bad");
    EXPECT_EQ(first_line(""), "");
}

TEST(FirstLine, CutsLongLinesOnACharacterBoundary) {
    EXPECT_EQ(first_line("abcdef", 4), "abcd...");
    EXPECT_EQ(first_line("ab\xe2\x86\x92xyz", 3), "ab...");
}
