// Every stored input of every fuzz target — the seed corpora and the inputs that once found a
// bug — run through the target's entry point in the normal build. A broken invariant aborts
// the test binary; the line printed before each input names the culprit.
#include "tests/fuzz/fuzz_targets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct target {
    const char* name;
    int (*entry)(const std::uint8_t*, std::size_t);
};

const target targets[] = {
    {"at_framer", athil::fuzz::at_framer},       {"mqtt_codec", athil::fuzz::mqtt_codec},
    {"sim_command", athil::fuzz::sim_command},   {"spec_yaml", athil::fuzz::spec_yaml},
    {"profile_yaml", athil::fuzz::profile_yaml}, {"telnet_decoder", athil::fuzz::telnet_decoder},
};

// Test names and failure messages show the target's name, not the struct's bytes.
void PrintTo(const target& t, std::ostream* os) {
    *os << t.name;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class CorpusReplay : public testing::TestWithParam<target> {};

TEST_P(CorpusReplay, EveryStoredInputKeepsTheInvariants) {
    const fs::path dir = fs::path(ATHIL_FUZZ_CORPUS_DIR) / GetParam().name;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    // An empty corpus would make this test pass without checking anything.
    ASSERT_GE(files.size(), 3U) << dir;
    for (const auto& file : files) {
        std::fprintf(stderr, "replaying %s\n", file.c_str());
        const std::string bytes = read_bytes(file);
        EXPECT_EQ(
            GetParam().entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0)
            << file;
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, CorpusReplay, testing::ValuesIn(targets),
                         [](const testing::TestParamInfo<target>& param) {
                             return std::string(param.param.name);
                         });

} // namespace
