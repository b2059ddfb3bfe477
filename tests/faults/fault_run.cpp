#include "tests/faults/fault_run.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace athil::faults {
namespace fs = std::filesystem;

namespace {

constexpr auto reap_bound = 15s; // children that outlive the run by a moment are not orphans
constexpr std::string_view marker_name = "ATHIL_FAULT_MARKER=";

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// NUL-separated /proc texts (cmdline, environ) as a vector of strings.
std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\0', start);
        out.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

bool is_zombie(const fs::path& proc_entry) {
    const auto stat = read_all(proc_entry / "stat");
    const auto close_paren = stat.rfind(')');
    return close_paren == std::string::npos || close_paren + 2 >= stat.size() ||
           stat[close_paren + 2] == 'Z';
}

std::vector<char*> pointers(std::vector<std::string>& texts) {
    std::vector<char*> out;
    for (auto& t : texts) {
        out.push_back(t.data());
    }
    out.push_back(nullptr);
    return out;
}

} // namespace

scratch_dir::scratch_dir() {
    std::string pattern = (fs::temp_directory_path() / "athil-fault-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
    fs::create_directory(tmp());
}

scratch_dir::~scratch_dir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string scratch_dir::output() const {
    return read_all(output_file());
}

std::string scratch_dir::errors() const {
    return read_all(error_file());
}

launched::launched(const scratch_dir& dir, const std::string& executable,
                   const launch_options& options) {
    // Everything the child needs is prepared before fork: after it only async-signal-safe
    // calls are allowed.
    std::vector<std::string> args{executable};
    args.insert(args.end(), options.args.begin(), options.args.end());
    std::vector<std::string> env{"TMPDIR=" + dir.tmp().string(),
                                 std::string(marker_name) + dir.marker()};
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        if (!entry.starts_with("TMPDIR=") && !entry.starts_with(marker_name)) {
            env.emplace_back(entry);
        }
    }
    auto argv = pointers(args);
    auto envp = pointers(env);
    const auto out = dir.output_file().string();
    const auto err = options.split_stderr ? dir.error_file().string() : out;
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (out_fd < 0 || err_fd < 0) {
        throw std::runtime_error("cannot open " + out + " or " + err);
    }
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        if (options.file_size_limit) {
            struct sigaction ignore {};
            ignore.sa_handler = SIG_IGN;
            ::sigaction(SIGXFSZ, &ignore, nullptr);
            const rlimit limit{*options.file_size_limit, *options.file_size_limit};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out_fd);
    ::close(err_fd);
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
}

launched::~launched() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

void launched::signal(int signal_number) const {
    if (pid_ > 0) {
        ::kill(pid_, signal_number);
    }
}

std::optional<int> launched::wait(clock_type::duration bound) {
    const auto until = clock_type::now() + bound;
    while (pid_ > 0) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return status;
        }
        if (clock_type::now() > until) {
            break;
        }
        std::this_thread::sleep_for(50ms);
    }
    return std::nullopt;
}

std::vector<std::string> processes_of(const std::string& marker) {
    const auto wanted = std::string(marker_name) + marker;
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const auto name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(name) == ::getpid()) {
            continue;
        }
        const auto environment = split_nul(read_all(e.path() / "environ"));
        if (std::find(environment.begin(), environment.end(), wanted) == environment.end() ||
            is_zombie(e.path())) {
            continue;
        }
        std::string cmdline;
        for (const auto& arg : split_nul(read_all(e.path() / "cmdline"))) {
            cmdline += (cmdline.empty() ? "" : " ") + arg;
        }
        out.push_back(name + ": " + cmdline);
    }
    return out;
}

std::optional<pid_t> find_process(const std::string& marker, std::string_view needle) {
    for (const auto& p : processes_of(marker)) {
        if (p.find(needle) != std::string::npos) {
            return static_cast<pid_t>(std::stoi(p.substr(0, p.find(':'))));
        }
    }
    return std::nullopt;
}

std::optional<pid_t> wait_for_process(const std::string& marker, std::string_view needle,
                                      clock_type::duration bound) {
    const auto until = clock_type::now() + bound;
    auto pid = find_process(marker, needle);
    while (!pid && clock_type::now() < until) {
        std::this_thread::sleep_for(50ms);
        pid = find_process(marker, needle);
    }
    return pid;
}

void expect_no_orphans(const scratch_dir& dir) {
    const auto until = clock_type::now() + reap_bound;
    auto left = processes_of(dir.marker());
    while (!left.empty() && clock_type::now() < until) {
        std::this_thread::sleep_for(100ms);
        left = processes_of(dir.marker());
    }
    EXPECT_TRUE(left.empty()) << "processes of the run still alive: "
                              << testing::PrintToString(left);
    for (const auto& p : left) {
        ::kill(std::stoi(p.substr(0, p.find(':'))), SIGKILL);
    }
}

void expect_no_temp_folders(const scratch_dir& dir) {
    std::vector<std::string> left;
    for (const auto& e : fs::directory_iterator(dir.tmp())) {
        left.push_back(e.path().filename().string());
    }
    EXPECT_TRUE(left.empty()) << "left in TMPDIR: " << testing::PrintToString(left);
}

std::string describe_status(int wait_status) {
    if (WIFEXITED(wait_status)) {
        return "exit " + std::to_string(WEXITSTATUS(wait_status));
    }
    if (WIFSIGNALED(wait_status)) {
        return "killed by signal " + std::to_string(WTERMSIG(wait_status));
    }
    return "wait status " + std::to_string(wait_status);
}

} // namespace athil::faults
