#include "harness/core/error.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/open_link.hpp"

#include <gtest/gtest.h>

namespace athil::link {
namespace {

using kind = link_spec::kind;

TEST(LinkSpec, SerialWithBaud) {
    const auto spec = parse_link_spec("serial:/dev/ttyUSB0@9600");
    EXPECT_EQ(spec.type, kind::serial);
    EXPECT_EQ(spec.path, "/dev/ttyUSB0");
    EXPECT_EQ(spec.baud, 9600U);
    EXPECT_EQ(spec.text, "serial:/dev/ttyUSB0@9600");
    EXPECT_EQ(to_string(spec), "serial:/dev/ttyUSB0@9600");
}

TEST(LinkSpec, SerialDefaultsTo115200) {
    const auto spec = parse_link_spec("serial:/dev/pts/3");
    EXPECT_EQ(spec.path, "/dev/pts/3");
    EXPECT_EQ(spec.baud, 115200U);
    EXPECT_EQ(to_string(spec), "serial:/dev/pts/3@115200");
}

TEST(LinkSpec, BarePathIsSerial) {
    const auto spec = parse_link_spec("/dev/ttyACM1");
    EXPECT_EQ(spec.type, kind::serial);
    EXPECT_EQ(spec.path, "/dev/ttyACM1");
    EXPECT_EQ(spec.baud, 115200U);
    EXPECT_EQ(parse_link_spec("/dev/ttyACM1@57600").baud, 57600U);
}

TEST(LinkSpec, Tcp) {
    const auto spec = parse_link_spec("tcp:rack-7.lab:4001");
    EXPECT_EQ(spec.type, kind::tcp);
    EXPECT_EQ(spec.host, "rack-7.lab");
    EXPECT_EQ(spec.port, 4001);
    EXPECT_EQ(to_string(spec), "tcp:rack-7.lab:4001");
}

TEST(LinkSpec, TcpIpv6Literal) {
    const auto spec = parse_link_spec("tcp:[::1]:4001");
    EXPECT_EQ(spec.host, "::1");
    EXPECT_EQ(spec.port, 4001);
    EXPECT_EQ(to_string(spec), "tcp:[::1]:4001");
}

TEST(LinkSpec, Rfc2217WithAndWithoutBaud) {
    const auto plain = parse_link_spec("rfc2217:10.0.0.5:2217");
    EXPECT_EQ(plain.type, kind::rfc2217);
    EXPECT_EQ(plain.host, "10.0.0.5");
    EXPECT_EQ(plain.port, 2217);
    EXPECT_EQ(plain.baud, 115200U);
    const auto slow = parse_link_spec("rfc2217:10.0.0.5:2217@9600");
    EXPECT_EQ(slow.port, 2217);
    EXPECT_EQ(slow.baud, 9600U);
    EXPECT_EQ(to_string(slow), "rfc2217:10.0.0.5:2217@9600");
}

TEST(LinkSpec, Sim) {
    EXPECT_EQ(parse_link_spec("sim").type, kind::sim);
}

class bad_link_spec : public testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(bad_link_spec, IsRejectedWithAClearSentence) {
    const auto [text, reason] = GetParam();
    try {
        (void)parse_link_spec(text);
        FAIL() << "accepted " << text;
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_link_spec);
        const std::string what = e.what();
        EXPECT_NE(what.find(text), std::string::npos) << what;
        EXPECT_NE(what.find(reason), std::string::npos) << what;
        EXPECT_NE(what.find("expected serial:PATH"), std::string::npos) << what;
    }
}

INSTANTIATE_TEST_SUITE_P(Forms, bad_link_spec,
                         testing::Values(std::pair{"", "no link kind"},
                                         std::pair{"ttyUSB0", "no link kind"},
                                         std::pair{"usb:/dev/x", "unknown link kind 'usb'"},
                                         std::pair{"serial:", "missing serial port path"},
                                         std::pair{"serial:@9600", "missing serial port path"},
                                         std::pair{"serial:/dev/x@fast", "baud rate 'fast'"},
                                         std::pair{"serial:/dev/x@0", "baud rate '0'"},
                                         std::pair{"tcp:host", "missing ':PORT'"},
                                         std::pair{"tcp::4001", "missing host"},
                                         std::pair{"tcp:host:0", "port '0'"},
                                         std::pair{"tcp:host:65536", "port '65536'"},
                                         std::pair{"tcp:host:x1", "port 'x1'"},
                                         std::pair{"rfc2217:host:2217@", "baud rate ''"}));

TEST(OpenLink, SimIsNotALink) {
    try {
        (void)open_link(parse_link_spec("sim"), deadline_in(std::chrono::seconds(1)));
        FAIL() << "opened sim";
    } catch (const athil_error& e) {
        EXPECT_EQ(e.code(), errc::bad_link_spec);
    }
}

} // namespace
} // namespace athil::link
