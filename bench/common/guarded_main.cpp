#include "bench/common/guarded_main.hpp"

#include "harness/process/child_process.hpp"

#include <cstdio>
#include <exception>
#include <string>

namespace athil::bench {

int guarded_main(std::string_view program, const std::function<int()>& body) {
    try {
        process::install_cleanup_handlers();
        return body();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", std::string(program).c_str(), e.what());
        return 2;
    }
}

} // namespace athil::bench
