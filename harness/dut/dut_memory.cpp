#include "harness/dut/dut_memory.hpp"

#include "harness/link/lock_holder.hpp"
#include "harness/link/port_lock.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace athil::dut {
namespace {

namespace fs = std::filesystem;

std::string time_text(const std::optional<std::chrono::system_clock::time_point>& t) {
    return t ? link::utc_text(*t) : std::string();
}

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text;
}

bool store(const std::string& id, const dut_memory& m) {
    const auto path = dut_memory_path(id);
    const auto temporary =
        path.parent_path() / ("." + path.filename().string() + "." + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << "health: " << m.health << "\nhealth_at: " << time_text(m.health_at)
            << "\nhealth_detail: " << one_line(m.health_detail) << "\nlast_run: " << m.last_run
            << "\nlast_run_at: " << time_text(m.last_run_at) << "\n";
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(temporary, ec);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return false;
    }
    return true;
}

} // namespace

fs::path dut_memory_path(const std::string& id) {
    return link::lock_folder() / ("dut-" + id + ".state");
}

dut_memory recall_dut(const std::string& id) {
    dut_memory m;
    std::ifstream in(dut_memory_path(id));
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(": ");
        const auto key = line.substr(0, colon == std::string::npos ? line.size() : colon);
        const auto value = colon == std::string::npos ? std::string() : line.substr(colon + 2);
        if (key == "health") {
            m.health = value;
        } else if (key == "health_at") {
            m.health_at = link::parse_utc_text(value);
        } else if (key == "health_detail") {
            m.health_detail = value;
        } else if (key == "last_run") {
            m.last_run = value;
        } else if (key == "last_run_at") {
            m.last_run_at = link::parse_utc_text(value);
        }
    }
    return m;
}

bool remember_health(const std::string& id, bool online, const std::string& detail) {
    auto m = recall_dut(id);
    m.health = online ? "online" : "offline";
    m.health_detail = detail;
    m.health_at = std::chrono::system_clock::now();
    return store(id, m);
}

bool remember_run(const std::string& id, const std::string& verdict) {
    auto m = recall_dut(id);
    m.last_run = verdict;
    m.last_run_at = std::chrono::system_clock::now();
    return store(id, m);
}

} // namespace athil::dut
