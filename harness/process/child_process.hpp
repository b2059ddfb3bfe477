#pragma once
// Child processes (simulators, brokers, helper tools) that can never outlive the harness.
//
// Each child runs in a process group of its own, so one signal reaches it and everything it
// started. It is stopped by the RAII owner on scope exit and on exceptions, by the
// SIGINT/SIGTERM/SIGHUP/SIGQUIT handlers (install_cleanup_handlers) and at exit(); and, should the
// harness be SIGKILLed, by the kernel itself: the child asks for PR_SET_PDEATHSIG(SIGKILL).
// That last guard fires when the *thread* that spawned the child ends, so spawn from a thread
// that lives at least as long as the child (the main thread, or the worker that owns it).

#include "harness/core/clock.hpp"

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace athil::process {

struct spawn_options {
    std::vector<std::string> argv;     // argv[0] without '/' is looked up in PATH
    std::filesystem::path cwd;         // empty: the harness's working directory
    std::filesystem::path stdout_path; // empty: inherit; else truncated and written
    std::filesystem::path stderr_path; // empty: inherit; may equal stdout_path
    bool capture_stdout = false;       // a pipe, read with read_stdout_line()
    std::vector<std::pair<std::string, std::string>> env; // added to / overriding the harness's
    // Everything the program starts in its group dies with the harness too, even when the
    // harness is SIGKILLed (a watchdog process, the pid this child reports, stays in the group
    // and kills it; see group_watchdog.hpp). For shell commands that start programs of their own.
    bool watch_group = false;
};

class child {
public:
    // Starts the program; throws athil_error(process_failed) with the reason (for example
    // "cannot start mosquitto: No such file or directory") when exec fails.
    static child spawn(const spawn_options& options);

    child(child&& other) noexcept;
    child& operator=(child&& other) noexcept;
    child(const child&) = delete;
    child& operator=(const child&) = delete;
    ~child();

    pid_t pid() const { return pid_; }
    const std::string& command_line() const { return command_line_; }

    bool running();                          // never blocks; reaps the child once it has ended
    std::optional<int> exit_code();          // once ended: the exit status, or 128 + signal number
    std::optional<int> wait(deadline until); // the exit code, or nullopt at the deadline

    // One line of the child's stdout without its newline, or nullopt at the deadline or when
    // the child closed stdout. Needs capture_stdout.
    std::optional<std::string> read_stdout_line(deadline until);
    // The child's stdout as it comes, newlines and all: what is there (at least one byte), ""
    // at the deadline, nullopt once every writer closed it. Needs capture_stdout.
    std::optional<std::string> read_stdout(deadline until);
    void close_stdout(); // stop reading; later writes by the child get EPIPE

    void signal(int signal_number); // to the whole process group
    // SIGTERM to the group, up to `grace` for the child to end, then SIGKILL; always reaps.
    void terminate(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
    void kill(); // SIGKILL to the group now, then reap

private:
    child() = default;
    void reap_blocking();
    void forget();

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string stdout_buffer_;
    std::optional<int> exit_code_;
    std::string command_line_;
};

// SIGINT, SIGTERM, SIGHUP and SIGQUIT stop every live child's process group before the harness
// ends with the same signal; an atexit hook does the same for exit() paths that skip
// destructors. Idempotent. Programs that own children call it once at start-up.
void install_cleanup_handlers();

// For a program that can end well when asked (a run that writes its reports marked
// interrupted): the first of those signals only signals the children and sets
// stop_requested(); a second one, or `grace` passing, ends the process as above.
void enable_graceful_stop(std::chrono::seconds grace);
// The signal that asked for a stop, 0 while none did. Async-signal-safe to read.
int stop_requested() noexcept;

// Process groups of children that are still alive, for tests and diagnostics.
std::vector<pid_t> live_children();

} // namespace athil::process
