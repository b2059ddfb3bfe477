// libFuzzer target for the pure command path: bytes → command-mode framing → executor. Checks
// the same invariants as executor_property_test on arbitrary input. Build with clang and
// -DATHIL_FUZZ=ON, run e.g. `athil_sim_executor_fuzz -max_total_time=60`.
#include "fixtures/sim/command_line_framer.hpp"
#include "fixtures/sim/executor.hpp"
#include "fixtures/sim/persistence.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace athil::sim;
    static const identity id;
    static const quirk_set quirks;
    settings s = factory_defaults(id.serial_number);
    command_line_framer framer;
    for (std::size_t i = 0; i < size; ++i) {
        const auto line = framer.push(static_cast<char>(data[i]));
        if (framer.pending().size() > max_command_line) {
            std::abort();
        }
        if (!line || line->overlong) {
            continue;
        }
        const auto before = to_json_text(s);
        const auto r = execute(s, line->text, command_context{id, quirks, false});
        if (!r.ok && to_json_text(s) != before) {
            std::abort(); // a rejected command changed a stored value
        }
    }
    return 0;
}
