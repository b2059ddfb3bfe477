// The spec and profile loaders on arbitrary text: a file either loads or is refused with
// athil_error(bad_input) — never another exception, a crash or a hang. The loaders read
// files, so each input is written to one scratch file per process first.
#include "harness/core/error.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

#include <unistd.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

namespace athil::fuzz {
namespace {

namespace fs = std::filesystem;

// The scratch file, removed when the process ends normally.
class scratch_file {
public:
    scratch_file()
        : path_(fs::temp_directory_path() /
                ("athil-fuzz-" + std::to_string(::getpid()) + ".yaml")) {}
    ~scratch_file() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    scratch_file(const scratch_file&) = delete;
    scratch_file& operator=(const scratch_file&) = delete;

    const fs::path& write(const std::uint8_t* data, std::size_t size) {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        check(out.good(), "cannot write the scratch file");
        return path_;
    }

private:
    fs::path path_;
};

template <typename Load>
void load_or_refuse(const std::uint8_t* data, std::size_t size, Load load) {
    static scratch_file file;
    const fs::path& path = file.write(data, size);
    try {
        load(path);
    } catch (const athil_error& e) {
        check(e.code() == make_error_code(errc::bad_input), "a loader error other than bad_input");
        check(std::string(e.what()).find(path.filename().string()) != std::string::npos,
              "a loader error that does not name the file");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "escaped: %s\n", e.what());
        check(false, "a loader let an exception other than athil_error escape");
    }
}

} // namespace

int spec_yaml(const std::uint8_t* data, std::size_t size) {
    load_or_refuse(data, size, [](const fs::path& p) { (void)spec::load_section(p); });
    return 0;
}

int profile_yaml(const std::uint8_t* data, std::size_t size) {
    load_or_refuse(data, size, [](const fs::path& p) { (void)spec::load_profile(p); });
    return 0;
}

} // namespace athil::fuzz
