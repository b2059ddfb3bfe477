#include "harness/process/child_process.hpp"

#include "harness/core/error.hpp"
#include "harness/process/child_registry.hpp"
#include "harness/process/group_watchdog.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

extern char** environ; // NOLINT: the POSIX process environment

namespace athil::process {
namespace {

using namespace std::chrono_literals;

std::string join_command(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& arg : argv) {
        if (!text.empty()) {
            text += ' ';
        }
        text += arg;
    }
    return text;
}

std::vector<std::string> merged_environment(const spawn_options& options) {
    std::vector<std::string> entries;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto name = text.substr(0, text.find('='));
        const bool overridden = std::any_of(options.env.begin(), options.env.end(),
                                            [&](const auto& kv) { return kv.first == name; });
        if (!overridden) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [name, value] : options.env) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (auto& s : strings) {
        pointers.push_back(s.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

int open_output(const std::filesystem::path& path) {
    if (path.empty()) {
        return -1;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw athil_error(errc::process_failed,
                          "cannot open " + path.string() + ": " + std::strerror(errno));
    }
    return fd;
}

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

int milliseconds_until(deadline until) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - steady_clock::now());
    return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
}

// Only async-signal-safe calls between fork and exec: the harness is multi-threaded.
[[noreturn]] void exec_child(char* const* argv, char* const* envp, const char* cwd, int out_fd,
                             int err_fd, int error_pipe, pid_t parent, bool watch_group) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
        ::_exit(127); // the harness died between fork and prctl
    }
    if (watch_group) {
        const pid_t watchdog = ::getpid();
        const pid_t worker = ::fork();
        if (worker > 0) {
            detail::run_group_watchdog(worker, parent);
        }
        if (worker < 0) {
            const int error = errno;
            [[maybe_unused]] auto n = ::write(error_pipe, &error, sizeof error);
            ::_exit(127);
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // the program goes with its watchdog, too
        if (::getppid() != watchdog) {
            ::_exit(127);
        }
    }
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
        ::sigaction(sig, &default_action, nullptr);
    }
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (out_fd >= 0) {
        ::dup2(out_fd, STDOUT_FILENO);
    }
    if (err_fd >= 0) {
        ::dup2(err_fd, STDERR_FILENO);
    }
    if (cwd != nullptr && ::chdir(cwd) != 0) {
        const int error = errno;
        [[maybe_unused]] auto n = ::write(error_pipe, &error, sizeof error);
        ::_exit(127);
    }
    ::execvpe(argv[0], argv, envp);
    const int error = errno;
    [[maybe_unused]] auto n = ::write(error_pipe, &error, sizeof error);
    ::_exit(127);
}

} // namespace

child child::spawn(const spawn_options& options) {
    if (options.argv.empty()) {
        throw athil_error(errc::process_failed, "cannot start a process without a program name");
    }
    std::vector<std::string> args = options.argv;
    std::vector<std::string> env = merged_environment(options);
    const auto argv = pointers_to(args);
    const auto envp = pointers_to(env);
    const std::string cwd = options.cwd.string();

    int out_fd = open_output(options.stdout_path);
    int err_fd = options.stderr_path == options.stdout_path && out_fd >= 0
                     ? ::fcntl(out_fd, F_DUPFD_CLOEXEC, 0)
                     : open_output(options.stderr_path);
    int capture[2] = {-1, -1};
    int error_pipe[2] = {-1, -1};
    if ((options.capture_stdout && ::pipe2(capture, O_CLOEXEC) != 0) ||
        ::pipe2(error_pipe, O_CLOEXEC) != 0) {
        close_fd(out_fd);
        close_fd(err_fd);
        throw athil_error(errc::process_failed, std::string("pipe: ") + std::strerror(errno));
    }
    if (options.capture_stdout) {
        close_fd(out_fd);
        out_fd = capture[1];
    }

    // Signals stay blocked across fork so the child never runs the harness's handlers.
    sigset_t all;
    sigset_t previous;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        exec_child(argv.data(), envp.data(), cwd.empty() ? nullptr : cwd.c_str(), out_fd, err_fd,
                   error_pipe[1], parent, options.watch_group);
    }
    const int fork_error = errno;
    if (pid > 0) {
        ::setpgid(pid, pid); // both sides set it: whichever runs first wins the race
        registry::add(pid);
    }
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);

    close_fd(out_fd);
    close_fd(err_fd);
    close_fd(error_pipe[1]);
    if (pid < 0) {
        close_fd(error_pipe[0]);
        close_fd(capture[0]);
        throw athil_error(errc::process_failed, "fork: " + std::string(std::strerror(fork_error)));
    }

    child result;
    result.pid_ = pid;
    result.stdout_fd_ = capture[0];
    result.command_line_ = join_command(options.argv);

    int exec_error = 0;
    ssize_t got = 0;
    do {
        got = ::read(error_pipe[0], &exec_error, sizeof exec_error);
    } while (got < 0 && errno == EINTR);
    close_fd(error_pipe[0]);
    if (got == static_cast<ssize_t>(sizeof exec_error)) {
        result.reap_blocking();
        throw athil_error(errc::process_failed, "cannot start " + options.argv.front() + ": " +
                                                    std::strerror(exec_error));
    }
    return result;
}

child::child(child&& other) noexcept
    : pid_(std::exchange(other.pid_, -1))
    , stdout_fd_(std::exchange(other.stdout_fd_, -1))
    , stdout_buffer_(std::move(other.stdout_buffer_))
    , exit_code_(other.exit_code_)
    , command_line_(std::move(other.command_line_)) {}

child& child::operator=(child&& other) noexcept {
    if (this != &other) {
        terminate();
        pid_ = std::exchange(other.pid_, -1);
        stdout_fd_ = std::exchange(other.stdout_fd_, -1);
        stdout_buffer_ = std::move(other.stdout_buffer_);
        exit_code_ = other.exit_code_;
        command_line_ = std::move(other.command_line_);
    }
    return *this;
}

child::~child() {
    terminate();
}

bool child::running() {
    if (pid_ <= 0) {
        return false;
    }
    // WNOWAIT leaves the zombie in place: while it exists its group id cannot be reused, so
    // the sweep below can only hit what the child left behind in its own group.
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == 0) {
        return true;
    }
    ::kill(-pid_, SIGKILL);
    reap_blocking();
    return false;
}

std::optional<int> child::exit_code() {
    running();
    return exit_code_;
}

std::optional<int> child::wait(deadline until) {
    while (running()) {
        if (steady_clock::now() >= until) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(
            std::min<steady_clock::duration>(5ms, until - steady_clock::now()));
    }
    return exit_code_;
}

std::optional<std::string> child::read_stdout_line(deadline until) {
    for (;;) {
        if (const auto newline = stdout_buffer_.find('\n'); newline != std::string::npos) {
            std::string line = stdout_buffer_.substr(0, newline);
            stdout_buffer_.erase(0, newline + 1);
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            return line;
        }
        if (stdout_fd_ < 0) {
            return std::nullopt;
        }
        pollfd pfd{stdout_fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, milliseconds_until(until));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return std::nullopt;
        }
        char chunk[512];
        const ssize_t got = ::read(stdout_fd_, chunk, sizeof chunk);
        if (got <= 0) {
            if (got < 0 && errno == EINTR) {
                continue;
            }
            close_fd(stdout_fd_);
            if (stdout_buffer_.empty()) {
                return std::nullopt;
            }
            return std::exchange(stdout_buffer_, {});
        }
        stdout_buffer_.append(chunk, static_cast<std::size_t>(got));
    }
}

std::optional<std::string> child::read_stdout(deadline until) {
    if (!stdout_buffer_.empty()) {
        return std::exchange(stdout_buffer_, {});
    }
    while (stdout_fd_ >= 0) {
        pollfd pfd{stdout_fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, milliseconds_until(until));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return std::string();
        }
        char chunk[4096];
        const ssize_t got = ::read(stdout_fd_, chunk, sizeof chunk);
        if (got > 0) {
            return std::string(chunk, static_cast<std::size_t>(got));
        }
        if (got < 0 && errno == EINTR) {
            continue;
        }
        close_fd(stdout_fd_);
    }
    return std::nullopt;
}

void child::close_stdout() {
    close_fd(stdout_fd_);
}

void child::signal(int signal_number) {
    if (running()) {
        ::kill(-pid_, signal_number);
    }
}

void child::terminate(std::chrono::milliseconds grace) {
    if (pid_ <= 0) {
        close_fd(stdout_fd_);
        return;
    }
    if (running()) {
        ::kill(-pid_, SIGTERM);
        wait(deadline_in(grace));
    }
    if (pid_ > 0) {
        kill();
    }
    close_fd(stdout_fd_);
}

void child::kill() {
    if (pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        reap_blocking();
    }
}

void child::reap_blocking() {
    int status = 0;
    pid_t got = 0;
    do {
        got = ::waitpid(pid_, &status, 0);
    } while (got < 0 && errno == EINTR);
    if (got == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    forget();
}

void child::forget() {
    registry::remove(pid_);
    pid_ = -1;
}

std::vector<pid_t> live_children() {
    return registry::snapshot();
}

} // namespace athil::process
