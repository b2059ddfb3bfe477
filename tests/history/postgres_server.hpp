#pragma once
// A real PostgreSQL server of the test's own (Debian's postgresql package): initdb in a temp
// folder, the server on a free port of 127.0.0.1 with its socket in that folder, stopped (fast
// shutdown, then killed) when the object goes. PostgreSQL refuses to run as root: as root the
// server runs as the unprivileged `postgres` user the package creates, the folder handed to it.
// A missing server binary is an error with the package to install, never a skipped test.

#include "harness/process/child_process.hpp"
#include "tests/certs/scoped_temp_dir.hpp"

#include <optional>
#include <string>

namespace athil::test {

class postgres_server {
public:
    postgres_server(); // throws std::runtime_error saying what is missing or what failed
    ~postgres_server();
    postgres_server(const postgres_server&) = delete;
    postgres_server& operator=(const postgres_server&) = delete;

    // A fresh, empty database on this server: "postgresql://athil@127.0.0.1:PORT/NAME".
    std::string new_database(const std::string& name);

    int port() const { return port_; }

private:
    scoped_temp_dir dir_{"athil-pg"};
    int port_ = 0;
    std::optional<process::child> server_;
};

} // namespace athil::test
