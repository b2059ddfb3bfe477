#include "report_test_support.hpp"

#include "harness/process/child_process.hpp"
#include "harness/report/junit_writer.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace athil::report::test {

run_result sample_run() {
    using std::chrono::milliseconds;
    run_result run;
    auto& m = run.metadata;
    m.dut_link = "serial:/dev/ttyUSB0@115200";
    m.firmware = "V1.0.8 <beta>";
    m.serial_number = "01201224091900000291";
    m.imei = "868540051234567";
    m.model = "WH-GM5";
    m.profile = "errata-firmware";
    m.deviations = {{"E.1", "2.19", "AT+SSLCRT test form answers ERROR"}};
    m.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1'795'000'000));
    m.duration = milliseconds(83'250);
    m.host = "rack-7";
    m.tool_version = "0.1.0";

    case_result pass{.section = "S2_2_MQTTCFG",
                     .name = "QueryDefault",
                     .clause = "2.2",
                     .command = "AT+MQTTCFG",
                     .source = "suites/spec/s2_02_mqttcfg.yaml:12",
                     .duration = milliseconds(12),
                     .transcript = "> AT+MQTTCFG?\r\n< +MQTTCFG:120,1\r\n< OK\r\n"};
    case_result fail{
        .section = "S2_3_MQTTPUBTP",
        .name = "SetRejectsQos3",
        .clause = "2.3",
        .command = "AT+MQTTPUBTP",
        .source = "suites/spec/s2_03_mqttpubtp.yaml:40",
        .status = case_status::failed,
        .message = "clause 2.3 [M] qos 3; expected: ERROR; got: \"OK\"",
        .details = "suites/command_cases.cpp:88: clause 2.3 [M] qos 3\n  expected: "
                   "ERROR\n  received: \"OK\"\n",
        .duration = milliseconds(40),
        .retries = 1,
        .transcript = "> AT+MQTTPUBTP=1,1,\"t\",3,0\r\n< OK\r\n",
        .broker_log = "1700000000: New client connected from 127.0.0.1\n",
        .packets = {"0.000 M->B CONNECT id=WH-GM5 keepalive=120", "0.004 B->M CONNACK rc=0"}};
    case_result deviation{.section = "S2_19_SSLCRT",
                          .name = "TestForm",
                          .clause = "2.19",
                          .command = "AT+SSLCRT",
                          .status = case_status::known_deviation,
                          .message = "known deviation: 2.19: AT+SSLCRT test form answers ERROR",
                          .deviation = "E.1",
                          .duration = milliseconds(5)};
    case_result skipped{.section = "S2_19_SSLCRT",
                        .name = "LoadsCa",
                        .clause = "2.19",
                        .status = case_status::skipped,
                        .message = "no TLS broker on this rack"};
    case_result error{.section = "S2_3_MQTTPUBTP",
                      .name = "PersistsAcrossRestart",
                      .clause = "2.3",
                      .status = case_status::error,
                      .message = "port /dev/ttyUSB0 vanished",
                      .details = "link closed\n"};
    case_result nasty{.section = "S2_2_MQTTCFG",
                      .name = "ControlBytes",
                      .clause = "2.2",
                      .command = "AT+MQTTCFG",
                      .duration = milliseconds(3),
                      .transcript = std::string("< ") + '\0' +
                                    "\x1b[0m\x1a \xff\xfe bad </pre><script>alert(1)</script> "
                                    "& ]]> \r\n",
                      .extra = {{"tag", "M"}}};
    run.cases = {pass, fail, deviation, skipped, error, nasty};
    return run;
}

std::vector<std::filesystem::path> write_shards(const std::filesystem::path& dir,
                                                std::size_t first_cases) {
    auto first = sample_run();
    auto second = first;
    first.cases.resize(first_cases);
    second.cases.erase(second.cases.begin(),
                       second.cases.begin() + static_cast<std::ptrdiff_t>(first_cases));
    std::vector<std::filesystem::path> files{dir / "a.xml", dir / "b.xml"};
    write_junit(first, files[0]);
    write_junit(second, files[1]);
    return files;
}

std::vector<std::string> headless_chromium(const std::filesystem::path& profile_dir, int width,
                                           int height) {
    return {"/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile_dir.string(),
            "--window-size=" + std::to_string(width) + "," + std::to_string(height)};
}

tool_result run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds limit) {
    athil::test::scoped_temp_dir dir("athil-report-tool");
    // Two files: one file opened twice would let the streams overwrite each other.
    const auto out = dir.path() / "stdout.txt";
    const auto err = dir.path() / "stderr.txt";
    auto child = process::child::spawn({.argv = argv, .stdout_path = out, .stderr_path = err});
    tool_result result;
    const auto code = child.wait(deadline_in(limit));
    if (!code) {
        child.kill();
        ADD_FAILURE() << argv[0] << " still running after " << limit.count() << " ms: killed";
    }
    result.exit_code = code.value_or(-1);
    result.output = read_text(out) + read_text(err);
    return result;
}

tool_result validate_junit(const std::filesystem::path& file) {
    return run_tool({"xmllint", "--noout", "--schema", ATHIL_JUNIT_XSD, file.string()});
}

tool_result consume_junit(const std::filesystem::path& file) {
    return run_tool({"/usr/bin/python3", ATHIL_JUNIT_CONSUMER, file.string()});
}

void expect_junit_accepted(const std::filesystem::path& file, const std::string& summary) {
    const auto valid = validate_junit(file);
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    const auto consumer = consume_junit(file);
    EXPECT_EQ(consumer.exit_code, 0) << consumer.output;
    EXPECT_EQ(consumer.output.rfind(summary + "\n", 0), 0U) << consumer.output;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace athil::report::test
