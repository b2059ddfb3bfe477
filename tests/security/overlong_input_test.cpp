// A 1 MiB line, both ways: sent to the simulator as a command, and sent by a module to the
// harness (`athil at`) as an answer. Neither side may hold it whole: peak memory (the kernel's
// high-water mark of resident memory, VmHWM / ru_maxrss) stays under a bound far below what
// buffering it a few times over would take, and the line is refused with an error.

#include "harness/core/clock.hpp"
#include "harness/process/child_process.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr std::size_t one_mib = std::size_t{1} << 20;
constexpr long memory_bound_kib = 64 * 1024;

// The peak resident memory of a live process, in KiB (VmHWM); 0 when unreadable.
long peak_rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("VmHWM:")) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

// A raw file descriptor with its reads and writes bounded by a deadline.
class raw_port {
public:
    explicit raw_port(int fd)
        : fd_(fd) {
        termios t{};
        ::tcgetattr(fd_, &t);
        ::cfmakeraw(&t);
        ::tcsetattr(fd_, TCSANOW, &t);
    }
    ~raw_port() { ::close(fd_); }
    raw_port(const raw_port&) = delete;
    raw_port& operator=(const raw_port&) = delete;

    // Writes all of `bytes` (draining what comes back meanwhile into `received`); false when
    // the far end stopped taking bytes before the deadline.
    bool write_all(std::string_view bytes, clock_type::time_point until) {
        while (!bytes.empty() && clock_type::now() < until) {
            pollfd p{fd_, POLLOUT | POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) {
                continue;
            }
            if ((p.revents & POLLIN) != 0) {
                read_some();
            }
            if ((p.revents & POLLOUT) != 0) {
                const auto n =
                    ::write(fd_, bytes.data(), std::min<std::size_t>(bytes.size(), 4096));
                if (n > 0) {
                    bytes.remove_prefix(static_cast<std::size_t>(n));
                }
            }
            if ((p.revents & (POLLHUP | POLLERR)) != 0 && (p.revents & POLLIN) == 0) {
                return false;
            }
        }
        return bytes.empty();
    }
    // Reads until `marker` has arrived or the deadline; true when it did.
    bool read_until(std::string_view marker, clock_type::time_point until) {
        while (received.find(marker) == std::string::npos && clock_type::now() < until) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) > 0) {
                if (!read_some()) {
                    return received.find(marker) != std::string::npos;
                }
            }
        }
        return received.find(marker) != std::string::npos;
    }
    void read_for(std::chrono::milliseconds quiet) {
        read_until("\x01never\x02", clock_type::now() + quiet);
    }

    std::string received;

private:
    bool read_some() {
        char buffer[65536];
        const auto n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) {
            return false;
        }
        received.append(buffer, static_cast<std::size_t>(n));
        return true;
    }
    int fd_;
};

TEST(OverlongInput, SimulatorRejectsAOneMibCommandLineWithBoundedMemory) {
    auto sim = athil::process::child::spawn(
        {.argv = {ATHIL_EXE, "sim", "--link", "pty", "--boot-ms=50"}, .capture_stdout = true});
    const auto announced = sim.read_stdout_line(athil::deadline_in(30s));
    ASSERT_TRUE(announced && announced->starts_with("PTY ")) << announced.value_or("nothing");
    const int fd = ::open(announced->substr(4).c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    raw_port port(fd);
    // It boots in data mode: silence, +++, its 'a', our 'a', its +ok.
    port.read_for(600ms);
    ASSERT_TRUE(port.write_all("+++", clock_type::now() + 5s));
    ASSERT_TRUE(port.read_until("a", clock_type::now() + 5s)) << port.received;
    ASSERT_TRUE(port.write_all("a", clock_type::now() + 5s));
    ASSERT_TRUE(port.read_until("+ok", clock_type::now() + 5s)) << port.received;
    port.received.clear();

    const std::string line = "AT+MQTTPSW=" + std::string(one_mib, 'x') + "\r";
    ASSERT_TRUE(port.write_all(line, clock_type::now() + 120s)) << "the simulator stopped reading";
    ASSERT_TRUE(port.read_until("ERROR", clock_type::now() + 10s))
        << "no error for the over-long line; got " << port.received.size() << " bytes";
    EXPECT_LT(port.received.size(), one_mib / 16) << "the over-long line was echoed back";
    // Still a working module afterwards, with the password untouched.
    port.received.clear();
    ASSERT_TRUE(port.write_all("AT+MQTTPSW?\r", clock_type::now() + 5s));
    ASSERT_TRUE(port.read_until("OK\r\n", clock_type::now() + 5s)) << port.received;
    EXPECT_EQ(port.received.find("xxxxxxxx"), std::string::npos) << "the over-long value was set";
    const auto peak = peak_rss_kib(sim.pid());
    EXPECT_GT(peak, 0);
    EXPECT_LT(peak, memory_bound_kib) << "simulator peak resident memory, KiB";
    sim.terminate();
}

// A module playing the far end of `athil at --no-handshake AT+VER?`, answering with a line
// of `size` bytes (with or without its line end and final OK). Returns the wait status and
// the peak resident memory of athil, and what it printed.
struct at_outcome {
    std::optional<int> status;
    long peak_kib = 0;
    std::string output;
};

at_outcome at_with_answer(const std::string& answer) {
    int master = -1;
    int slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
        throw std::runtime_error("openpty failed");
    }
    const std::string path = ::ttyname(slave);
    raw_port module(master);
    raw_port keep_open(slave); // the port exists until the test ends
    char out_name[] = "/tmp/athil-overlong-XXXXXX";
    const int out_fd = ::mkstemp(out_name);
    const std::string exe = ATHIL_EXE;
    const std::string dut = "serial:" + path;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(out_fd, STDERR_FILENO);
        ::execl(exe.c_str(), exe.c_str(), "at", "--no-handshake", "--dut", dut.c_str(), "AT+VER?",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    at_outcome out;
    if (module.read_until("\r", clock_type::now() + 30s)) {
        module.write_all("AT+VER?\r\r\n" + answer, clock_type::now() + 60s);
    }
    const auto until = clock_type::now() + 60s;
    while (!out.status && clock_type::now() < until) {
        int status = 0;
        rusage usage{};
        if (::wait4(pid, &status, WNOHANG, &usage) == pid) {
            out.status = status;
            out.peak_kib = usage.ru_maxrss;
        } else {
            module.read_for(50ms);
        }
    }
    if (!out.status) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    std::ifstream in(out_name);
    out.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    ::close(out_fd);
    ::unlink(out_name);
    return out;
}

TEST(OverlongInput, AtCommandHoldsAOneMibAnswerLineInBoundedMemory) {
    for (const bool terminated : {true, false}) {
        SCOPED_TRACE(terminated ? "line with its end and OK" : "line that never ends");
        const auto answer =
            "+VER:" + std::string(one_mib, 'x') + (terminated ? std::string("\r\nOK\r\n") : "");
        const auto r = at_with_answer(answer);
        ASSERT_TRUE(r.status.has_value()) << "athil at did not end";
        EXPECT_GT(r.peak_kib, 0);
        EXPECT_LT(r.peak_kib, memory_bound_kib) << "athil at peak resident memory, KiB";
        EXPECT_LT(r.output.size(), one_mib / 16) << "the whole line was printed";
        if (!terminated) {
            EXPECT_TRUE(WIFEXITED(*r.status) && WEXITSTATUS(*r.status) == 1) << r.output;
        }
    }
}

// An over-long answer line is not passed off as a whole one: `athil at` says so and exits 1.
TEST(OverlongInput, AtCommandSaysTheLineWasTooLong) {
    const auto r = at_with_answer("+VER:" + std::string(one_mib, 'x') + "\r\nOK\r\n");
    ASSERT_TRUE(r.status.has_value());
    EXPECT_TRUE(WIFEXITED(*r.status) && WEXITSTATUS(*r.status) == 1) << r.output;
    EXPECT_TRUE(std::regex_search(r.output, std::regex("too long|over-long|overlong")))
        << r.output.substr(0, 400);
}

} // namespace
