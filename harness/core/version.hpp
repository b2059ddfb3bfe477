#pragma once
// The version of this athil build: "0.1.0+121.g1a2b3c4d5e6f" (cmake/AthilVersion.cmake says
// how it is made). Printed by `athil --version` and stamped into every report, so a verdict can
// always be traced to the harness that gave it.

#include <string_view>

namespace athil::core {

std::string_view version() noexcept;

} // namespace athil::core
