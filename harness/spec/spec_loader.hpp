#pragma once
// Loading suites/spec/*.yaml into the model, with the schema checked on load.

#include "harness/spec/model.hpp"

#include <filesystem>

namespace athil::spec {

// One section file. Throws athil_error(bad_input, "file:line: what is wrong").
section load_section(const std::filesystem::path& file);

// Every *.yaml in `dir`, in file name order; a duplicate command name or section is an error.
manual load_manual(const std::filesystem::path& dir);

// CamelCase name part from free text: "MQTT,NOR" -> "MqttNor", "cn-shanghai" -> "CnShanghai".
std::string camel_case(std::string_view text);

// Case-name label of a value: "-1" -> "Minus1", "42" -> "42", otherwise camel_case.
std::string value_label(std::string_view text);

} // namespace athil::spec
