#pragma once
// --shard I/N: one deterministic part of the selected cases, so N machines (or N CI jobs) run
// the suites together and every case runs exactly once. Pure: no I/O besides reading durations.

#include "suites/case_def.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace athil::runner {

struct shard_spec {
    unsigned index = 1; // 1-based: "2/3" is index 2 of count 3
    unsigned count = 1;
};

// "I/N" with 1 <= I <= N; throws athil_error(bad_input) otherwise.
shard_spec parse_shard(std::string_view text);

using case_durations = std::map<std::string, std::chrono::milliseconds>; // by full name

// The cases of shard `s`, in their original order. Without durations, case k (0-based) goes to
// shard k % N + 1. With durations, the longest cases are dealt first, each to the shard with the
// least time so far (ties: lowest shard), so shards end at about the same time; cases absent
// from `durations` count as the mean of the known ones. Same inputs, same split, on any machine.
suites::case_list select_shard(const suites::case_list& cases, shard_spec s,
                               const case_durations& durations = {});

// Durations per case from an earlier run's results.json; throws athil_error(bad_input) when the
// file is missing or malformed.
case_durations durations_from_results(const std::filesystem::path& results_json);

} // namespace athil::runner
