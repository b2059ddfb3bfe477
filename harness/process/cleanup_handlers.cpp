#include "harness/process/child_process.hpp"
#include "harness/process/child_registry.hpp"
#include "harness/process/folder_cleanup.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace athil::process {
namespace {

// Set once by enable_graceful_stop; 0 means the first signal already ends the process.
std::atomic<unsigned> grace_seconds{0};
// The signal that asked for a graceful stop, 0 while none did.
std::atomic<int> stop_signal_number{0};

void stop_children_and_die(int signal_number) {
    registry::signal_all(SIGTERM);
    remove_registered_folders();
    // Die of the same signal so the parent shell sees the real cause (exit status 128+n).
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signal_number, &default_action, nullptr);
    ::raise(signal_number);
}

// The first stop signal of a run that can stop gracefully only asks it to; the children get
// SIGTERM at once, so whatever waits on them ends now. A second signal, or SIGALRM when the
// grace period is over, ends the process as without a graceful stop.
void on_stop_signal(int signal_number) {
    const unsigned grace = grace_seconds.load();
    if (signal_number != SIGALRM && grace > 0) {
        int none = 0;
        if (stop_signal_number.compare_exchange_strong(none, signal_number)) {
            registry::signal_all(SIGTERM);
            ::alarm(grace);
            return;
        }
    }
    const int asked = stop_signal_number.load();
    stop_children_and_die(signal_number == SIGALRM && asked != 0 ? asked : signal_number);
}

void stop_children_at_exit() {
    registry::signal_all(SIGTERM);
}

void handle(int signal_number) {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    ::sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
}

} // namespace

void install_cleanup_handlers() {
    static std::atomic<bool> installed{false};
    if (installed.exchange(true)) {
        return;
    }
    for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
        handle(sig);
    }
    std::atexit(stop_children_at_exit);
}

void enable_graceful_stop(std::chrono::seconds grace) {
    install_cleanup_handlers();
    handle(SIGALRM);
    grace_seconds.store(static_cast<unsigned>(grace.count()));
}

int stop_requested() noexcept {
    return stop_signal_number.load();
}

} // namespace athil::process
