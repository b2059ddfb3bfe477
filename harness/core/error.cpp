#include "harness/core/error.hpp"

namespace athil {
namespace {

class athil_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "athil"; }
    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
        case errc::timeout:
            return "timed out";
        case errc::link_closed:
            return "link closed by peer";
        case errc::link_open_failed:
            return "link could not be opened";
        case errc::bad_link_spec:
            return "malformed link specification";
        case errc::protocol_error:
            return "protocol error";
        case errc::handshake_failed:
            return "command-mode handshake failed";
        case errc::process_failed:
            return "child process failed";
        case errc::bad_input:
            return "bad input";
        case errc::link_busy:
            return "link busy";
        }
        return "unknown athil error";
    }
};

} // namespace

const std::error_category& athil_category() noexcept {
    static const athil_category_impl category;
    return category;
}

bool is_infrastructure(const std::error_code& ec) noexcept {
    if (ec.category() != athil_category()) {
        return true; // OS-level errors are always about the rig
    }
    switch (static_cast<errc>(ec.value())) {
    case errc::link_closed:
    case errc::link_open_failed:
    case errc::bad_link_spec:
    case errc::process_failed:
    case errc::bad_input:
    case errc::link_busy:
        return true;
    default:
        return false;
    }
}

} // namespace athil
