#include "harness/process/child_registry.hpp"

#include <signal.h>

#include <array>
#include <atomic>

namespace athil::process::registry {
namespace {

// More children than a rack worker ever runs at once (a simulator, a few brokers, taps).
constexpr std::size_t capacity = 1024;
std::array<std::atomic<pid_t>, capacity> groups{};

} // namespace

void add(pid_t group) {
    for (auto& slot : groups) {
        pid_t empty = 0;
        if (slot.compare_exchange_strong(empty, group)) {
            return;
        }
    }
    // A full table only loses the signal-time cleanup; PR_SET_PDEATHSIG still guards.
}

void remove(pid_t group) {
    for (auto& slot : groups) {
        pid_t expected = group;
        if (slot.compare_exchange_strong(expected, 0)) {
            return;
        }
    }
}

void signal_all(int signal_number) noexcept {
    for (auto& slot : groups) {
        const pid_t group = slot.load();
        if (group > 0) {
            ::kill(-group, signal_number);
        }
    }
}

std::vector<pid_t> snapshot() {
    std::vector<pid_t> live;
    for (auto& slot : groups) {
        if (const pid_t group = slot.load(); group > 0) {
            live.push_back(group);
        }
    }
    return live;
}

} // namespace athil::process::registry
