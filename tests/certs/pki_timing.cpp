// Median wall time of 20 test-PKI generations, for the component's closing note.
#include "certs/test_pki.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

int main() {
    std::string pattern = (std::filesystem::temp_directory_path() / "athil-pki-timing-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) {
        return 2;
    }
    const std::filesystem::path dir = pattern;
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        const auto start = std::chrono::steady_clock::now();
        athil::certs::generate_test_pki(dir / std::to_string(i));
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::filesystem::remove_all(dir);
    std::sort(ms.begin(), ms.end());
    std::cout << "test PKI generation, 20 runs: median " << (ms[9] + ms[10]) / 2 << " ms, min "
              << ms.front() << " ms, max " << ms.back() << " ms\n";
    return 0;
}
