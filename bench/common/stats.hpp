#pragma once
// Summaries of latency samples and the one-line JSON the benchmark driver (bench/run.py)
// reads. Benchmarks print numbers; they never judge them.

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace athil::bench {

struct summary {
    std::size_t count = 0;
    double median = 0;
    double p99 = 0;
    double min = 0;
    double max = 0;
};

// Nearest-rank percentiles of the samples (any unit); all zero when there are none.
summary summarize(std::vector<double> samples);

double micros(std::chrono::steady_clock::duration d);
double millis(std::chrono::steady_clock::duration d);

// {"key": value, ...} on one line. Values are numbers or already-quoted JSON text.
class json_line {
public:
    json_line& add(const std::string& key, double value);
    json_line& add(const std::string& key, const std::string& text); // quoted and escaped
    json_line& add(const std::string& prefix, const summary& s);     // prefix_median, ...
    std::string str() const;

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

} // namespace athil::bench
