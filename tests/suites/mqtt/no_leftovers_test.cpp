// A run of the section-3 suites leaves nothing behind: no mosquitto, no `athil sim` whose
// command line names the run's own folder, and none of the run's temporary folders, both after
// a run that finishes and after one interrupted with SIGINT while the rig is up.
//
// Each run gets its own TMPDIR (where the rig creates its folders, so mosquitto's config path
// names it) and passes a simulator log path inside it (so `athil sim` names it too): any
// process naming that folder after the run is a leftover of this run and of no other test.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr auto run_bound = 600s; // a short selection on a loaded 2-core machine
constexpr auto rig_bound = 120s; // until the rig's mosquitto is up
constexpr auto stop_bound = 60s; // SIGINT to exit
constexpr auto reap_bound = 10s; // children that outlive the run by a moment are not leftovers

// A unique folder removed with everything in it at the end of the test.
class scratch_dir {
public:
    scratch_dir() {
        std::string pattern = (fs::temp_directory_path() / "athil-noleft-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
        fs::create_directory(tmp());
    }
    ~scratch_dir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path tmp() const { return path_ / "tmp"; }

private:
    fs::path path_;
};

std::string read_cmdline(const fs::path& proc_entry) {
    std::ifstream in(proc_entry / "cmdline", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto& c : text) {
        c = c == '\0' ? ' ' : c;
    }
    return text;
}

// Command lines of the live processes (zombies have an empty one) that mention `marker`.
std::vector<std::string> processes_naming(const std::string& marker) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const auto name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(name) == ::getpid()) {
            continue;
        }
        const auto cmdline = read_cmdline(e.path());
        if (cmdline.find(marker) != std::string::npos) {
            out.push_back(name + ": " + cmdline);
        }
    }
    return out;
}

// One `athil run` child; killed and reaped if the test ends early.
class athil_run {
public:
    athil_run(const scratch_dir& dir, const std::string& filter) {
        std::vector<std::string> args{ATHIL_EXE,
                                      "run",
                                      "--filter",
                                      filter,
                                      "--report-dir",
                                      (dir.path() / "reports").string(),
                                      "--sim-arg=--log=" + (dir.path() / "sim.log").string()};
        std::vector<std::string> env{"TMPDIR=" + dir.tmp().string()};
        for (char** e = environ; *e != nullptr; ++e) {
            if (std::string_view(*e).substr(0, 7) != "TMPDIR=") {
                env.emplace_back(*e);
            }
        }
        auto argv = pointers(args);
        auto envp = pointers(env);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const auto out = (dir.path() / "run.out").string();
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        const int rc = ::posix_spawn(&pid_, ATHIL_EXE, &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            throw std::runtime_error("posix_spawn failed");
        }
    }
    ~athil_run() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    athil_run(const athil_run&) = delete;
    athil_run& operator=(const athil_run&) = delete;

    void interrupt() const { ::kill(pid_, SIGINT); }
    // The wait status, or nothing when the run is still going at the bound.
    std::optional<int> wait(clock_type::duration bound) {
        const auto until = clock_type::now() + bound;
        while (clock_type::now() < until) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return status;
            }
            std::this_thread::sleep_for(100ms);
        }
        return std::nullopt;
    }

private:
    static std::vector<char*> pointers(std::vector<std::string>& texts) {
        std::vector<char*> out;
        for (auto& t : texts) {
            out.push_back(t.data());
        }
        out.push_back(nullptr);
        return out;
    }
    pid_t pid_ = -1;
};

std::vector<std::string> leftover_folders(const scratch_dir& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.tmp())) {
        out.push_back(e.path().filename().string());
    }
    return out;
}

std::string run_output(const scratch_dir& dir) {
    std::ifstream in(dir.path() / "run.out");
    return {(std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()};
}

// No process names the folder (allowing a bounded moment for exiting children to go).
void expect_no_processes(const scratch_dir& dir) {
    const auto marker = dir.path().string();
    const auto until = clock_type::now() + reap_bound;
    auto left = processes_naming(marker);
    while (!left.empty() && clock_type::now() < until) {
        std::this_thread::sleep_for(100ms);
        left = processes_naming(marker);
    }
    EXPECT_TRUE(left.empty()) << "still running: " << testing::PrintToString(left);
    for (const auto& p : left) { // leave the machine clean even when the check failed
        ::kill(std::stoi(p.substr(0, p.find(':'))), SIGKILL);
    }
}

void expect_no_folders(const scratch_dir& dir) {
    EXPECT_TRUE(leftover_folders(dir).empty())
        << "temporary folders left: " << testing::PrintToString(leftover_folders(dir));
}

bool rig_is_up(const scratch_dir& dir) {
    for (const auto& p : processes_naming(dir.path().string())) {
        if (p.find("mosquitto") != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(NoLeftovers, FinishedRunLeavesNoProcessAndNoFolder) {
    scratch_dir dir;
    athil_run run(dir, "S3_1_1_Transparent.TransparentManualExample");
    const auto status = run.wait(run_bound);
    ASSERT_TRUE(status.has_value()) << "the run did not end";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << run_output(dir);
    EXPECT_TRUE(fs::exists(dir.path() / "sim.log")) << "the simulator never started";
    expect_no_processes(dir);
    expect_no_folders(dir);
}

// A run interrupted while the rig is up; the checks are the caller's.
void interrupt_with_rig_up(const scratch_dir& dir) {
    athil_run run(dir, "S3_1_1_Transparent.*");
    const auto until = clock_type::now() + rig_bound;
    while (!rig_is_up(dir) && clock_type::now() < until) {
        std::this_thread::sleep_for(50ms);
    }
    ASSERT_TRUE(rig_is_up(dir)) << "the rig's mosquitto never started\n" << run_output(dir);
    run.interrupt();
    const auto status = run.wait(stop_bound);
    ASSERT_TRUE(status.has_value()) << "the run did not stop after SIGINT";
}

TEST(NoLeftovers, InterruptedRunLeavesNoProcess) {
    scratch_dir dir;
    interrupt_with_rig_up(dir);
    expect_no_processes(dir);
}

// On SIGINT no destructor runs: the rig's temporary folder (throwaway PKI and configs) is
// removed by the signal handler (harness/process/folder_cleanup).
TEST(NoLeftovers, InterruptedRunLeavesNoFolder) {
    scratch_dir dir;
    interrupt_with_rig_up(dir);
    expect_no_folders(dir);
}

} // namespace
