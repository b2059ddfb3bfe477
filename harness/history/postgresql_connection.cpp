// The shared store: several rack hosts writing one history on a PostgreSQL server (libpq).
// Parameters go as text, like SQLite's; `?` placeholders become $1, $2, ...
#include "harness/core/error.hpp"
#include "harness/history/sql_connection.hpp"

#include <libpq-fe.h>

namespace athil::history {
namespace {

// Any constant: the key of the advisory lock that serialises schema creation.
constexpr long long schema_lock_key = 0x617468696c;

std::string numbered_placeholders(std::string_view sql) {
    std::string out;
    int n = 0;
    for (const char c : sql) {
        if (c == '?') {
            out += "$" + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

// libpq's messages end in a newline and may span lines; reports want one line.
std::string one_line(const char* text) {
    std::string s = text == nullptr ? "" : text;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
    for (auto& c : s) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return s;
}

class postgresql_connection final : public sql_connection {
public:
    explicit postgresql_connection(const std::string& url)
        : shown_(without_password(url)) {
        conn_ = PQconnectdb(url.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            const auto reason = one_line(PQerrorMessage(conn_));
            PQfinish(conn_);
            conn_ = nullptr;
            throw athil_error(errc::bad_input,
                              "cannot connect to the history store " + shown_ + ": " + reason);
        }
        query("SET client_min_messages TO WARNING", {}); // no NOTICE for IF NOT EXISTS
    }

    ~postgresql_connection() override { PQfinish(conn_); }

    std::vector<sql_row> query(std::string_view sql,
                               const std::vector<std::string>& params) override {
        std::vector<const char*> values;
        for (const auto& p : params) {
            values.push_back(p.c_str());
        }
        const auto text = numbered_placeholders(sql);
        std::unique_ptr<PGresult, void (*)(PGresult*)> result(
            PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0),
            PQclear);
        const auto status = PQresultStatus(result.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            throw athil_error(errc::bad_input, "history store " + shown_ + ": " +
                                                   one_line(PQresultErrorMessage(result.get())));
        }
        std::vector<sql_row> rows;
        const int n = PQntuples(result.get());
        const int columns = PQnfields(result.get());
        for (int r = 0; r < n; ++r) {
            sql_row row;
            for (int c = 0; c < columns; ++c) {
                row.emplace_back(PQgetvalue(result.get(), r, c),
                                 static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    bool has_table(const std::string& name) override {
        return query("SELECT to_regclass(?) IS NOT NULL", {name}).at(0).at(0) == "t";
    }
    void begin_write() override { query("BEGIN", {}); }
    void commit() override { query("COMMIT", {}); }
    void rollback() noexcept override { PQclear(PQexec(conn_, "ROLLBACK")); }
    void lock_schema() override {
        query("SELECT pg_advisory_lock(" + std::to_string(schema_lock_key) + ")", {});
    }
    void unlock_schema() noexcept override {
        const auto sql = "SELECT pg_advisory_unlock(" + std::to_string(schema_lock_key) + ")";
        PQclear(PQexec(conn_, sql.c_str()));
    }
    std::string_view serial_key_type() const override { return "BIGSERIAL PRIMARY KEY"; }
    std::string describe() const override { return shown_; }

private:
    std::string shown_;
    PGconn* conn_ = nullptr;
};

} // namespace

std::unique_ptr<sql_connection> open_postgresql(const std::string& url) {
    return std::make_unique<postgresql_connection>(url);
}

std::string without_password(std::string_view url) {
    std::string s(url);
    // URL form: scheme://user:password@host...
    const auto scheme = s.find("://");
    if (scheme != std::string::npos) {
        const auto at = s.find('@', scheme + 3);
        const auto colon = s.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) {
            s.replace(colon + 1, at - colon - 1, "******");
        }
    }
    // Key-value form and URL parameters: password=...
    for (auto p = s.find("password="); p != std::string::npos; p = s.find("password=", p + 1)) {
        const auto start = p + 9;
        auto end = s.find_first_of(" &", start);
        if (end == std::string::npos) {
            end = s.size();
        }
        s.replace(start, end - start, "******");
    }
    return s;
}

} // namespace athil::history
