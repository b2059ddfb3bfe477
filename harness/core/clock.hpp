#pragma once
// One clock for every bounded wait in the harness: steady, so wall-clock jumps on a rack host
// never stretch or cut a timeout.

#include <chrono>

namespace athil {

using steady_clock = std::chrono::steady_clock;
using deadline = steady_clock::time_point;
using std::chrono::milliseconds;

inline deadline deadline_in(steady_clock::duration d) {
    return steady_clock::now() + d;
}

} // namespace athil
