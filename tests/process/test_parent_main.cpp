// Spawns `sleep 300` as a guarded child, prints "<sleep pid>" and waits for a signal.
// argv[1] == "handlers": install the cleanup handlers first (the SIGINT/SIGTERM path).
#include "harness/process/child_process.hpp"

#include <unistd.h>

#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "handlers") {
        athil::process::install_cleanup_handlers();
    }
    auto sleeper = athil::process::child::spawn({.argv = {"sleep", "300"}});
    std::printf("%d\n", sleeper.pid());
    std::fflush(stdout);
    for (;;) {
        ::pause();
    }
}
