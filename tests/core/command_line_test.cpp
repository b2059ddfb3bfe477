// Shell quoting of a command line and its reverse: what a report records as the rerun command
// must come back as the same arguments.
#include "harness/core/command_line.hpp"
#include "harness/core/error.hpp"

#include <gtest/gtest.h>

namespace {

using athil::core::shell_quoted;
using athil::core::shell_split;

TEST(CommandLine, QuotedOnlyWhereNeededAndSplitBack) {
    const std::vector<std::string> args{
        "/usr/bin/athil", "run", "--filter", "S2_3_*.Set*",
        "it's",           "",    "a b",      "--sim-arg=--quirk=no-echo"};
    const auto text = shell_quoted(args);
    EXPECT_EQ(text.substr(0, 33), "/usr/bin/athil run --filter 'S2_3");
    EXPECT_EQ(shell_split(text), args);
    EXPECT_EQ(shell_split("a  b"), (std::vector<std::string>{"a", "b"}));
}

TEST(CommandLine, AnUnclosedQuoteIsBadInput) {
    EXPECT_THROW(shell_split("athil run --filter 'S2"), athil::athil_error);
}

TEST(CommandLine, OwnArgumentsStartWithThisProgram) {
    const auto args = athil::core::own_arguments();
    ASSERT_FALSE(args.empty());
    EXPECT_NE(args.front().find("athil_core_tests"), std::string::npos);
}

} // namespace
