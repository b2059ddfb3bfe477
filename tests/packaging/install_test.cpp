// `cmake --install` of this build tree into a throwaway prefix, then the installed athil run
// from there: it must take its spec and profiles from <prefix>/share/athil, not from the
// source tree compiled into it. A profile that exists only in the installed copy tells the two
// apart.

#include "harness/core/install_paths.hpp"
#include "harness/process/child_process.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Runs a program to completion within a bound; its exit code, or -1 at the deadline.
int run(std::vector<std::string> argv, const fs::path& cwd, const fs::path& output) {
    auto c = athil::process::child::spawn({.argv = std::move(argv),
                                           .cwd = cwd,
                                           .stdout_path = output,
                                           .stderr_path = output,
                                           .env = {{"ATHIL_SUITES_DIR", ""}}});
    return c.wait(athil::deadline_in(120s)).value_or(-1);
}

class installed_tree : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        prefix_ = new fs::path(fs::temp_directory_path() /
                               ("athil-install-" + std::to_string(std::random_device{}())));
        fs::create_directories(*prefix_);
        install_rc_ =
            run({ATHIL_CMAKE, "--install", ATHIL_BUILD_DIR, "--prefix", prefix_->string()},
                *prefix_, *prefix_ / "install.log");
    }
    static void TearDownTestSuite() {
        fs::remove_all(*prefix_);
        delete prefix_;
    }
    void SetUp() override { ASSERT_EQ(install_rc_, 0) << read_text(*prefix_ / "install.log"); }

    static fs::path athil() { return *prefix_ / "bin" / "athil"; }
    static fs::path data() { return *prefix_ / athil::install::data_dir; }

    // `athil list --profile NAME` run from the prefix; the exit code.
    static int list_with_profile(const std::string& name) {
        return run({athil().string(), "list", "--profile", name}, *prefix_, *prefix_ / "list.log");
    }

    static inline fs::path* prefix_ = nullptr;
    static inline int install_rc_ = -1;
};

std::size_t yaml_files_in(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        n += e.path().extension() == ".yaml" ? 1U : 0U;
    }
    return n;
}

} // namespace

TEST_F(installed_tree, lays_out_the_program_plugin_data_and_docs) {
    EXPECT_TRUE(fs::is_regular_file(athil()));
    EXPECT_TRUE(
        fs::is_regular_file(*prefix_ / athil::install::plugin_dir / "athil_aliyun_auth.so"));
    EXPECT_EQ(yaml_files_in(data() / "spec"),
              yaml_files_in(fs::path(ATHIL_SOURCE_DIR) / "suites/spec"));
    EXPECT_EQ(yaml_files_in(data() / "profiles"),
              yaml_files_in(fs::path(ATHIL_SOURCE_DIR) / "suites/profiles"));
    // Every run loads a timing profile (instant without --timing).
    EXPECT_EQ(yaml_files_in(data() / "timing"),
              yaml_files_in(fs::path(ATHIL_SOURCE_DIR) / "suites/timing"));
    EXPECT_TRUE(fs::is_regular_file(*prefix_ / "share/doc/athil/README.md"));
    EXPECT_TRUE(fs::is_regular_file(*prefix_ / "share/doc/athil/RACKS.md"));
}

TEST_F(installed_tree, the_installed_athil_reads_the_installed_profiles) {
    const auto probe = data() / "profiles" / "install-probe.yaml";
    // Absent from both trees: the run must fail, so the check below can tell.
    fs::remove(probe);
    EXPECT_NE(list_with_profile("install-probe"), 0);

    std::string text = read_text(data() / "profiles" / "reference.yaml");
    const auto at = text.find("profile: reference");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string("profile: reference").size(), "profile: install-probe");
    std::ofstream(probe) << text;
    EXPECT_EQ(list_with_profile("install-probe"), 0) << read_text(*prefix_ / "list.log");
}
