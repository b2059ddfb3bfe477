#include "harness/core/install_paths.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace fs = std::filesystem;
using athil::install::find_installed;

namespace {

// A unique folder laid out like an install prefix (bin/athil), removed at the end.
class fake_prefix : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("athil-install-paths-" + std::to_string(std::random_device{}()));
        fs::create_directories(root_ / "bin");
        std::ofstream(root_ / "bin" / "athil") << "";
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path exe() const { return root_ / "bin" / "athil"; }

    fs::path root_;
};

} // namespace

TEST_F(fake_prefix, finds_the_data_folder_beside_bin) {
    fs::create_directories(root_ / "share" / "athil" / "spec");
    const auto found = find_installed(athil::install::data_dir, exe());
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(fs::canonical(*found), fs::canonical(root_ / "share" / "athil"));
}

TEST_F(fake_prefix, finds_a_file_under_the_plugin_folder) {
    fs::create_directories(root_ / "lib" / "athil");
    std::ofstream(root_ / "lib" / "athil" / "athil_aliyun_auth.so") << "";
    const auto found =
        find_installed(fs::path(athil::install::plugin_dir) / "athil_aliyun_auth.so", exe());
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->filename(), "athil_aliyun_auth.so");
}

TEST_F(fake_prefix, a_missing_folder_is_not_found_so_callers_fall_back) {
    EXPECT_FALSE(find_installed(athil::install::data_dir, exe()).has_value());
    // A build tree: the executable's grandparent has no share/athil.
    fs::create_directories(root_ / "build" / "harness" / "runner");
    EXPECT_FALSE(
        find_installed(athil::install::data_dir, root_ / "build" / "harness" / "runner" / "athil")
            .has_value());
}

TEST(install_paths, an_unknown_executable_finds_nothing) {
    EXPECT_FALSE(find_installed(athil::install::data_dir, fs::path{}).has_value());
    EXPECT_FALSE(find_installed(athil::install::data_dir, fs::path("athil")).has_value());
}

TEST(install_paths, the_running_executable_is_this_test) {
    const auto exe = athil::install::running_executable();
    ASSERT_FALSE(exe.empty());
    EXPECT_TRUE(exe.is_absolute());
    EXPECT_EQ(exe.filename(), "athil_install_paths_tests");
}
