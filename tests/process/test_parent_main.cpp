// Spawns `sleep 300` as a guarded child, prints "<sleep pid>" and waits for a signal.
// argv[1] == "handlers": install the cleanup handlers first (the SIGINT/SIGTERM path);
// argv[2], if given: a folder to create and have removed when a signal stops this program.
// argv[1] == "group": the child is a shell command (watch_group) that puts `sleep 300` in the
// background; its pid is printed instead.
#include "harness/process/child_process.hpp"
#include "harness/process/folder_cleanup.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "handlers") {
        athil::process::install_cleanup_handlers();
    }
    if (argc > 2) {
        std::filesystem::create_directories(std::filesystem::path(argv[2]) / "pki");
        std::ofstream(std::filesystem::path(argv[2]) / "pki" / "server.key") << "secret\n";
        athil::process::remove_on_signal(argv[2]);
    }
    if (argc > 1 && std::string_view(argv[1]) == "group") {
        auto shell =
            athil::process::child::spawn({.argv = {"/bin/sh", "-c", "sleep 300 & echo $!; wait"},
                                          .capture_stdout = true,
                                          .watch_group = true});
        const auto line = shell.read_stdout_line(athil::deadline_in(std::chrono::seconds(10)));
        std::printf("%s\n", line.value_or("0").c_str());
        std::fflush(stdout);
        for (;;) {
            ::pause();
        }
    }
    auto sleeper = athil::process::child::spawn({.argv = {"sleep", "300"}});
    std::printf("%d\n", sleeper.pid());
    std::fflush(stdout);
    for (;;) {
        ::pause();
    }
}
