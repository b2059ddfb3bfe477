#include "harness/process/group_watchdog.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <initializer_list>

namespace athil::process::detail {
namespace {

// The watchdog never execs: without this it would hold the harness's serial port, sockets and
// lock files open for as long as the command runs.
void close_inherited_descriptors() {
#ifdef SYS_close_range
    if (::syscall(SYS_close_range, 3U, ~0U, 0U) == 0) {
        return;
    }
#endif
    for (int fd = 3; fd < 4096; ++fd) {
        ::close(fd);
    }
}

[[noreturn]] void end_like(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        struct sigaction default_action {};
        default_action.sa_handler = SIG_DFL;
        ::sigaction(sig, &default_action, nullptr);
        sigset_t only;
        ::sigemptyset(&only);
        ::sigaddset(&only, sig);
        ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
        ::kill(::getpid(), sig);
        ::_exit(128 + sig);
    }
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

} // namespace

void run_group_watchdog(pid_t worker, pid_t harness) {
    close_inherited_descriptors();
    // Blocked (as every signal is here) and taken by sigtimedwait below: a wake-up, not a death.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    sigset_t wake;
    ::sigemptyset(&wake);
    for (const int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
        ::sigaddset(&wake, sig);
    }
    for (;;) {
        int status = 0;
        const pid_t got = ::waitpid(worker, &status, WNOHANG);
        if (got == worker) {
            end_like(status);
        }
        if (::getppid() != harness) {
            ::kill(0, SIGKILL); // the whole group, this watchdog included
            ::_exit(128 + SIGKILL);
        }
        // A signal from the harness (SIGTERM to the group) reaches the worker as well: wait on
        // for it to end. The timeout re-checks the parent should PDEATHSIG be missed.
        const timespec a_second{1, 0};
        ::sigtimedwait(&wake, nullptr, &a_second);
    }
}

} // namespace athil::process::detail
