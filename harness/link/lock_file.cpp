#include "harness/link/lock_file.hpp"

#include "harness/core/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

namespace athil::link {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// How often a waiter looks again: short against a human's patience, long against the CPU.
constexpr auto poll_interval = 50ms;

struct flock whole_file(short type) {
    struct flock fl {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 0; // to the end, however long the record grows
    return fl;
}

bool try_lock(int fd) {
    auto fl = whole_file(F_WRLCK);
    if (::fcntl(fd, F_OFD_SETLK, &fl) == 0) {
        return true;
    }
    if (errno == EAGAIN || errno == EACCES) {
        return false;
    }
    throw athil_error(errc::bad_input, std::string("cannot lock: ") + std::strerror(errno));
}

// Tests without taking: another process's lock shows, ours through another descriptor too.
bool is_locked(int fd) {
    auto fl = whole_file(F_WRLCK);
    if (::fcntl(fd, F_OFD_GETLK, &fl) != 0) {
        return false;
    }
    return fl.l_type != F_UNLCK;
}

std::string read_text(int fd) {
    std::string text(4096, '\0');
    const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return text;
}

void write_record(int fd) {
    const std::string record = this_process_holder().render();
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const auto n = ::pwrite(fd, record.data(), record.size(), 0);
    }
}

std::string host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

// A record whose process is gone on this very host is the previous holder's, read in the
// instant between a new holder's lock and its record.
bool record_is_live(const lock_holder& h) {
    if (h.host != host_name()) {
        return true; // a shared lock folder of several hosts: nothing to check here
    }
    return ::kill(static_cast<pid_t>(h.pid), 0) == 0 || errno == EPERM;
}

[[noreturn]] void unusable_folder(const fs::path& file, int error) {
    throw athil_error(errc::bad_input, "cannot use the lock folder " + file.parent_path().string() +
                                           " (" + std::strerror(error) +
                                           "): every user of a rack must be able to write it; set "
                                           "ATHIL_LOCK_DIR to such a folder");
}

int open_for_locking(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        unusable_folder(file, errno);
    }
    // Another user of a shared folder must be able to lock it too (a write lock needs a
    // descriptor open for writing); this user's umask would take that away.
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_uid == ::getuid()) {
        ::fchmod(fd, 0666);
    }
    return fd;
}

fs::path queue_of(const fs::path& file) {
    return fs::path(file.string() + ".queue");
}

// The live waiters in order of arrival; a waiter that died is removed from the line.
std::vector<fs::path> live_waiters(const fs::path& queue) {
    std::vector<fs::path> names;
    std::error_code ec;
    for (fs::directory_iterator it(queue, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name.front() != '.') {
            names.push_back(it->path());
        }
    }
    std::sort(names.begin(), names.end());
    std::vector<fs::path> live;
    for (const auto& p : names) {
        const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        if (is_locked(fd)) {
            live.push_back(p);
        } else {
            fs::remove(p, ec); // only ever created locked: its waiter is gone
        }
        ::close(fd);
    }
    return live;
}

// This process's place in the line: a file created locked under a hidden name, then renamed
// in, so no reader ever sees it unlocked.
class queue_ticket {
public:
    explicit queue_ticket(const fs::path& queue) {
        std::error_code ec;
        fs::create_directories(queue, ec);
        ::chmod(queue.c_str(), 01777); // every user of the lock folder queues here
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
        char name[64];
        std::snprintf(name, sizeof name, "%020lld-%d", static_cast<long long>(ns),
                      static_cast<int>(::getpid()));
        path_ = queue / name;
        const auto hidden = queue / ("." + std::string(name));
        fd_ = ::open(hidden.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            unusable_folder(hidden, errno);
        }
        try_lock(fd_);
        write_record(fd_);
        fs::rename(hidden, path_, ec);
        if (ec) {
            const int error = ec.value();
            ::close(fd_);
            fs::remove(hidden, ec);
            unusable_folder(hidden, error);
        }
    }
    ~queue_ticket() {
        std::error_code ec;
        fs::remove(path_, ec);
        ::close(fd_);
    }
    queue_ticket(const queue_ticket&) = delete;
    queue_ticket& operator=(const queue_ticket&) = delete;

    std::size_t place(const std::vector<fs::path>& waiters) const {
        const auto it = std::find(waiters.begin(), waiters.end(), path_);
        return static_cast<std::size_t>(it - waiters.begin()) + 1;
    }

private:
    fs::path path_;
    int fd_ = -1;
};

std::string duration_text(std::chrono::milliseconds d) {
    if (d.count() % 1000 != 0) {
        return std::to_string(d.count()) + " ms";
    }
    return std::to_string(d.count() / 1000) + " s";
}

// `others`: the waiters besides this process.
[[noreturn]] void throw_held(const std::string& what, const lock_state& state, std::size_t others,
                             std::chrono::milliseconds waited) {
    std::string text = what + " is in use";
    if (waited.count() > 0) {
        text += " after waiting " + duration_text(waited);
    }
    text += ": held by " + holder_text(state);
    if (others > 0) {
        text += "; " + std::to_string(others) + " more waiting";
    }
    if (waited.count() == 0) {
        text += " (--wait DURATION waits for it)";
    }
    throw athil_error(errc::link_busy, text);
}

} // namespace

lock_state probe_lock(const fs::path& file) {
    lock_state state;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return state;
    }
    state.held = is_locked(fd);
    for (int attempt = 0; state.held && attempt < 10; ++attempt) {
        state.holder = parse_holder(read_text(fd));
        if (state.holder && record_is_live(*state.holder)) {
            break;
        }
        state.holder.reset();
        std::this_thread::sleep_for(10ms);
        state.held = is_locked(fd);
    }
    ::close(fd);
    state.waiting = live_waiters(queue_of(file)).size();
    return state;
}

std::string holder_text(const lock_state& state) {
    return state.holder ? state.holder->describe()
                        : std::string("another process that has not said who it is yet");
}

std::optional<lock_file> lock_file::try_acquire(const fs::path& file) {
    lock_file lock(open_for_locking(file));
    if (!try_lock(lock.fd_)) {
        return std::nullopt;
    }
    write_record(lock.fd_);
    return lock;
}

lock_file lock_file::acquire(const fs::path& file, const std::string& what,
                             std::chrono::milliseconds wait, const wait_progress& progress) {
    const int fd = open_for_locking(file);
    lock_file lock(fd); // closes the descriptor on every way out
    const auto queue = queue_of(file);
    if (wait.count() <= 0 || live_waiters(queue).empty()) {
        if (try_lock(fd)) {
            write_record(fd);
            return lock;
        }
        if (wait.count() <= 0) {
            const auto state = probe_lock(file);
            throw_held(what, state, state.waiting, {});
        }
    }
    const auto until = std::chrono::steady_clock::now() + wait;
    queue_ticket ticket(queue);
    std::size_t last_place = 0;
    std::string last_holder;
    for (;;) {
        const auto waiters = live_waiters(queue);
        const auto place = ticket.place(waiters);
        if (place == 1 && try_lock(fd)) {
            write_record(fd);
            return lock;
        }
        const auto state = probe_lock(file);
        // Its record, not its description: that one tells the age, which changes every second.
        const auto holder = state.holder ? state.holder->render() : std::string();
        if (progress && (place != last_place || holder != last_holder)) {
            progress(state, place);
        }
        last_place = place;
        last_holder = holder;
        if (std::chrono::steady_clock::now() >= until) {
            const bool in_line = place <= waiters.size();
            throw_held(what, state, waiters.size() - (in_line ? 1 : 0), wait);
        }
        std::this_thread::sleep_for(poll_interval);
    }
}

lock_file::lock_file(lock_file&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

lock_file& lock_file::operator=(lock_file&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

lock_file::~lock_file() {
    if (fd_ >= 0) {
        // The record stays: it is read only while the file is locked, i.e. by a live holder.
        ::close(fd_);
    }
}

std::chrono::milliseconds parse_wait_duration(const std::string& text) {
    std::size_t used = 0;
    long long value = -1;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    const auto unit = text.substr(used);
    const auto bad = [&] {
        return athil_error(errc::bad_input,
                           "--wait '" + text +
                               "' is not a duration: give a number with s, m or h (30s, 5m)");
    };
    if (used == 0 || value < 0) {
        throw bad();
    }
    long long ms = 0;
    if (unit == "ms") {
        ms = value;
    } else if (unit == "s" || unit.empty()) {
        ms = value * 1000;
    } else if (unit == "m" || unit == "min") {
        ms = value * 60'000;
    } else if (unit == "h") {
        ms = value * 3'600'000;
    } else {
        throw bad();
    }
    if (ms > 7LL * 24 * 3'600'000) {
        throw athil_error(errc::bad_input, "--wait '" + text + "' is longer than a week");
    }
    return std::chrono::milliseconds(ms);
}

} // namespace athil::link
