#include "harness/dut/dut_connection.hpp"

#include "harness/dut/sim_dut.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/open_link.hpp"
#include "harness/session/transcript.hpp"

namespace athil::dut {
namespace {

// Lines are printed whole: a secret split across two reads is still redacted, and a user
// watching a rack reads commands and answers, not read() boundaries.
class live_link final : public link::byte_link {
public:
    live_link(std::unique_ptr<link::byte_link> inner, std::ostream& out)
        : inner_(std::move(inner))
        , out_(out) {}
    ~live_link() override {
        flush(tx_, "> ");
        flush(rx_, "< ");
    }

    void write(std::string_view bytes, deadline until) override {
        inner_->write(bytes, until);
        // The harness writes a command line in one call; "+++" and "a" stand alone.
        pass(tx_, bytes, "> ");
        flush(tx_, "> ");
    }
    std::string read_some(deadline until) override {
        auto bytes = inner_->read_some(until);
        pass(rx_, bytes, "< ");
        return bytes;
    }
    std::string description() const override { return inner_->description(); }

private:
    void pass(std::string& held, std::string_view bytes, std::string_view prefix) {
        held += bytes;
        std::size_t end = 0;
        while ((end = held.find_first_of("\r\n")) != std::string::npos) {
            // "\r\n" (or a lone "\r" command end) closes one line.
            std::size_t next = end + 1;
            if (held[end] == '\r' && next < held.size() && held[next] == '\n') {
                ++next;
            }
            emit(held.substr(0, end), prefix);
            held.erase(0, next);
        }
        if (held.size() > session::transcript::max_held) {
            flush(held, prefix);
        }
    }
    void flush(std::string& held, std::string_view prefix) {
        if (!held.empty()) {
            emit(held, prefix);
            held.clear();
        }
    }
    void emit(std::string_view line, std::string_view prefix) {
        if (!line.empty()) {
            out_ << prefix << printer_.printable(line) << '\n';
            out_.flush();
        }
    }

    std::unique_ptr<link::byte_link> inner_;
    std::ostream& out_;
    session::transcript printer_; // only its redacting printable()
    std::string tx_;
    std::string rx_;
};

} // namespace

std::unique_ptr<link::byte_link> with_live_transcript(std::unique_ptr<link::byte_link> inner,
                                                      std::ostream& out) {
    return std::make_unique<live_link>(std::move(inner), out);
}

std::string banner_model(const session::transcript& log) {
    // module_session notes every banner it waited for as "booted: <banner line>".
    constexpr std::string_view prefix = "booted: ";
    const auto& entries = log.entries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (it->dir == session::direction::note && it->bytes.rfind(prefix, 0) == 0) {
            return it->bytes.substr(prefix.size());
        }
    }
    return {};
}

dut_connection connect_dut(const std::string& dut, const dut_options& options, deadline until) {
    const auto spec = link::parse_link_spec(dut);
    dut_connection out;
    if (spec.type == link::link_spec::kind::sim) {
        // The simulator is this very program (`athil sim`), reached through its pty.
        dut::sim_dut_options sim_options;
        sim_options.args = options.sim_args;
        sim_options.stderr_path = options.sim_log;
        auto sim = std::make_shared<dut::sim_dut>(dut::sim_dut::start(sim_options));
        out.link = sim->open(until);
        out.description = "sim at " + sim->serial_path();
        out.simulator = std::move(sim);
    } else {
        out.link = link::open_link(spec, until);
        out.description = out.link->description();
    }
    if (options.live != nullptr) {
        out.link = with_live_transcript(std::move(out.link), *options.live);
    }
    return out;
}

} // namespace athil::dut
