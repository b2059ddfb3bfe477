#include "harness/spec/model.hpp"

#include <algorithm>

namespace athil::spec {

bool command::has(form f) const {
    return std::find(forms.begin(), forms.end(), f) != forms.end();
}

const parameter* command::slot_parameter() const {
    for (const auto& p : parameters) {
        if (p.slot_index) {
            return &p;
        }
    }
    return nullptr;
}

std::string behaviour_check::input(std::string_view key, std::string_view fallback) const {
    for (const auto& [k, v] : inputs) {
        if (k == key) {
            return v;
        }
    }
    return std::string(fallback);
}

const command* manual::find(std::string_view name) const {
    for (const auto& s : sections) {
        for (const auto& c : s.commands) {
            if (c.name == name) {
                return &c;
            }
        }
    }
    return nullptr;
}

std::string_view to_string(source_tag t) {
    switch (t) {
    case source_tag::manual:
        return "M";
    case source_tag::confirmed:
        return "C";
    case source_tag::reference:
        return "R";
    }
    return "?";
}

std::string_view to_string(form f) {
    switch (f) {
    case form::test:
        return "test";
    case form::query:
        return "query";
    case form::set:
        return "set";
    }
    return "?";
}

} // namespace athil::spec
