#include "harness/runner/gtest/gtest_case.hpp"

#include <gtest/gtest.h>

using athil::report::one_line_message;

TEST(OneLineMessage, JoinsClauseExpectedAndReceived) {
    const auto text = "Failed\nclause 2.3 [M] set qos 3\n  sent:     \"AT+MQTTPUBTP=1,1,t,3\\r\"\n"
                      "  expected: +CME ERROR:4\n  received: \"OK\\r\\n\"";
    EXPECT_EQ(one_line_message(text, "2.3"),
              "clause 2.3 [M] set qos 3; expected: +CME ERROR:4; got: \"OK\\r\\n\"");
}

TEST(OneLineMessage, AddsTheClauseWhenTheMessageLacksIt) {
    EXPECT_EQ(one_line_message("Value of: ok\n  Actual: false", "1.1"), "clause 1.1: Value of: ok");
    EXPECT_EQ(one_line_message("plain", ""), "plain");
}

TEST(OneLineMessage, StaysOneBoundedLine) {
    const auto message = one_line_message("clause 2.1 " + std::string(1000, 'x') + "\nmore", "2.1");
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_LE(message.size(), 303U);
}
