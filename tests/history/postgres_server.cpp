#include "postgres_server.hpp"

#include "fixtures/broker/free_port.hpp"
#include "harness/history/sql_connection.hpp"
#include "report_test_support.hpp"

#include <pwd.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace athil::test {
namespace {

// The newest installed server: /usr/lib/postgresql/<version>/bin.
std::filesystem::path server_bin_dir() {
    std::filesystem::path best;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
        const auto bin = e.path() / "bin";
        if (std::filesystem::exists(bin / "postgres") && std::filesystem::exists(bin / "initdb") &&
            (best.empty() ||
             e.path().filename().string() > best.parent_path().filename().string())) {
            best = bin;
        }
    }
    if (best.empty()) {
        throw std::runtime_error("no PostgreSQL server in /usr/lib/postgresql/*/bin: install "
                                 "Debian's postgresql package (ci/install-deps.sh does)");
    }
    return best;
}

// As root, the server's programs run as `postgres`: the command is prefixed with setpriv.
std::vector<std::string> as_server_user(std::vector<std::string> argv,
                                        const std::filesystem::path& dir) {
    if (::geteuid() != 0) {
        return argv;
    }
    const passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) {
        throw std::runtime_error("running as root and there is no `postgres` user to run the "
                                 "PostgreSQL server as (Debian's postgresql package creates it)");
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        (void)::lchown(e.path().c_str(), pw->pw_uid, pw->pw_gid);
    }
    (void)::chown(dir.c_str(), pw->pw_uid, pw->pw_gid);
    argv.insert(argv.begin(), {"setpriv", "--reuid=" + std::to_string(pw->pw_uid),
                               "--regid=" + std::to_string(pw->pw_gid), "--clear-groups"});
    return argv;
}

std::string file_text(const std::filesystem::path& f) {
    std::ifstream in(f);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

postgres_server::postgres_server() {
    const auto bin = server_bin_dir();
    const auto data = dir_.path() / "data";
    const auto init = report::test::run_tool(
        as_server_user({(bin / "initdb").string(), "-D", data.string(), "-U", "athil", "-A",
                        "trust", "--no-sync", "-E", "UTF8", "--locale=C"},
                       dir_.path()),
        std::chrono::seconds(120));
    if (init.exit_code != 0) {
        throw std::runtime_error("initdb failed: " + init.output);
    }
    port_ = fixtures::pick_free_port("127.0.0.1");
    process::spawn_options o;
    o.argv = as_server_user({(bin / "postgres").string(), "-D", data.string(), "-p",
                             std::to_string(port_), "-k", dir_.path().string(), "-c",
                             "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
                             "max_connections=60"},
                            dir_.path());
    o.stdout_path = dir_.path() / "server.log";
    o.stderr_path = o.stdout_path;
    o.watch_group = true; // setpriv drops the parent-death signal: the group watchdog stays
    server_ = process::child::spawn(o);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
        if (!server_->running()) {
            throw std::runtime_error("the PostgreSQL server ended at start: " +
                                     file_text(dir_.path() / "server.log"));
        }
        const auto ready = report::test::run_tool(
            {(bin / "pg_isready").string(), "-q", "-h", "127.0.0.1", "-p", std::to_string(port_)},
            std::chrono::seconds(10));
        if (ready.exit_code == 0) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("the PostgreSQL server did not accept connections within 60 s: " +
                             file_text(dir_.path() / "server.log"));
}

postgres_server::~postgres_server() {
    if (!server_) {
        return;
    }
    server_->signal(SIGINT); // fast shutdown: clients are disconnected
    if (!server_->wait(deadline_in(std::chrono::seconds(20)))) {
        server_->kill();
    }
}

std::string postgres_server::new_database(const std::string& name) {
    const auto base = "postgresql://athil@127.0.0.1:" + std::to_string(port_);
    history::open_postgresql(base + "/postgres")->query("CREATE DATABASE " + name, {});
    return base + "/" + name;
}

} // namespace athil::test
