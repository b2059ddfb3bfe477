#pragma once
// One run per port. Two runs on one serial line (a second CI job, a person with picocom)
// interleave their bytes: both sessions break and the module gets the blame. So a link is held
// exclusively for as long as it is open:
//  - a serial port by flock(LOCK_EX|LOCK_NB) on its own descriptor (the kernel releases it
//    however the process ends) and TIOCEXCL (later opens by unprivileged programs that take no
//    lock fail with EBUSY);
//  - every port, serial or network (tcp:, rfc2217:), by a lock_file (lock_file.hpp: the same
//    kernel-held lock as a rack DUT's) named after its address under lock_folder(). The lock
//    file says who holds it, for the next one's error. A port lock never waits: a run waits
//    (--wait) only for its DUT's lock, taken before the port's, so two runs cannot each hold
//    one and wait for the other.
// A port found busy is a rig error: athil_error(link_busy) naming the port and its holder.

#include "harness/link/lock_file.hpp"

#include <filesystem>
#include <string>
#include <utility>

namespace athil::link {

// $ATHIL_LOCK_DIR, else $XDG_RUNTIME_DIR/athil/locks, else /tmp/athil-locks; created as needed.
std::filesystem::path lock_folder();

class port_lock {
public:
    port_lock() = default;
    // Locks `address` ("serial:/dev/ttyUSB0", "net:host:4001") and records this process as its
    // holder. `port_name` is how the error names the port ("serial port /dev/ttyUSB0").
    // Throws athil_error(link_busy) when another open file holds it.
    static port_lock acquire(const std::string& address, const std::string& port_name);

    bool held() const noexcept { return lock_.held(); }

private:
    explicit port_lock(lock_file lock)
        : lock_(std::move(lock)) {}
    lock_file lock_;
};

// Makes a freshly opened serial descriptor exclusive (flock, then TIOCEXCL). Throws
// athil_error(link_busy) naming `path` and the processes that have it open.
void make_exclusive(int fd, const std::string& path);
// Undoes TIOCEXCL before the descriptor is closed: a pty slave that the simulator also keeps
// open would otherwise stay exclusive after we let go, and refuse our own reopen.
void release_exclusive(int fd) noexcept;

// The sentence of athil_error(link_busy) for a port `port_name` held by `holder` ("" unknown).
[[noreturn]] void throw_busy(const std::string& port_name, const std::string& holder);

} // namespace athil::link
