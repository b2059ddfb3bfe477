#pragma once
// The process groups of live children, kept where a signal handler can read them: a fixed
// table of atomics (no locks, no allocation), since a handler may interrupt any code.

#include <sys/types.h>

#include <vector>

namespace athil::process::registry {

void add(pid_t group);
void remove(pid_t group);
// Sends the signal to every registered group. Async-signal-safe.
void signal_all(int signal_number) noexcept;
std::vector<pid_t> snapshot();

} // namespace athil::process::registry
