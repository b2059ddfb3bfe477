// A module that sends 1 MB without a line end (the simulator's quirk babble, before one answer)
// fails its case, and the reports stay small: the answer the failure quotes keeps its first
// 64 KiB, and the reports say how much was cut.

#include "tests/faults/fault_run.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <fstream>
#include <iterator>

namespace athil::faults {
namespace {

namespace fs = std::filesystem;

// The case's transcript (1 MB of '~', under its 1 MiB budget) plus the rest of the report; the
// whole answer quoted again in the failure would make it about twice that.
constexpr std::uintmax_t report_bound = std::uintmax_t{3} << 19;

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(BabblingModule, AMegabyteWithoutALineEndIsCutInTheFailure) {
    scratch_dir dir;
    launch_options o;
    o.args = {"run",     "--report-dir", dir.reports().string(), "--filter", "2.2",
              "--quirk", "babble"};
    std::optional<int> status;
    {
        launched run(dir, ATHIL_EXE, o);
        status = run.wait(300s);
    }
    ASSERT_TRUE(status.has_value()) << "the run did not end";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 1) << describe_status(*status) << "\n"
                                                                 << dir.output().substr(0, 4000);
    for (const char* name : {"junit.xml", "results.json", "report.html"}) {
        const auto file = dir.reports() / name;
        ASSERT_TRUE(fs::exists(file)) << name;
        EXPECT_LT(fs::file_size(file), report_bound) << name;
        EXPECT_NE(read_all(file).find(" not kept]"), std::string::npos)
            << name << " does not say that bytes were cut";
    }
    EXPECT_LT(dir.output().size(), std::size_t{1} << 20) << "stdout";
    expect_no_orphans(dir);
}

} // namespace
} // namespace athil::faults
