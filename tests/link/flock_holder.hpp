#pragma once
// Another program on a serial port, as a terminal program holds it: a child process that opens
// the port and takes flock on it, and writes no lock file of athil's. Killed by the destructor.

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace athil::test {

class flock_holder {
public:
    explicit flock_holder(const std::string& port) {
        int ready[2];
        if (::pipe(ready) != 0) {
            throw std::runtime_error("pipe failed");
        }
        pid_ = ::fork();
        if (pid_ == 0) {
            const int fd = ::open(port.c_str(), O_RDWR | O_NOCTTY);
            ::flock(fd, LOCK_EX);
            [[maybe_unused]] auto n = ::write(ready[1], "x", 1);
            for (;;) {
                ::pause();
            }
        }
        char byte = 0;
        const auto got = ::read(ready[0], &byte, 1);
        ::close(ready[0]);
        ::close(ready[1]);
        if (pid_ < 0 || got != 1) {
            throw std::runtime_error("the port holder did not start");
        }
    }
    ~flock_holder() { release(); }
    flock_holder(const flock_holder&) = delete;
    flock_holder& operator=(const flock_holder&) = delete;

    pid_t pid() const noexcept { return pid_; }
    void release() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }

private:
    pid_t pid_ = -1;
};

} // namespace athil::test
