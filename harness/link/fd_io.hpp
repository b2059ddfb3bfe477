#pragma once
// Deadline-bound reads and writes on a plain non-blocking file descriptor, for the peer side
// of links: pty masters and sockets played by tests, benchmarks and simulators.

#include "harness/core/clock.hpp"

#include <string>
#include <string_view>

namespace athil::link {

// At least one byte, or "" at the deadline; athil_error(link_closed) on EOF, hang-up or error.
std::string fd_read_some(int fd, deadline until);

// Every byte, or athil_error(timeout) at the deadline / athil_error(link_closed).
void fd_write_all(int fd, std::string_view bytes, deadline until);

void set_non_blocking(int fd);

} // namespace athil::link
