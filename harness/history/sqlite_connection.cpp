// The default store: one SQLite file. Several writers (--jobs workers, two runs on one host) use
// it at once: WAL lets readers go on while one writes, and the busy timeout makes a writer wait
// for the write lock rather than fail.
#include "harness/core/error.hpp"
#include "harness/history/sql_connection.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace athil::history {
namespace {

constexpr int busy_timeout_ms = 60'000;

class sqlite_connection final : public sql_connection {
public:
    explicit sqlite_connection(std::string path)
        : path_(std::move(path)) {
        const auto parent = std::filesystem::path(path_).parent_path();
        std::error_code ec;
        if (!parent.empty()) {
            std::filesystem::create_directories(parent, ec);
        }
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK) {
            const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw athil_error(errc::bad_input,
                              "cannot open the history store " + path_ + ": " + reason);
        }
        sqlite3_busy_timeout(db_, busy_timeout_ms);
        query("PRAGMA journal_mode=WAL");
        query("PRAGMA foreign_keys=ON");
    }

    ~sqlite_connection() override { sqlite3_close(db_); }

    std::vector<sql_row> query(std::string_view sql,
                               const std::vector<std::string>& params) override {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
            SQLITE_OK) {
            fail("cannot prepare a statement");
        }
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
        for (std::size_t i = 0; i < params.size(); ++i) {
            sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                              static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
        }
        std::vector<sql_row> rows;
        for (;;) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) {
                return rows;
            }
            if (rc != SQLITE_ROW) {
                fail("cannot run a statement");
            }
            sql_row row;
            const int columns = sqlite3_column_count(stmt);
            for (int c = 0; c < columns; ++c) {
                const auto* text = sqlite3_column_text(stmt, c);
                row.emplace_back(text == nullptr ? ""
                                                 : std::string(reinterpret_cast<const char*>(text),
                                                               static_cast<std::size_t>(
                                                                   sqlite3_column_bytes(stmt, c))));
            }
            rows.push_back(std::move(row));
        }
    }

    bool has_table(const std::string& name) override {
        return !query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", {name})
                    .empty();
    }
    void begin_write() override { query("BEGIN IMMEDIATE"); }
    void commit() override { query("COMMIT"); }
    void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    std::string_view serial_key_type() const override {
        return "INTEGER PRIMARY KEY AUTOINCREMENT";
    }
    std::string describe() const override { return path_; }

private:
    std::vector<sql_row> query(std::string_view sql) { return query(sql, {}); }

    [[noreturn]] void fail(const std::string& what) const {
        throw athil_error(errc::bad_input,
                          "history store " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

} // namespace

std::unique_ptr<sql_connection> open_sqlite(const std::string& path) {
    return std::make_unique<sqlite_connection>(path);
}

} // namespace athil::history
