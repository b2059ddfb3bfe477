#pragma once
// Counting one stream of sequence-numbered messages: what was sent, what arrived (in arrival
// order, duplicates included), and from that the soak's verdict numbers. Pure: no I/O.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace athil::soak {

struct stream_counts {
    std::uint64_t sent = 0;
    std::uint64_t received = 0;     // every arrival
    std::uint64_t duplicates = 0;   // arrivals of a number already seen
    std::uint64_t lost = 0;         // sent, never arrived
    std::uint64_t out_of_order = 0; // first arrivals lower than an earlier first arrival
    std::uint64_t unexpected = 0;   // arrivals of a number never sent
};

class stream_tally {
public:
    void sent(std::uint64_t seq) { sent_.insert(seq); }
    void arrived(std::uint64_t seq) { arrivals_.push_back(seq); }
    std::uint64_t sent_count() const { return sent_.size(); }
    // Distinct sent numbers seen so far.
    std::uint64_t delivered() const;
    stream_counts counts() const;

private:
    std::set<std::uint64_t> sent_;
    std::vector<std::uint64_t> arrivals_;
};

nlohmann::json to_json(const stream_counts& c);

// Records "<tag><9 digits>;" found anywhere in `text` (serial bytes may carry slot prefixes
// "1," between them); `rest` keeps an incomplete record for the next call.
std::vector<std::uint64_t> parse_records(std::string& rest, const std::string& text, char tag);

// "<tag><9 digits>;"
std::string record(char tag, std::uint64_t seq);
constexpr std::size_t record_size = 11;

} // namespace athil::soak
