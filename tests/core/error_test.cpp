#include "harness/core/error.hpp"

#include <gtest/gtest.h>

namespace {

TEST(AthilError, CarriesCategoryAndSentence) {
    const athil::athil_error error(athil::errc::timeout, "no OK within 2000 ms");
    EXPECT_EQ(error.code(), athil::errc::timeout);
    EXPECT_STREQ(error.code().category().name(), "athil");
    EXPECT_NE(std::string(error.what()).find("no OK within 2000 ms"), std::string::npos);
}

TEST(AthilError, SeparatesRigFaultsFromModuleFaults) {
    EXPECT_TRUE(athil::is_infrastructure(athil::errc::link_open_failed));
    EXPECT_TRUE(athil::is_infrastructure(athil::errc::process_failed));
    EXPECT_FALSE(athil::is_infrastructure(athil::errc::timeout));
    EXPECT_FALSE(athil::is_infrastructure(athil::errc::protocol_error));
    EXPECT_TRUE(
        athil::is_infrastructure(std::make_error_code(std::errc::no_such_file_or_directory)));
}

} // namespace

namespace {

TEST(AthilError, WhatIsTheSentenceAlone) {
    const athil::athil_error error(athil::errc::link_open_failed, "cannot open serial port /dev/x");
    EXPECT_STREQ(error.what(), "cannot open serial port /dev/x");
}

} // namespace
