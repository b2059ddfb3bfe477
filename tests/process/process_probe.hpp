#pragma once
// Reads the process table the way an operator would: a pid counts as alive while /proc has
// it in any state but zombie (a zombie has no code left to run; its reaper may be slow).

#include <sys/types.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace athil::test {

inline bool process_alive(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content;
    if (!std::getline(stat, content)) {
        return false;
    }
    const auto close_paren = content.rfind(')');
    return close_paren != std::string::npos && close_paren + 2 < content.size() &&
           content[close_paren + 2] != 'Z';
}

// True once the pid is gone; false if it is still alive after `bound`.
inline bool process_gone_within(pid_t pid, std::chrono::milliseconds bound) {
    const auto until = std::chrono::steady_clock::now() + bound;
    while (process_alive(pid)) {
        if (std::chrono::steady_clock::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

} // namespace athil::test
