#include "bench/common/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace athil::bench {

summary summarize(std::vector<double> samples) {
    summary s;
    if (samples.empty()) {
        return s;
    }
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        const auto last = static_cast<double>(samples.size() - 1);
        return samples[static_cast<std::size_t>(std::lround(q * last))];
    };
    s.count = samples.size();
    s.median = at(0.5);
    s.p99 = at(0.99);
    s.min = samples.front();
    s.max = samples.back();
    return s;
}

double micros(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

double millis(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

json_line& json_line::add(const std::string& key, double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", std::isfinite(value) ? value : 0.0);
    fields_.emplace_back(key, text);
    return *this;
}

json_line& json_line::add(const std::string& key, const std::string& text) {
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
    }
    fields_.emplace_back(key, quoted + "\"");
    return *this;
}

json_line& json_line::add(const std::string& prefix, const summary& s) {
    add(prefix + "_count", static_cast<double>(s.count));
    add(prefix + "_median", s.median);
    add(prefix + "_p99", s.p99);
    add(prefix + "_min", s.min);
    return add(prefix + "_max", s.max);
}

std::string json_line::str() const {
    std::string out = "{";
    for (const auto& [key, value] : fields_) {
        if (out.size() > 1) {
            out += ", ";
        }
        out += "\"" + key + "\": " + value;
    }
    return out + "}";
}

} // namespace athil::bench
