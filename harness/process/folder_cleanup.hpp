#pragma once
// Folders that must not outlive a harness stopped by a signal: throwaway PKI private keys and
// broker configs. SIGINT/SIGTERM/SIGHUP/SIGQUIT end the harness without running destructors (see
// install_cleanup_handlers), so their owners register them here and the handler deletes them.

#include <filesystem>

namespace athil::process {

// Deleted (recursively) if a signal stops the harness; a no-op for an empty path.
void remove_on_signal(const std::filesystem::path& folder);
// The owner removed or kept the folder itself: nothing left to do on a signal.
void forget_on_signal(const std::filesystem::path& folder);

// What the signal handler calls: removes every registered folder. Async-signal-safe (fork,
// execve of rm, waitpid). Exposed for the handler and for tests.
void remove_registered_folders() noexcept;

} // namespace athil::process
