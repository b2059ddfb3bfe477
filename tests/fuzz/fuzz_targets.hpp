#pragma once
// The fuzz targets' entry points. Each has libFuzzer's signature and returns 0; a broken
// invariant calls std::abort() (check() below) so that libFuzzer records the input. The same
// functions are linked into the normal test build, where corpus_replay_test feeds them every
// stored input, so the targets compile and pass with gcc even where clang is absent.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace athil::fuzz {

int at_framer(const std::uint8_t* data, std::size_t size);
int mqtt_codec(const std::uint8_t* data, std::size_t size);
int sim_command(const std::uint8_t* data, std::size_t size);
int spec_yaml(const std::uint8_t* data, std::size_t size);
int profile_yaml(const std::uint8_t* data, std::size_t size);
int telnet_decoder(const std::uint8_t* data, std::size_t size);

// An invariant of a target. Aborts rather than throws: an exception could be swallowed by
// the code under test, an abort is always a finding.
inline void check(bool holds, const char* what) {
    if (!holds) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace athil::fuzz
