// The simulator's command path: bytes → command-mode line framing → executor, with the
// connection flag and one quirk picked by the first input byte. Whatever the lines, the
// executor answers (never throws), each answer is a bounded CR LF terminated text, the framer
// never holds more than one module buffer, a rejected command leaves the settings as they
// were (unless the quirk that breaks exactly that is on), and the settings always survive the
// state file's JSON round trip. The simulator's own executor_fuzz checks the core of this on
// the factory set-up only.
#include "fixtures/sim/command_line_framer.hpp"
#include "fixtures/sim/executor.hpp"
#include "fixtures/sim/persistence.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

#include <string>
#include <vector>

namespace athil::fuzz {
namespace {

using namespace athil::sim;

// No quirk, or one of the known ones.
quirk_set pick_quirk(std::uint8_t b) {
    const auto known = known_quirks();
    const std::size_t index = b % (known.size() + 1);
    if (index == known.size()) {
        return {};
    }
    return quirk_set{known[index].id};
}

void check_answer(const command_result& r) {
    check(r.response.size() < 64 * 1024, "an answer longer than 64 KiB");
    check(r.response.empty() || r.response.ends_with("\r\n") || !r.ok,
          "a successful answer that does not end with CR LF");
}

} // namespace

int sim_command(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    static const identity id;
    const quirk_set quirks = pick_quirk(data[0]);
    const bool connected = (data[1] & 1U) != 0;
    const bool rejected_may_change = quirks.has(quirk::rejected_set_changes_value);
    const command_context context{id, quirks, connected};

    // `s` sees every line; `accepted_only` replays only the accepted ones. Equal at the end
    // means no rejected command changed a value (one JSON comparison per input, not per line).
    settings s = factory_defaults(id.serial_number);
    settings accepted_only = s;
    command_line_framer framer;
    for (std::size_t i = 2; i < size; ++i) {
        const auto line = framer.push(static_cast<char>(data[i]));
        check(framer.pending().size() <= max_command_line, "the line buffer outgrew the module's");
        if (!line) {
            continue;
        }
        if (line->overlong) {
            check_answer(reject_overlong_line());
            continue;
        }
        const command_result r = execute(s, line->text, context);
        check_answer(r);
        if (r.ok) {
            (void)execute(accepted_only, line->text, context);
        }
    }
    check(rejected_may_change || to_json_text(s) == to_json_text(accepted_only),
          "a rejected command changed a value");
    const std::string saved = to_json_text(s);
    check(to_json_text(from_json_text(saved)) == saved, "settings changed through the state file");
    return 0;
}

} // namespace athil::fuzz
