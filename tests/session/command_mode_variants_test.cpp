// A module that is in command mode already answers "+++" as a command line, and firmware builds
// differ in how: the manual's +CME ERROR:58, another code, a plain ERROR, OK, an echo first,
// or nothing until the line ends. The session enters command mode on every one of them and
// notes what it saw; judging the answer is the job of S1_2_CommandMode.PlusRefusedInCommandMode.

#include "fake_module.hpp"
#include "harness/session/module_session.hpp"

#include <gtest/gtest.h>

namespace athil::test {
namespace {

struct variant {
    std::string name;
    std::vector<std::string> answer_to_plus;     // written after "+++"
    std::vector<std::string> answer_to_line_end; // written after a bare line end
    std::string noted;                           // in the transcript's note
};

void PrintTo(const variant& v, std::ostream* out) {
    *out << v.name;
}

class CommandModeVariant : public testing::TestWithParam<variant> {};

TEST_P(CommandModeVariant, EntersCommandModeAndNotesTheAnswer) {
    const variant v = GetParam();
    fake_module module([&v](const std::string& unit) -> std::vector<std::string> {
        if (unit == "+++") {
            return v.answer_to_plus;
        }
        if (unit.empty()) {
            return v.answer_to_line_end;
        }
        return echoed(unit, "\r\nOK\r\n");
    });
    auto s = open_session(module);
    ASSERT_NO_THROW(s.enter_command_mode()) << s.log().render();
    EXPECT_TRUE(s.command("AT+SN?").ok()) << s.log().render();
    const auto transcript = s.log().render();
    EXPECT_NE(transcript.find("already in command mode"), std::string::npos) << transcript;
    EXPECT_NE(transcript.find(v.noted), std::string::npos) << transcript;
}

INSTANTIATE_TEST_SUITE_P(
    Firmware, CommandModeVariant,
    testing::Values(variant{"Ok", {"\r\nOK\r\n"}, {}, "+++ answered \"OK\""},
                    variant{"PlainError", {"\r\nERROR\r\n"}, {}, "+++ answered \"ERROR\""},
                    variant{"OtherCmeCode", {"\r\n+CME ERROR:3\r\n"}, {}, "+CME ERROR:3"},
                    variant{"EchoThenOk", {"+++\r\n", "\r\nOK\r\n"}, {}, "+++ answered \"OK\""},
                    variant{"AnswerAfterLineEnd",
                            {},
                            {"\r\n+CME ERROR:58\r\n"},
                            "the line end of +++ answered \"+CME ERROR:58\""},
                    variant{"SilentUntilAt", {}, {}, "AT answered \"OK\""}),
    [](const testing::TestParamInfo<variant>& param) { return param.param.name; });

} // namespace
} // namespace athil::test
