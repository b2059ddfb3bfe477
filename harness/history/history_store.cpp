#include "harness/history/history_store.hpp"

#include "harness/core/error.hpp"

#include <cstdlib>

namespace athil::history {
namespace {

constexpr int schema_version = 1;

// Written for both backends: TEXT and BIGINT mean the same in SQLite and PostgreSQL; only the
// auto-numbered key differs ({key}).
constexpr std::string_view schema_statements[] = {
    "CREATE TABLE IF NOT EXISTS athil_schema (version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs ("
    " id {key},"
    " run_key TEXT NOT NULL UNIQUE,"
    " recorded_at TEXT NOT NULL,"
    " start_time TEXT NOT NULL,"
    " duration_ms BIGINT NOT NULL,"
    " tool_version TEXT NOT NULL,"
    " host TEXT NOT NULL,"
    " dut_link TEXT NOT NULL,"
    " model TEXT NOT NULL,"
    " firmware TEXT NOT NULL,"
    " serial_number TEXT NOT NULL,"
    " imei TEXT NOT NULL,"
    " profile TEXT NOT NULL,"
    " quirks TEXT NOT NULL,"
    " simulator_args TEXT NOT NULL,"
    " command_line TEXT NOT NULL,"
    " outcome TEXT NOT NULL,"
    " outcome_reason TEXT NOT NULL,"
    " exit_code INTEGER NOT NULL,"
    " total INTEGER NOT NULL, passed INTEGER NOT NULL, flaky INTEGER NOT NULL,"
    " failed INTEGER NOT NULL, known_deviations INTEGER NOT NULL, skipped INTEGER NOT NULL,"
    " errors INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cases ("
    " run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL,"
    " section TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " clause TEXT NOT NULL,"
    " command TEXT NOT NULL,"
    " dut TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " duration_ms BIGINT NOT NULL,"
    " attempts INTEGER NOT NULL,"
    " restarts INTEGER NOT NULL,"
    " message TEXT NOT NULL,"
    " deviation TEXT NOT NULL,"
    " PRIMARY KEY (run_id, position))",
    "CREATE INDEX IF NOT EXISTS cases_by_case ON cases (section, name)",
    "CREATE INDEX IF NOT EXISTS runs_by_start ON runs (start_time)",
};

constexpr std::string_view run_columns =
    "id, start_time, duration_ms, dut_link, model, firmware, serial_number, profile, quirks, "
    "outcome, exit_code, total, passed, flaky, failed, known_deviations, skipped, errors";

std::int64_t to_int(const std::string& text) {
    return text.empty() ? 0 : std::strtoll(text.c_str(), nullptr, 10);
}

std::size_t to_count(const std::string& text) {
    return static_cast<std::size_t>(to_int(text));
}

run_row row_from(const sql_row& r) {
    run_row out;
    out.id = to_int(r[0]);
    out.start_time = r[1];
    out.duration_ms = to_int(r[2]);
    out.dut_link = r[3];
    out.model = r[4];
    out.firmware = r[5];
    out.serial_number = r[6];
    out.profile = r[7];
    out.quirks = r[8];
    out.outcome = r[9];
    out.exit_code = static_cast<int>(to_int(r[10]));
    out.counts.total = to_count(r[11]);
    out.counts.passed = to_count(r[12]);
    out.counts.flaky = to_count(r[13]);
    out.counts.failed = to_count(r[14]);
    out.counts.known_deviations = to_count(r[15]);
    out.counts.skipped = to_count(r[16]);
    out.counts.errors = to_count(r[17]);
    return out;
}

std::string extra_value(const report::case_result& c, std::string_view key) {
    for (const auto& [k, v] : c.extra) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

// The module restarts a case caused, as its transcript notes them (module_session).
std::size_t restarts_in(const std::string& transcript) {
    std::size_t n = 0;
    for (auto at = transcript.find("restart after "); at != std::string::npos;
         at = transcript.find("restart after ", at + 1)) {
        ++n;
    }
    return n;
}

// Same start, host, DUT and profile: the same run, whichever way it reached the store.
std::string run_key(const report::run_metadata& m) {
    return report::iso8601_utc(m.start_time) + "|" + std::to_string(m.duration.count()) + "|" +
           m.host + "|" + m.dut_link + "|" + m.serial_number + "|" + m.profile + "|" +
           m.command_line;
}

std::string now_iso() {
    return report::iso8601_utc(std::chrono::system_clock::now());
}

// A transaction that rolls back unless committed.
class write_transaction {
public:
    explicit write_transaction(sql_connection& db)
        : db_(db) {
        db_.begin_write();
    }
    ~write_transaction() {
        if (!done_) {
            db_.rollback();
        }
    }
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;
    void commit() {
        db_.commit();
        done_ = true;
    }

private:
    sql_connection& db_;
    bool done_ = false;
};

} // namespace

std::filesystem::path default_store_path() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
        return std::filesystem::path(xdg) / "athil" / "history.sqlite";
    }
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
        throw athil_error(errc::bad_input,
                          "neither XDG_DATA_HOME nor HOME is set: give --history PATH");
    }
    return std::filesystem::path(home) / ".local" / "share" / "athil" / "history.sqlite";
}

bool is_postgresql_location(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://") ||
           location.find("dbname=") != std::string_view::npos;
}

int exit_code_of(const report::run_result& run) {
    const auto c = run.counts();
    if (run.metadata.outcome == report::run_outcome::rig_failed || c.errors > 0 ||
        (c.total > 0 && c.total == c.skipped)) {
        return 2;
    }
    if (run.metadata.outcome == report::run_outcome::interrupted) {
        return 2;
    }
    return c.failed > 0 ? 1 : 0;
}

history_store::history_store(std::unique_ptr<sql_connection> connection)
    : db_(std::move(connection)) {
    create_schema();
}

history_store history_store::open(const std::string& location) {
    if (is_postgresql_location(location)) {
        return history_store(open_postgresql(location));
    }
    return history_store(open_sqlite(location.empty() ? default_store_path().string() : location));
}

void history_store::check_version() {
    const auto versions = db_->query("SELECT version FROM athil_schema");
    if (!versions.empty() && to_int(versions[0][0]) > schema_version) {
        throw athil_error(errc::bad_input, "the history store " + db_->describe() +
                                               " was written by a newer athil (schema " +
                                               versions[0][0] + "); upgrade athil to use it");
    }
}

// Only a new store runs the schema's statements: on PostgreSQL, CREATE INDEX IF NOT EXISTS locks
// its table even when the index exists, and would deadlock with another process's inserts. The lock
// is taken before the transaction begins: PostgreSQL then sees the schema a previous holder made.
void history_store::create_schema() {
    if (db_->has_table("athil_schema")) {
        check_version();
        return;
    }
    db_->lock_schema();
    const std::unique_ptr<sql_connection, void (*)(sql_connection*)> unlock(
        db_.get(), [](sql_connection* db) { db->unlock_schema(); });
    write_transaction tx(*db_);
    if (db_->has_table("athil_schema")) { // another process made it while this one waited
        tx.commit();
        check_version();
        return;
    }
    for (const auto statement : schema_statements) {
        std::string sql(statement);
        if (const auto at = sql.find("{key}"); at != std::string::npos) {
            sql.replace(at, 5, db_->serial_key_type());
        }
        db_->query(sql);
    }
    db_->query("INSERT INTO athil_schema (version) VALUES (?)", {std::to_string(schema_version)});
    tx.commit();
}

record_result history_store::record(const report::run_result& run, int exit_code) {
    const auto& m = run.metadata;
    const auto key = run_key(m);
    write_transaction tx(*db_);
    if (const auto existing = db_->query("SELECT id FROM runs WHERE run_key = ?", {key});
        !existing.empty()) {
        return {to_int(existing[0][0]), false};
    }
    const auto c = run.counts();
    const auto id_rows = db_->query(
        "INSERT INTO runs (run_key, recorded_at, start_time, duration_ms, tool_version, host, "
        "dut_link, model, firmware, serial_number, imei, profile, quirks, simulator_args, "
        "command_line, outcome, outcome_reason, exit_code, total, passed, flaky, failed, "
        "known_deviations, skipped, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {key,
         now_iso(),
         report::iso8601_utc(m.start_time),
         std::to_string(m.duration.count()),
         m.tool_version,
         m.host,
         m.dut_link,
         m.model,
         m.firmware,
         m.serial_number,
         m.imei,
         m.profile,
         report::join(m.quirks, ","),
         report::join(m.simulator_args, " "),
         m.command_line,
         std::string(report::to_string(m.outcome)),
         m.outcome_reason,
         std::to_string(exit_code),
         std::to_string(c.total),
         std::to_string(c.passed),
         std::to_string(c.flaky),
         std::to_string(c.failed),
         std::to_string(c.known_deviations),
         std::to_string(c.skipped),
         std::to_string(c.errors)});
    const auto id = id_rows.at(0).at(0);
    std::size_t position = 0;
    for (const auto& k : run.cases) {
        db_->query("INSERT INTO cases (run_id, position, section, name, clause, command, dut, "
                   "status, duration_ms, attempts, restarts, message, deviation) VALUES (?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {id, std::to_string(position++), k.section, k.name, k.clause, k.command,
                    extra_value(k, "dut"), std::string(report::to_string(k.status)),
                    std::to_string(k.duration.count()), std::to_string(k.retries + 1),
                    std::to_string(restarts_in(k.transcript)), k.message, k.deviation});
    }
    tx.commit();
    return {to_int(id), true};
}

std::vector<run_row> history_store::list(std::size_t limit) {
    std::string sql = "SELECT " + std::string(run_columns) + " FROM runs ORDER BY id DESC";
    std::vector<std::string> params;
    if (limit > 0) {
        sql += " LIMIT ?";
        params.push_back(std::to_string(limit));
    }
    std::vector<run_row> out;
    for (const auto& r : db_->query(sql, params)) {
        out.push_back(row_from(r));
    }
    return out;
}

std::optional<run_row> history_store::row(std::int64_t id) {
    const auto rows = db_->query("SELECT " + std::string(run_columns) + " FROM runs WHERE id = ?",
                                 {std::to_string(id)});
    if (rows.empty()) {
        return std::nullopt;
    }
    return row_from(rows[0]);
}

std::optional<report::run_result> history_store::load(std::int64_t id) {
    const auto runs =
        db_->query("SELECT start_time, duration_ms, tool_version, host, dut_link, model, firmware, "
                   "serial_number, imei, profile, quirks, simulator_args, command_line, outcome, "
                   "outcome_reason FROM runs WHERE id = ?",
                   {std::to_string(id)});
    if (runs.empty()) {
        return std::nullopt;
    }
    const auto& r = runs[0];
    report::run_result run;
    auto& m = run.metadata;
    m.start_time = report::time_from_iso8601(r[0]);
    m.duration = std::chrono::milliseconds(to_int(r[1]));
    m.tool_version = r[2];
    m.host = r[3];
    m.dut_link = r[4];
    m.model = r[5];
    m.firmware = r[6];
    m.serial_number = r[7];
    m.imei = r[8];
    m.profile = r[9];
    for (std::size_t start = 0; start < r[10].size();) {
        auto end = r[10].find(',', start);
        end = end == std::string::npos ? r[10].size() : end;
        m.quirks.push_back(r[10].substr(start, end - start));
        start = end + 1;
    }
    m.command_line = r[12];
    m.outcome = report::outcome_from_string(r[13]).value_or(report::run_outcome::complete);
    m.outcome_reason = r[14];
    for (const auto& k :
         db_->query("SELECT section, name, clause, command, dut, status, duration_ms, attempts, "
                    "message, deviation FROM cases WHERE run_id = ? ORDER BY position",
                    {std::to_string(id)})) {
        report::case_result c;
        c.section = k[0];
        c.name = k[1];
        c.clause = k[2];
        c.command = k[3];
        if (!k[4].empty()) {
            c.extra.emplace_back("dut", k[4]);
        }
        c.status = report::status_from_string(k[5]).value_or(report::case_status::error);
        c.duration = std::chrono::milliseconds(to_int(k[6]));
        const auto attempts = to_int(k[7]);
        c.retries = attempts > 1 ? static_cast<unsigned>(attempts - 1) : 0;
        c.message = k[8];
        c.deviation = k[9];
        run.cases.push_back(std::move(c));
    }
    return run;
}

std::vector<trend_row> history_store::trend_rows() {
    std::vector<trend_row> out;
    for (const auto& r : db_->query(
             "SELECT r.id, r.start_time, r.firmware, CASE WHEN c.dut <> '' THEN c.dut WHEN "
             "r.serial_number <> '' THEN r.serial_number ELSE r.dut_link END, c.section, c.name, "
             "c.status FROM cases c JOIN runs r ON r.id = c.run_id ORDER BY r.start_time, r.id, "
             "c.position")) {
        trend_row t;
        t.run_id = to_int(r[0]);
        t.start_time = r[1];
        t.firmware = r[2];
        t.dut = r[3];
        t.section = r[4];
        t.name = r[5];
        t.status = report::status_from_string(r[6]).value_or(report::case_status::error);
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace athil::history
