#include "tests/soak/soak_tally.hpp"

#include <cstdio>

namespace athil::soak {

std::uint64_t stream_tally::delivered() const {
    std::set<std::uint64_t> seen;
    for (const auto s : arrivals_) {
        if (sent_.count(s) != 0) {
            seen.insert(s);
        }
    }
    return seen.size();
}

stream_counts stream_tally::counts() const {
    stream_counts c;
    c.sent = sent_.size();
    c.received = arrivals_.size();
    std::set<std::uint64_t> seen;
    bool any = false;
    std::uint64_t highest_first = 0;
    for (const auto s : arrivals_) {
        if (sent_.count(s) == 0) {
            ++c.unexpected;
            continue;
        }
        if (!seen.insert(s).second) {
            ++c.duplicates;
            continue;
        }
        if (any && s < highest_first) {
            ++c.out_of_order;
        }
        highest_first = any ? std::max(highest_first, s) : s;
        any = true;
    }
    c.lost = c.sent - seen.size();
    return c;
}

nlohmann::json to_json(const stream_counts& c) {
    return {{"sent", c.sent}, {"received", c.received},         {"duplicates", c.duplicates},
            {"lost", c.lost}, {"out_of_order", c.out_of_order}, {"unexpected", c.unexpected}};
}

std::vector<std::uint64_t> parse_records(std::string& rest, const std::string& text, char tag) {
    std::vector<std::uint64_t> out;
    rest += text;
    auto at = rest.find(tag);
    while (at != std::string::npos && at + record_size <= rest.size()) {
        bool digits = rest[at + record_size - 1] == ';';
        std::uint64_t seq = 0;
        for (std::size_t i = at + 1; digits && i < at + record_size - 1; ++i) {
            digits = rest[i] >= '0' && rest[i] <= '9';
            seq = seq * 10 + static_cast<std::uint64_t>(rest[i] - '0');
        }
        if (digits) {
            out.push_back(seq);
        }
        at = rest.find(tag, digits ? at + record_size : at + 1);
    }
    // A candidate cut in two by the read waits for the rest of its bytes.
    if (at == std::string::npos) {
        rest.clear();
    } else {
        rest.erase(0, at);
    }
    return out;
}

std::string record(char tag, std::uint64_t seq) {
    char text[record_size + 1];
    std::snprintf(text, sizeof text, "%c%09llu;", tag, static_cast<unsigned long long>(seq));
    return text;
}

} // namespace athil::soak
