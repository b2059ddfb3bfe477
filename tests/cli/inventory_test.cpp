// The rack inventory loader: a good file, and every mistake stopped with file:line.
#include "harness/core/error.hpp"
#include "harness/dut/inventory.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace athil::dut {
namespace {

class InventoryTest : public testing::Test {
protected:
    std::filesystem::path write(const std::string& text) {
        const auto file = dir_.path() / "rack.yaml";
        std::ofstream(file) << text;
        return file;
    }
    // The message of the error loading `text` raises; empty when it loads.
    std::string error_of(const std::string& text) {
        try {
            (void)load_inventory(write(text));
        } catch (const athil_error& e) {
            EXPECT_EQ(e.code(), errc::bad_input);
            return e.what();
        }
        return {};
    }

    athil::test::scoped_temp_dir dir_{"athil-inventory"};
};

constexpr const char* good = R"(inventory_version: 1
duts:
  - id: gm5-a
    link: serial:/dev/serial/by-id/usb-FTDI_A-if00-port0
    baud: 9600
    model: WH-GM5
    profile: errata-firmware
    broker_host: 10.0.0.5
    reset: "relayctl 3 pulse"
    power_off: {command: "pdu off 3", timeout_ms: 2000}
    power_on: "pdu on 3"
    tags: [nightly, gm5]
  - id: sim_1
    link: sim
    quirks: [no-echo]
    sim_args: ["--boot-ms=20"]
    tags: [smoke]
  - id: server-7
    link: rfc2217:rack7:4001
)";

TEST_F(InventoryTest, ReadsEveryField) {
    const auto inv = load_inventory(write(good));
    ASSERT_EQ(inv.duts.size(), 3U);
    const auto& a = inv.duts[0];
    EXPECT_EQ(a.id, "gm5-a");
    EXPECT_EQ(a.link_with_baud(), "serial:/dev/serial/by-id/usb-FTDI_A-if00-port0@9600");
    EXPECT_EQ(a.model, "WH-GM5");
    EXPECT_EQ(a.profile, "errata-firmware");
    EXPECT_EQ(a.broker_host, "10.0.0.5");
    ASSERT_TRUE(a.reset && a.power_off && a.power_on);
    EXPECT_EQ(a.reset->command, "relayctl 3 pulse");
    EXPECT_EQ(a.power_off->timeout, std::chrono::milliseconds(2000));
    EXPECT_EQ(a.power_on->timeout, std::chrono::milliseconds(10000));
    EXPECT_EQ(a.line, 3);
    const auto& s = inv.duts[1];
    EXPECT_EQ(s.link_with_baud(), "sim");
    EXPECT_EQ(s.sim_args, (std::vector<std::string>{"--boot-ms=20", "--quirk=no-echo"}));
    EXPECT_TRUE(s.profile.empty()); // the run's --profile
    EXPECT_EQ(inv.duts[2].link_with_baud(), "rfc2217:rack7:4001@115200");
}

TEST_F(InventoryTest, TagsSelectDuts) {
    const auto inv = load_inventory(write(good));
    EXPECT_EQ(inv.select({}).size(), 3U);
    const auto nightly = inv.select(split_tags("smoke,gm5"));
    ASSERT_EQ(nightly.size(), 2U);
    EXPECT_EQ(nightly[0]->id, "gm5-a");
    EXPECT_EQ(nightly[1]->id, "sim_1");
    EXPECT_TRUE(inv.select({"nothing"}).empty());
    ASSERT_NE(inv.find("server-7"), nullptr);
    EXPECT_EQ(inv.find("server-8"), nullptr);
    EXPECT_EQ(split_tags(",a,,b,"), (std::vector<std::string>{"a", "b"}));
}

TEST_F(InventoryTest, MistakesNameFileAndLine) {
    const std::string head = "inventory_version: 1\nduts:\n  - id: a\n    link: sim\n";
    EXPECT_NE(error_of(head + "    bawd: 9600\n").find("rack.yaml:5: unknown key 'bawd'"),
              std::string::npos)
        << error_of(head + "    bawd: 9600\n");
    const auto dup = error_of(head + "  - id: a\n    link: sim\n");
    EXPECT_NE(dup.find("rack.yaml:5: duplicate DUT id 'a'"), std::string::npos) << dup;
    const auto link = error_of("inventory_version: 1\nduts:\n  - id: a\n    link: usb:x\n");
    EXPECT_NE(link.find("rack.yaml:4:"), std::string::npos) << link;
    const auto pair = error_of(head + "    power_on: pdu on\n");
    EXPECT_NE(pair.find("power_on and power_off come together"), std::string::npos) << pair;
    const auto quirk = error_of("inventory_version: 1\nduts:\n  - id: a\n    link: tcp:h:1\n"
                                "    quirks: [no-echo]\n");
    EXPECT_NE(quirk.find("need link: sim"), std::string::npos) << quirk;
    const auto id = error_of("inventory_version: 1\nduts:\n  - id: a/b\n    link: sim\n");
    EXPECT_NE(id.find("rack.yaml:3:"), std::string::npos) << id;
    const auto version = error_of("inventory_version: 2\nduts:\n  - id: a\n    link: sim\n");
    EXPECT_NE(version.find("rack.yaml:1: inventory_version must be 1"), std::string::npos)
        << version;
    EXPECT_NE(error_of("inventory_version: 1\nduts: []\n").find("non-empty list"),
              std::string::npos);
    EXPECT_NE(error_of(head + "    baud: 10\n").find("'baud' must be in"), std::string::npos);
    EXPECT_TRUE(error_of(head).empty());
}

TEST_F(InventoryTest, MissingFileIsBadInput) {
    EXPECT_THROW((void)load_inventory(dir_.path() / "none.yaml"), athil_error);
}

} // namespace
} // namespace athil::dut
