#include "harness/report/timeline.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdlib>

namespace athil::report {
namespace {

constexpr std::array<std::string_view, timeline_source_count> source_names{
    "harness", "serial", "wire", "broker", "observer"};

std::string timeline_line(const timeline_event& e, std::chrono::microseconds origin) {
    return fmt::format("{} {:<8} {:<9} {}", relative_time(e.at, origin), to_string(e.source),
                       e.kind, e.text);
}

} // namespace

std::string_view to_string(timeline_source s) noexcept {
    return source_names.at(static_cast<std::size_t>(s));
}

std::optional<timeline_source> timeline_source_from_string(std::string_view text) noexcept {
    for (std::size_t i = 0; i < source_names.size(); ++i) {
        if (source_names[i] == text) {
            return static_cast<timeline_source>(i);
        }
    }
    return std::nullopt;
}

const std::string* timeline_event::field(std::string_view key) const {
    for (const auto& [k, v] : fields) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

std::string relative_time(std::chrono::microseconds at, std::chrono::microseconds origin) {
    const auto us = (at - origin).count();
    return fmt::format("{}{}.{:03}s", us < 0 ? "-" : "+", std::abs(us) / 1'000'000,
                       std::abs(us) / 1000 % 1000);
}

std::string render_timeline(const std::vector<timeline_event>& events,
                            std::chrono::microseconds origin) {
    std::string out;
    for (const auto& e : events) {
        out += timeline_line(e, origin);
        out += '\n';
    }
    return out;
}

std::vector<std::string> packet_lines(const std::vector<timeline_event>& events,
                                      std::chrono::microseconds origin) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        if (e.source == timeline_source::wire && e.kind == "packet") {
            out.push_back(relative_time(e.at, origin) + " " + e.text);
        }
    }
    return out;
}

std::string broker_log_text(const std::vector<timeline_event>& events,
                            std::chrono::microseconds origin) {
    std::string out;
    for (const auto& e : events) {
        if (e.source == timeline_source::broker) {
            const auto* name = e.field("broker");
            out += relative_time(e.at, origin) + " " + (name ? "[" + *name + "] " : "") + e.text;
            out += '\n';
        }
    }
    return out;
}

} // namespace athil::report
