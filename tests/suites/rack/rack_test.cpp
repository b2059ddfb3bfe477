// A simulated rack of six: three faithful simulators (one calling itself another model), one
// quirky, one silent port nobody serves, and one that is off until its power commands start
// it. Run with --jobs; judged per DUT in one merged, schema-valid JUnit report.
#include "cli_test_support.hpp"
#include "harness/link/pty_pair.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace athil::cli::test {
namespace {

using report::test::read_text;

// A TCP port free right now on 127.0.0.1 (the powered simulator listens there later).
unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

// The simulator that the power_on command started in the background: stopped however the test
// ends.
struct powered_sim {
    std::filesystem::path pid_file;
    ~powered_sim() {
        std::ifstream in(pid_file);
        pid_t pid = 0;
        if (in >> pid && pid > 0) {
            ::kill(pid, SIGKILL);
        }
    }
};

// What the merged JUnit says per DUT: cases, failures and errors over its suites, and the
// properties of its first suite.
struct dut_view {
    int tests = 0;
    int failures = 0;
    int errors = 0;
    std::map<std::string, std::string> properties;
    std::string failure_messages;
};

std::map<std::string, dut_view> by_dut(const std::filesystem::path& junit) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_file(junit.c_str()));
    std::map<std::string, dut_view> out;
    for (auto suite : doc.child("testsuites").children("testsuite")) {
        const auto id = suite.child("properties")
                            .find_child_by_attribute("property", "name", "dut.id")
                            .attribute("value")
                            .value();
        auto& v = out[id];
        v.tests += suite.attribute("tests").as_int();
        v.failures += suite.attribute("failures").as_int();
        v.errors += suite.attribute("errors").as_int();
        for (auto p : suite.child("properties").children("property")) {
            v.properties.emplace(p.attribute("name").value(), p.attribute("value").value());
        }
        for (auto c : suite.children("testcase")) {
            EXPECT_EQ(std::string(c.attribute("classname").value()).rfind(std::string(id) + ".", 0),
                      0U);
            if (auto f = c.child("failure")) {
                v.failure_messages += std::string(f.attribute("message").value()) + "\n";
            }
        }
    }
    return out;
}

// The table row of a DUT: "<id>  <link>  <model>  <verdict> ...".
std::string row_of(const std::string& output, const std::string& id) {
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(id + " ", 0) == 0) {
            return line;
        }
    }
    return {};
}

TEST(SimulatedRack, SixDutsJudgedApartInOneReport) {
    athil::test::scoped_temp_dir tmp("athil-rack");
    // Locks and the remembered health of this rack's own: the silent DUT is checked every time.
    ::setenv("ATHIL_LOCK_DIR", (tmp.path() / "locks").c_str(), 1);
    link::pty_pair silent; // a port that exists, but nothing answers on it
    powered_sim powered{tmp.path() / "powered.pid"};
    const auto port = std::to_string(free_port());
    const std::string exe = ATHIL_EXE;
    const auto inventory = tmp.path() / "rack.yaml";
    std::ofstream(inventory) << "inventory_version: 1\n"
                                "duts:\n"
                                "  - {id: sim-a, link: sim, tags: [rack]}\n"
                                "  - {id: sim-b, link: sim, tags: [rack]}\n"
                                "  - {id: gm800, link: sim, sim_args: [--model=WH-GM800],"
                                " model: WH-GM800, tags: [rack]}\n"
                                "  - {id: quirky, link: sim, quirks: [mqttver-default-4],"
                                " tags: [rack]}\n"
                                "  - id: silent\n"
                                "    link: serial:"
                             << silent.slave_path()
                             << "\n"
                                "    model: WH-GM5\n"
                                "    health_timeout_ms: 1000\n"
                                "    reset: {command: 'true', timeout_ms: 2000}\n"
                                "    tags: [rack]\n"
                                "  - id: powered\n"
                                "    link: tcp:127.0.0.1:"
                             << port
                             << "\n"
                                "    health_timeout_ms: 2000\n"
                                "    power_off: \"kill $(cat '"
                             << powered.pid_file.string()
                             << "' 2>/dev/null) 2>/dev/null; true\"\n"
                                // Detached: a command's process group ends with it.
                                "    power_on: \"setsid '"
                             << exe << "' sim --link tcp:" << port
                             << " --boot-ms 50 </dev/null >/dev/null 2>&1 & p=$!; echo $p > '"
                             << powered.pid_file.string()
                             << "'; "
                                // The group is stopped when the command ends: wait until the
                                // simulator has left it (setsid done: it leads its own group).
                                "until [ \\\"$(ps -o pgid= -p $p | tr -d ' ')\\\" = $p ]; do sleep "
                                "0.01; done\"\n"
                                "    tags: [rack]\n"
                                "  - {id: elsewhere, link: sim, tags: [other-rack]}\n";
    const auto dir = tmp.path() / "out";

    const auto run = run_athil({"run", "--inventory", inventory.string(), "--tags", "rack",
                                "--jobs", "3", "--filter", "2.7", "--report-dir", dir.string()});
    EXPECT_EQ(run.exit_code, 2) << run.output; // the silent DUT is offline

    const auto valid = report::test::validate_junit(dir / "junit.xml");
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    const auto duts = by_dut(dir / "junit.xml");
    ASSERT_EQ(duts.size(), 6U) << run.output; // "elsewhere" lacks the tag
    for (const auto* id : {"sim-a", "sim-b", "gm800", "powered"}) {
        const auto& v = duts.at(id);
        EXPECT_GT(v.tests, 3) << id;
        EXPECT_EQ(v.failures, 0) << id << "\n" << v.failure_messages;
        EXPECT_EQ(v.errors, 0) << id;
        EXPECT_NE(row_of(run.output, id).find(" PASS "), std::string::npos) << run.output;
    }
    EXPECT_EQ(duts.at("gm800").properties.at("dut.model"), "WH-GM800"); // from its banner
    EXPECT_EQ(duts.at("sim-a").properties.at("dut.model"), "WH-GM5");
    EXPECT_EQ(duts.at("sim-a").properties.at("dut.link"), "sim");

    const auto& quirky = duts.at("quirky");
    EXPECT_GE(quirky.failures, 1);
    EXPECT_NE(quirky.failure_messages.find("clause 2.7"), std::string::npos)
        << quirky.failure_messages;
    EXPECT_NE(row_of(run.output, "quirky").find(" FAIL "), std::string::npos) << run.output;

    const auto& silent_view = duts.at("silent");
    EXPECT_EQ(silent_view.tests, 1);
    EXPECT_EQ(silent_view.errors, 1);
    EXPECT_EQ(silent_view.properties.at("dut.model"), "WH-GM5"); // the inventory's word
    EXPECT_NE(row_of(run.output, "silent").find(" OFFLINE "), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("health of silent: no answer to AT within 1000 ms; reset: exit 0;"),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("health of powered: port not usable"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("AT answered after power cycle"), std::string::npos) << run.output;

    const auto json = nlohmann::json::parse(read_text(dir / "results.json"));
    EXPECT_EQ(json.at("counts").at("errors"), 1);
    const auto wall = run.output.find("rack wall time");
    ASSERT_NE(wall, std::string::npos) << run.output;
    const auto line = run.output.substr(wall, run.output.find('\n', wall) - wall);
    std::cout << line << "\n";
    RecordProperty("wall_vs_slowest", line);
    ::unsetenv("ATHIL_LOCK_DIR");
}

TEST(SimulatedRack, UnknownTagIsAUsageError) {
    athil::test::scoped_temp_dir tmp("athil-rack-tag");
    const auto inventory = tmp.path() / "rack.yaml";
    std::ofstream(inventory) << "inventory_version: 1\nduts:\n  - {id: a, link: sim}\n";
    const auto run = run_athil({"run", "--inventory", inventory.string(), "--tags", "nope"});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("no DUT"), std::string::npos) << run.output;
}

TEST(SimulatedRack, BadInventoryNamesFileAndLine) {
    athil::test::scoped_temp_dir tmp("athil-rack-bad");
    const auto inventory = tmp.path() / "rack.yaml";
    std::ofstream(inventory) << "inventory_version: 1\nduts:\n  - id: a\n    lnk: sim\n";
    const auto run = run_athil({"run", "--inventory", inventory.string()});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("rack.yaml:3:"), std::string::npos) << run.output;
}

} // namespace
} // namespace athil::cli::test
