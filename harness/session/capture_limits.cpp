#include "harness/session/capture_limits.hpp"

#include <cstdio>

namespace athil::session {

std::string cut_mark(std::uint64_t bytes_not_kept) {
    const auto n = static_cast<double>(bytes_not_kept);
    char size[32];
    if (bytes_not_kept < 1000) {
        std::snprintf(size, sizeof size, "%llu B", static_cast<unsigned long long>(bytes_not_kept));
    } else if (bytes_not_kept < 1000 * 1000) {
        std::snprintf(size, sizeof size, "%.1f kB", n / 1e3);
    } else {
        std::snprintf(size, sizeof size, "%.1f MB", n / 1e6);
    }
    return std::string("...[cut: ") + size + " not kept]";
}

void append_bounded(std::string& text, std::string_view bytes, std::size_t limit,
                    std::uint64_t& not_kept) {
    if (not_kept == 0) {
        const auto room = text.size() < limit ? limit - text.size() : 0;
        text.append(bytes.substr(0, room));
        if (bytes.size() <= room) {
            return;
        }
        bytes.remove_prefix(room);
    } else {
        text.resize(limit); // drops the previous mark
    }
    not_kept += bytes.size();
    text += cut_mark(not_kept);
}

} // namespace athil::session
