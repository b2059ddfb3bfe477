#pragma once
// A pseudo-terminal pair in raw mode: the slave path is opened like any serial port, the
// master side plays the module (test peers, benchmarks, the simulator). Both ends are closed
// by the destructor.

#include "harness/core/clock.hpp"

#include <string>
#include <string_view>

namespace athil::link {

class pty_pair {
public:
    pty_pair(); // throws athil_error(link_open_failed)
    ~pty_pair();
    pty_pair(const pty_pair&) = delete;
    pty_pair& operator=(const pty_pair&) = delete;

    const std::string& slave_path() const noexcept { return slave_path_; }
    int master_fd() const noexcept { return master_; }

    // Master side I/O, bounded like byte_link: read_some gives "" at the deadline and throws
    // athil_error(link_closed) once the master is closed or the line hung up.
    std::string read_some(deadline until);
    void write(std::string_view bytes, deadline until);

    // Hangs up the line: readers of the slave see the peer go away.
    void close_master() noexcept;

private:
    int master_ = -1;
    int slave_ = -1; // kept open so the master never reads EIO before a link opens the slave
    std::string slave_path_;
};

} // namespace athil::link
