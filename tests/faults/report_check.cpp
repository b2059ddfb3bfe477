#include "tests/faults/report_check.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>

namespace athil::faults {
namespace fs = std::filesystem;

namespace {

// stdout and stderr of a shell command (arguments already quoted by the caller).
std::string capture(const std::string& command, int& status) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        status = -1;
        return "popen failed";
    }
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, n);
    }
    status = ::pclose(pipe);
    return out;
}

std::string quoted(const fs::path& p) {
    std::string out = "'";
    for (const char c : p.string()) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

} // namespace

std::string read_file(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

junit_check check_junit(const fs::path& file) {
    junit_check out;
    if (!fs::exists(file)) {
        out.diagnostics = file.string() + " does not exist";
        return out;
    }
    int status = 0;
    out.diagnostics = capture(
        "xmllint --noout --schema " + quoted(ATHIL_JUNIT_SCHEMA) + " " + quoted(file), status);
    out.valid = status == 0;
    const std::string text = read_file(file);
    for (auto at = text.find("<testcase "); at != std::string::npos;
         at = text.find("<testcase ", at + 1)) {
        ++out.cases;
    }
    return out;
}

std::optional<nlohmann::json> load_results(const fs::path& file, std::string& why) {
    std::ifstream in(file);
    if (!in) {
        why = file.string() + " does not exist";
        return std::nullopt;
    }
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.contains("counts") || !doc.contains("cases")) {
        why = file.string() + " is not a complete results.json";
        return std::nullopt;
    }
    return doc;
}

std::vector<std::string> folder_entries(const fs::path& folder) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        out.push_back(e.path().filename().string());
    }
    return out;
}

std::vector<std::string> half_written_files(const fs::path& folder) {
    std::vector<std::string> out;
    for (const auto& name : folder_entries(folder)) {
        if (name.ends_with(".tmp")) {
            out.push_back(name);
        }
    }
    return out;
}

} // namespace athil::faults
