#pragma once
// PR_SET_PDEATHSIG reaches one process: a child of the harness, not what that child started.
// A shell command (a rack's power or reset command) that puts a program in the background
// would leave it running after a SIGKILLed harness. The watchdog is the harness's direct child
// instead: it stays in the command's process group, waits for the command, and when the harness
// goes away it SIGKILLs the whole group, itself included. Only async-signal-safe calls: it runs
// between fork and exec in a multi-threaded harness.

#include <sys/types.h>

namespace athil::process::detail {

// Runs in the watchdog (already leading its own group, every signal blocked) once `worker` is
// forked. Ends as the worker ended (its exit code, or the same signal), or kills the group
// when `harness` is no longer its parent. Closes every descriptor it inherited.
[[noreturn]] void run_group_watchdog(pid_t worker, pid_t harness);

} // namespace athil::process::detail
