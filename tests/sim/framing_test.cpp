// Command-mode line framing (MANUAL 1.1) and data-mode packing (3.1.1), fed in every chunking.
#include "fixtures/sim/command_line_framer.hpp"
#include "fixtures/sim/frame_packer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace athil::sim {
namespace {

std::vector<std::string> lines_of(std::string_view bytes) {
    command_line_framer framer;
    std::vector<std::string> out;
    for (const char c : bytes) {
        if (auto l = framer.push(c)) {
            out.push_back(l->overlong ? std::string("<overlong>") : l->text);
        }
    }
    return out;
}

TEST(command_line_framer_test, CrEndsALineAndLfAfterItIsIgnored) {
    EXPECT_EQ(lines_of("AT\rAT+E?\r\nAT+VER\r"),
              (std::vector<std::string>{"AT", "AT+E?", "AT+VER"}));
}

TEST(command_line_framer_test, EmptyLinesAreIgnored) {
    EXPECT_EQ(lines_of("\r\r\n\n\rAT\r\r\n"), (std::vector<std::string>{"AT"}));
}

TEST(command_line_framer_test, NothingWithoutCr) {
    command_line_framer framer;
    for (const char c : std::string("AT+WKMOD?")) {
        EXPECT_FALSE(framer.push(c));
    }
    EXPECT_EQ(framer.pending(), "AT+WKMOD?");
}

TEST(command_line_framer_test, BinaryBytesStayInTheLine) {
    const std::string line("A\0T\x01\xff", 5);
    EXPECT_EQ(lines_of(line + "\r"), (std::vector<std::string>{line}));
}

TEST(command_line_framer_test, OverlongLineIsOneRejectionAndBufferStaysBounded) {
    command_line_framer framer;
    for (std::size_t i = 0; i < 65536; ++i) {
        EXPECT_FALSE(framer.push('x'));
        ASSERT_LE(framer.pending().size(), max_command_line);
    }
    const auto l = framer.push('\r');
    ASSERT_TRUE(l);
    EXPECT_TRUE(l->overlong);
    EXPECT_EQ(lines_of(std::string(max_command_line, 'a') + "\rAT\r").back(), "AT");
    EXPECT_EQ(lines_of(std::string(max_command_line, 'a') + "\r").front(),
              std::string(max_command_line, 'a'));
    EXPECT_EQ(lines_of(std::string(max_command_line + 1, 'a') + "\rAT\r"),
              (std::vector<std::string>{"<overlong>", "AT"}));
}

TEST(frame_packer_test, LengthCutsFramesExactly) {
    frame_packer p(5);
    EXPECT_EQ(p.push("abc"), std::vector<std::string>{});
    EXPECT_EQ(p.push("defghijklmn"), (std::vector<std::string>{"abcde", "fghij"}));
    EXPECT_EQ(p.flush(), "klmn");
    EXPECT_TRUE(p.empty());
    EXPECT_EQ(p.flush(), "");
}

} // namespace
} // namespace athil::sim
