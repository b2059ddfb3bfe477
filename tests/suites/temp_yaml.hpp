#pragma once
// A private temporary folder for YAML files written by a test, removed when it goes out of
// scope (tests run in parallel: every instance gets its own folder).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace athil::test {

class temp_yaml_dir {
public:
    temp_yaml_dir() {
        auto pattern = (std::filesystem::temp_directory_path() / "athil-spec-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        dir_ = pattern;
    }
    ~temp_yaml_dir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    temp_yaml_dir(const temp_yaml_dir&) = delete;
    temp_yaml_dir& operator=(const temp_yaml_dir&) = delete;

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const auto path = dir_ / name;
        std::ofstream(path) << text;
        return path;
    }
    const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
};

} // namespace athil::test
