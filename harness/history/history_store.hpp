#pragma once
// The run history: every recorded run with its identity (tool, host, DUT, firmware, profile,
// quirks), outcome and exit code, and every case's verdict, duration, attempts and message. It
// holds what the reports hold, so only redacted text. One schema and one set of statements for
// both backends (sql_connection.hpp): a SQLite file by default, a PostgreSQL server shared by
// rack hosts with `postgresql://...`.

#include "harness/history/sql_connection.hpp"
#include "harness/report/run_model.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace athil::history {

// $XDG_DATA_HOME/athil/history.sqlite, else ~/.local/share/athil/history.sqlite.
std::filesystem::path default_store_path();

// "postgresql://..." or "postgres://..." (and libpq's "host=... dbname=..." form) is a server;
// anything else is a SQLite file path; empty is the default path.
bool is_postgresql_location(std::string_view location);

// One recorded run as `history list` shows it.
struct run_row {
    std::int64_t id = 0;
    std::string start_time; // ISO 8601 UTC
    std::int64_t duration_ms = 0;
    std::string dut_link;
    std::string model;
    std::string firmware;
    std::string serial_number;
    std::string profile;
    std::string quirks; // comma-separated
    std::string outcome;
    int exit_code = 0;
    report::run_counts counts;
};

struct record_result {
    std::int64_t id = 0;
    bool added = true; // false: this run was already in the store (same identity and start)
};

// One case of one run, as the trend needs it.
struct trend_row {
    std::int64_t run_id = 0;
    std::string start_time;
    std::string firmware;
    std::string dut; // the rack DUT's id, else the run's serial number, else its link
    std::string section;
    std::string name;
    report::case_status status = report::case_status::passed;
};

// The exit code athil run gives for this run: 2 when the rig failed or a case could not be
// judged, 1 for nonconformance, 0 otherwise (for runs imported from results.json).
int exit_code_of(const report::run_result& run);

class history_store {
public:
    explicit history_store(std::unique_ptr<sql_connection> connection);

    // Opens (and creates, with its schema) the store at `location` (see is_postgresql_location).
    static history_store open(const std::string& location);

    // Records one run in one transaction; a run already recorded (same start time, host, DUT
    // link, serial number and profile) is not added twice.
    record_result record(const report::run_result& run, int exit_code);

    // The newest runs first; `limit` 0 means all.
    std::vector<run_row> list(std::size_t limit = 0);

    // The run with this id, rebuilt as a run model (identity, outcome, every case's verdict,
    // duration, attempts and message); nullopt when no such run exists.
    std::optional<report::run_result> load(std::int64_t id);
    std::optional<run_row> row(std::int64_t id);

    // Every case of every run, oldest run first.
    std::vector<trend_row> trend_rows();

    std::string describe() const { return db_->describe(); }

private:
    void create_schema();
    void check_version();

    std::unique_ptr<sql_connection> db_;
};

} // namespace athil::history
