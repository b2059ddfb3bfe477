// libFuzzer's entry point for one target; CMake compiles this file once per target with
// ATHIL_FUZZ_TARGET set to the entry point's name (see CMakeLists.txt).
#include "tests/fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return athil::fuzz::ATHIL_FUZZ_TARGET(data, size);
}
