#include "harness/runner/gtest/case_evidence.hpp"

#include <map>
#include <mutex>

namespace athil::report {
namespace {

// Cases hand over and listeners take on the same thread today; the lock keeps that from
// mattering.
struct evidence_board {
    std::mutex mutex;
    std::map<std::string, case_evidence> waiting;
};

evidence_board& board() {
    static evidence_board b;
    return b;
}

} // namespace

void hand_over_evidence(const std::string& full_name, case_evidence evidence) {
    auto& b = board();
    std::lock_guard lock(b.mutex);
    b.waiting[full_name] = std::move(evidence);
}

std::optional<case_evidence> take_evidence(const std::string& full_name) {
    auto& b = board();
    std::lock_guard lock(b.mutex);
    const auto it = b.waiting.find(full_name);
    if (it == b.waiting.end()) {
        return std::nullopt;
    }
    auto out = std::move(it->second);
    b.waiting.erase(it);
    return out;
}

} // namespace athil::report
