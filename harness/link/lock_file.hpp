#pragma once
// A lock the kernel holds for a process: an open-file-description (OFD) write lock on a file
// under lock_folder(). The kernel lets go when the last descriptor of it closes, however the
// process ends (SIGKILL, a crash, a power cut of the CI runner's container), so a lock can never
// outlive its holder. The holder's record (lock_holder.hpp) is written into the file and read
// only while the file is locked: a record left by a dead holder is never shown.
//
// Those who wait (`--wait`) queue in `<name>.queue/`: one file per waiter, named by arrival
// time and locked by it the same way, so a waiter that dies leaves the line at once. The first
// live waiter takes the lock when it comes free; the others show their place in line.
//
// Probing (lock_state) uses F_OFD_GETLK, which tests without taking: `athil rack status` never
// makes a starting run find its DUT busy.

#include "harness/link/lock_holder.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace athil::link {

struct lock_state {
    bool held = false;
    std::optional<lock_holder> holder; // only when held; nullopt while a new holder writes it
    std::size_t waiting = 0;           // live waiters in the queue
};

// What the file named `file` says now. A missing file is a free lock.
lock_state probe_lock(const std::filesystem::path& file);

// The holder as one line for an error: its record, or a plain word when none is readable.
std::string holder_text(const lock_state& state);

// Called while waiting: on every change of the holder or of the place in line (1 = next).
using wait_progress = std::function<void(const lock_state& state, std::size_t place)>;

class lock_file {
public:
    lock_file() = default;
    // Takes the lock on `file` (created as needed) and writes this process's record into it.
    // `what` names the thing for errors ("DUT gm5-slot1"). With `wait` > 0, queues and retries
    // until then, calling `progress`. Throws athil_error(link_busy) naming the holder when the
    // lock stays taken, athil_error(bad_input) when the file cannot be created (a lock folder
    // this user may not write).
    static lock_file acquire(const std::filesystem::path& file, const std::string& what,
                             std::chrono::milliseconds wait = {},
                             const wait_progress& progress = {});

    lock_file(lock_file&& other) noexcept;
    lock_file& operator=(lock_file&& other) noexcept;
    lock_file(const lock_file&) = delete;
    lock_file& operator=(const lock_file&) = delete;
    ~lock_file();

    // The lock when it is free now, else nullopt; throws like acquire for an unusable folder.
    static std::optional<lock_file> try_acquire(const std::filesystem::path& file);

    bool held() const noexcept { return fd_ >= 0; }

private:
    explicit lock_file(int fd)
        : fd_(fd) {}
    int fd_ = -1;
};

// "30s", "5m", "1h", "1500ms", "0": a --wait value. Throws athil_error(bad_input).
std::chrono::milliseconds parse_wait_duration(const std::string& text);

} // namespace athil::link
