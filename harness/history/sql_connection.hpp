#pragma once
// One connection to the database behind the run history. The store (history_store.hpp) speaks
// SQL through this seam only, so SQLite and PostgreSQL run the same schema and the same
// statements; each backend only binds parameters, runs transactions and names its key type.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace athil::history {

using sql_row = std::vector<std::string>; // every column as text; NULL reads as ""

class sql_connection {
public:
    virtual ~sql_connection() = default;

    // Runs one statement; `?` marks a parameter, bound in order as text (the database converts
    // it to the column's type). Throws athil_error(bad_input) with the database's reason.
    virtual std::vector<sql_row> query(std::string_view sql,
                                       const std::vector<std::string>& params = {}) = 0;

    // A write transaction that waits for other writers instead of failing: SQLite takes the
    // write lock up front (BEGIN IMMEDIATE, under the busy timeout), PostgreSQL plain BEGIN.
    virtual void begin_write() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;

    // Around the schema transaction (taken before it begins, so that the transaction sees what
    // the previous holder committed): PostgreSQL serialises schema creation with a session
    // advisory lock; SQLite's write lock already does.
    virtual void lock_schema() {}
    virtual void unlock_schema() noexcept {}

    // Whether the store already has this table (its schema was made before).
    virtual bool has_table(const std::string& name) = 0;

    // The column type of an auto-numbered primary key.
    virtual std::string_view serial_key_type() const = 0;

    // Where the store is, for messages: a path, or a PostgreSQL URL without its password.
    virtual std::string describe() const = 0;
};

std::unique_ptr<sql_connection> open_sqlite(const std::string& path);
std::unique_ptr<sql_connection> open_postgresql(const std::string& url);

// A PostgreSQL connection text with any password hidden: "postgresql://u:******@h/db".
std::string without_password(std::string_view url);

} // namespace athil::history
