#pragma once
// The frame of every benchmark program: the harness's cleanup handlers are installed first, so
// no simulator or broker outlives a benchmark that is interrupted, and an exception ends the
// program with status 2 and its reason on stderr (bench/run.py reports it as a failure).

#include <functional>
#include <string_view>

namespace athil::bench {

int guarded_main(std::string_view program, const std::function<int()>& body);

} // namespace athil::bench
