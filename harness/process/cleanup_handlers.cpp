#include "harness/process/child_process.hpp"
#include "harness/process/child_registry.hpp"
#include "harness/process/folder_cleanup.hpp"

#include <signal.h>

#include <atomic>
#include <cstdlib>

namespace athil::process {
namespace {

void stop_children_and_die(int signal_number) {
    registry::signal_all(SIGTERM);
    remove_registered_folders();
    // Die of the same signal so the parent shell sees the real cause (exit status 128+n).
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signal_number, &default_action, nullptr);
    ::raise(signal_number);
}

void stop_children_at_exit() {
    registry::signal_all(SIGTERM);
}

} // namespace

void install_cleanup_handlers() {
    static std::atomic<bool> installed{false};
    if (installed.exchange(true)) {
        return;
    }
    struct sigaction action {};
    action.sa_handler = stop_children_and_die;
    ::sigemptyset(&action.sa_mask);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
        ::sigaction(sig, &action, nullptr);
    }
    std::atexit(stop_children_at_exit);
}

} // namespace athil::process
