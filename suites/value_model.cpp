#include "suites/value_model.hpp"

#include "harness/spec/spec_loader.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace athil::suites {
namespace {

using spec::param_type;

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string number_label(std::int64_t v) {
    return v < 0 ? "Minus" + std::to_string(-v) : std::to_string(v);
}

// Length of the enum value (as shown) that starts `rest` and ends at a comma or the end.
std::size_t enum_prefix(const spec::parameter& p, std::string_view rest) {
    std::size_t best = std::string_view::npos;
    for (const auto& v : p.values) {
        for (const auto* text : {&v.value, &v.reads_back}) {
            if (text->empty() || !rest.starts_with(*text)) {
                continue;
            }
            if (rest.size() == text->size() || rest[text->size()] == ',') {
                if (best == std::string_view::npos || text->size() > best) {
                    best = text->size();
                }
            }
        }
    }
    return best;
}

void add_unique(std::vector<probe_value>& out, probe_value v) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const probe_value& o) {
        return o.label == v.label || o.text == v.text;
    });
    if (!seen) {
        out.push_back(std::move(v));
    }
}

} // namespace

std::string filler(std::size_t length, std::string_view prefix) {
    std::string out(prefix.substr(0, std::min(prefix.size(), length)));
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    while (out.size() < length) {
        out += alphabet[out.size() % alphabet.size()];
    }
    return out;
}

fields split_fields(const spec::command& cmd, std::string_view value) {
    fields out;
    std::size_t pos = 0;
    for (const auto& p : cmd.parameters) {
        if (pos > value.size()) {
            break;
        }
        const auto rest = value.substr(pos);
        std::size_t len = std::string_view::npos;
        if (p.type == param_type::rest) {
            len = rest.size();
        } else if (p.type == param_type::enumeration) {
            len = enum_prefix(p, rest);
        }
        if (len == std::string_view::npos) {
            len = std::min(rest.find(','), rest.size());
        }
        out.emplace_back(rest.substr(0, len));
        pos += len + 1; // the comma
    }
    return out;
}

std::string join_fields(const fields& f) {
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        out += i == 0 ? "" : ",";
        out += f[i];
    }
    return out;
}

std::string set_line(const spec::command& cmd, const fields& f) {
    return "AT+" + cmd.name + "=" + join_fields(f);
}

std::string reads_back(const spec::parameter& p, const std::string& value) {
    for (const auto& v : p.values) {
        if (v.value == value) {
            return v.reads_back.empty() ? v.value : v.reads_back;
        }
    }
    return value;
}

bool is_valid(const spec::parameter& p, const std::string& value) {
    if (value.empty()) {
        return p.empty == spec::empty_rule::accepted;
    }
    switch (p.type) {
    case param_type::enumeration:
        return std::any_of(p.values.begin(), p.values.end(),
                           [&](const spec::enum_value& v) { return v.value == value; });
    case param_type::integer: {
        std::int64_t n = 0;
        const auto* end = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), end, n);
        return ec == std::errc{} && ptr == end && n >= p.min && n <= p.max;
    }
    case param_type::string:
    case param_type::rest:
    case param_type::pem: {
        const auto n = static_cast<std::int64_t>(value.size());
        const bool listed_reject =
            std::any_of(p.reject.begin(), p.reject.end(),
                        [&](const spec::example_value& e) { return e.text == value; });
        return n >= p.min && n <= p.max && !listed_reject;
    }
    }
    return false;
}

std::string alternate_value(const spec::parameter& p, const std::string& current) {
    switch (p.type) {
    case param_type::enumeration:
        for (const auto& v : p.values) {
            if (reads_back(p, v.value) != current && v.value != current) {
                return v.value;
            }
        }
        return p.values.front().value;
    case param_type::integer:
        return std::to_string(current == std::to_string(p.max) ? p.min : p.max);
    case param_type::string:
    case param_type::rest:
    case param_type::pem: {
        for (const auto& e : p.accept) {
            if (e.text != current) {
                return e.text;
            }
        }
        const auto length = static_cast<std::size_t>(std::clamp<std::int64_t>(8, p.min, p.max));
        auto text = filler(length, "alt");
        return text != current ? text : filler(length, "ALT");
    }
    }
    return current;
}

std::vector<probe_value> accepted_values(const spec::parameter& p) {
    std::vector<probe_value> out;
    switch (p.type) {
    case param_type::enumeration:
        for (const auto& v : p.values) {
            add_unique(out, {v.value, spec::value_label(v.value)});
        }
        break;
    case param_type::integer:
        if (p.generate_bounds) {
            add_unique(out, {std::to_string(p.min), number_label(p.min)});
            add_unique(out, {std::to_string(p.max), number_label(p.max)});
        }
        break;
    case param_type::string:
    case param_type::rest:
        if (p.generate_bounds) {
            for (const auto n : {std::max<std::int64_t>(p.min, 1), p.max}) {
                add_unique(out,
                           {filler(static_cast<std::size_t>(n)), "Length" + std::to_string(n)});
            }
        }
        break;
    case param_type::pem:
        break; // certificates are made at run time: see sslcrt_cases
    }
    for (const auto& e : p.accept) {
        add_unique(out, {e.text, e.label});
    }
    if (p.empty == spec::empty_rule::accepted) {
        add_unique(out, {"", "Empty"});
    }
    return out;
}

std::vector<probe_value> rejected_values(const spec::parameter& p) {
    std::vector<probe_value> out;
    switch (p.type) {
    case param_type::enumeration:
        if (p.reject.empty()) {
            const bool numeric =
                std::all_of(p.values.begin(), p.values.end(),
                            [](const spec::enum_value& v) { return all_digits(v.value); });
            if (numeric) {
                std::int64_t top = 0;
                for (const auto& v : p.values) {
                    top = std::max<std::int64_t>(top, std::stoll(v.value));
                }
                add_unique(out, {std::to_string(top + 1), number_label(top + 1)});
            } else {
                add_unique(out, {"BOGUS", "Bogus"});
            }
        }
        break;
    case param_type::integer:
        if (p.generate_bounds) {
            add_unique(out, {std::to_string(p.min - 1), number_label(p.min - 1)});
            add_unique(out, {std::to_string(p.max + 1), number_label(p.max + 1)});
            add_unique(out, {"abc", "NotANumber"});
            add_unique(out, {std::to_string(p.min) + "x", "TrailingGarbage"});
        }
        break;
    case param_type::string:
    case param_type::rest:
    case param_type::pem:
        if (p.generate_bounds) {
            const auto too_long = static_cast<std::size_t>(p.max + 1);
            add_unique(out, {filler(too_long), "Length" + std::to_string(too_long)});
            if (p.min > 1) {
                const auto too_short = static_cast<std::size_t>(p.min - 1);
                add_unique(out, {filler(too_short), "Length" + std::to_string(too_short)});
            }
        }
        break;
    }
    for (const auto& e : p.reject) {
        add_unique(out, {e.text, e.label});
    }
    if (p.empty == spec::empty_rule::rejected) {
        add_unique(out, {"", "Empty"});
    }
    return out;
}

} // namespace athil::suites
