#pragma once
// One `athil` process under a fault, and what it must leave behind.
//
// Each run gets a scratch folder of its own: tmp/ is the run's TMPDIR (the rig and the
// simulator make their temporary folders there), reports/ its report folder, run.out its
// stdout and stderr. Every process of the run - athil, the simulator, mosquitto, any
// grandchild - inherits the environment variable ATHIL_FAULT_MARKER=<scratch folder>, so the
// process table tells which processes belong to this run and to no other test, whatever
// process group they put themselves in.

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::faults {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

class scratch_dir {
public:
    scratch_dir();
    ~scratch_dir();
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path tmp() const { return path_ / "tmp"; }
    std::filesystem::path reports() const { return path_ / "reports"; }
    std::filesystem::path output_file() const { return path_ / "run.out"; }
    std::filesystem::path error_file() const { return path_ / "run.err"; }
    std::string output() const; // what the run printed so far (stdout, and stderr unless split)
    std::string errors() const; // stderr of a run launched with split_stderr
    // ATHIL_FAULT_MARKER's value for processes of this folder's run.
    std::string marker() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

struct launch_options {
    std::vector<std::string> args; // after the executable
    // RLIMIT_FSIZE for athil and its children, with SIGXFSZ ignored: writes past the limit
    // fail with EFBIG, as on a full disk.
    std::optional<rlim_t> file_size_limit;
    bool split_stderr = false; // stderr to error_file() instead of output_file()
};

// A child process; SIGKILLed and reaped if the test ends before it does.
class launched {
public:
    launched(const scratch_dir& dir, const std::string& executable, const launch_options& options);
    ~launched();
    launched(const launched&) = delete;
    launched& operator=(const launched&) = delete;

    pid_t pid() const { return pid_; }
    void signal(int signal_number) const;
    // The wait status, or nothing while it still runs at the bound.
    std::optional<int> wait(clock_type::duration bound);

private:
    pid_t pid_ = -1;
};

// Live processes (zombies excluded) carrying the marker, as "pid: command line".
std::vector<std::string> processes_of(const std::string& marker);
// The pid of the first live process of the run whose command line contains `needle`.
std::optional<pid_t> find_process(const std::string& marker, std::string_view needle);
// Waits up to `bound` for such a process; nullopt if none appeared.
std::optional<pid_t> wait_for_process(const std::string& marker, std::string_view needle,
                                      clock_type::duration bound);

// Every process of the run gone within a bounded moment (test assertion; kills what is left
// so the machine stays clean even when the check failed).
void expect_no_orphans(const scratch_dir& dir);
// Nothing left in the run's TMPDIR.
void expect_no_temp_folders(const scratch_dir& dir);

// "exit 2", "killed by signal 15": for messages.
std::string describe_status(int wait_status);

} // namespace athil::faults
