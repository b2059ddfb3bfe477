#include "harness/runner/case_shard.hpp"

#include "harness/core/error.hpp"
#include "harness/report/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace athil::runner {

using suites::case_def;
using suites::case_list;

namespace {

unsigned parse_count(std::string_view text, std::string_view whole) {
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        throw athil_error(errc::bad_input,
                          "--shard '" + std::string(whole) + "': expected I/N, e.g. 2/3");
    }
    return value;
}

std::chrono::milliseconds mean_of(const case_list& cases, const case_durations& durations) {
    std::chrono::milliseconds sum{0};
    std::chrono::milliseconds::rep known = 0;
    for (const auto& c : cases) {
        if (const auto it = durations.find(c.full_name()); it != durations.end()) {
            sum += it->second;
            ++known;
        }
    }
    return known == 0 ? std::chrono::milliseconds{1} : sum / known;
}

// Shard (0-based) of each case, by longest-first greedy assignment.
std::vector<unsigned> balanced_assignment(const case_list& cases, unsigned count,
                                          const case_durations& durations) {
    const auto fallback = mean_of(cases, durations);
    std::vector<std::chrono::milliseconds> cost(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto it = durations.find(cases[i].full_name());
        cost[i] = it == durations.end() ? fallback : it->second;
    }
    std::vector<std::size_t> order(cases.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // stable_sort keeps the catalogue order among equal durations: deterministic.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
    std::vector<std::chrono::milliseconds> load(count, std::chrono::milliseconds{0});
    std::vector<unsigned> shard_of(cases.size(), 0);
    for (const auto i : order) {
        const auto least = std::min_element(load.begin(), load.end()) - load.begin();
        shard_of[i] = static_cast<unsigned>(least);
        load[static_cast<std::size_t>(least)] += cost[i];
    }
    return shard_of;
}

} // namespace

shard_spec parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        throw athil_error(errc::bad_input,
                          "--shard '" + std::string(text) + "': expected I/N, e.g. 2/3");
    }
    const shard_spec s{parse_count(text.substr(0, slash), text),
                       parse_count(text.substr(slash + 1), text)};
    if (s.count == 0 || s.index == 0 || s.index > s.count) {
        throw athil_error(errc::bad_input, "--shard '" + std::string(text) +
                                               "': needs 1 <= I <= N, e.g. 1/3, 2/3, 3/3");
    }
    return s;
}

case_list select_shard(const case_list& cases, shard_spec s, const case_durations& durations) {
    std::vector<unsigned> shard_of(cases.size());
    if (durations.empty()) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            shard_of[i] = static_cast<unsigned>(i % s.count);
        }
    } else {
        shard_of = balanced_assignment(cases, s.count, durations);
    }
    case_list out;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (shard_of[i] == s.index - 1) {
            out.push_back(cases[i]);
        }
    }
    return out;
}

case_durations durations_from_results(const std::filesystem::path& results_json) {
    case_durations out;
    try {
        for (const auto& c : report::read_results_json(results_json).cases) {
            out[c.full_name()] = c.duration;
        }
    } catch (const athil_error& e) {
        throw athil_error(errc::bad_input, std::string("--durations: ") + e.what());
    }
    return out;
}

} // namespace athil::runner
