#pragma once
// The history tests run once per backend: a SQLite file in a temp folder, and a fresh database
// on a PostgreSQL server the test starts itself (postgres_server.hpp). Also: small runs with
// chosen verdicts, to record and compare.

#include "harness/report/run_model.hpp"
#include "postgres_server.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <string>

namespace athil::test {

class store_location {
public:
    explicit store_location(const std::string& backend) {
        if (backend == "postgresql") {
            server_ = std::make_unique<postgres_server>();
            location_ = server_->new_database("athil_history");
        } else {
            location_ = (dir_.path() / "history.sqlite").string();
        }
    }
    const std::string& location() const { return location_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

private:
    scoped_temp_dir dir_{"athil-history"};
    std::unique_ptr<postgres_server> server_;
    std::string location_;
};

// A run on DUT `serial` with firmware `firmware`, started `hour` hours after a fixed night, whose
// cases have these verdicts (Section.Case -> status), each taking `ms` milliseconds.
inline report::run_result make_run(int hour,
                                   const std::map<std::string, report::case_status>& cases,
                                   const std::string& firmware = "FW-1",
                                   const std::string& serial = "SN-1", long ms = 200) {
    report::run_result run;
    auto& m = run.metadata;
    m.dut_link = "sim";
    m.firmware = firmware;
    m.serial_number = serial;
    m.imei = "860000000000001";
    m.model = "WH-GM5";
    m.profile = "reference";
    m.host = "rack-host";
    m.tool_version = "0.0-test";
    m.command_line = "athil run";
    m.start_time = report::time_from_iso8601("2026-11-01T01:00:00Z") + std::chrono::hours(hour);
    m.duration = std::chrono::seconds(3);
    for (const auto& [name, status] : cases) {
        report::case_result c;
        const auto dot = name.find('.');
        c.section = name.substr(0, dot);
        c.name = name.substr(dot + 1);
        c.clause = "2.2";
        c.status = status;
        c.duration = std::chrono::milliseconds(ms);
        if (status == report::case_status::failed) {
            c.message = "clause 2.2: expected +MQTTCFG:60,0; got +MQTTCFG:30,0";
        }
        if (status == report::case_status::known_deviation) {
            c.deviation = "E.1";
        }
        if (status == report::case_status::flaky) {
            c.retries = 1;
        }
        run.cases.push_back(std::move(c));
    }
    return run;
}

} // namespace athil::test
