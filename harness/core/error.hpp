#pragma once
// Error codes shared by every harness component. Infrastructure problems (a port that will not
// open, a peer that went away) are kept apart from nonconformance (a module that answered
// wrongly): the runner maps the first kind to exit code 2 and the second to exit code 1.

#include <string>
#include <system_error>

namespace athil {

enum class errc {
    timeout = 1,      // a bounded wait ran out
    link_closed,      // the peer closed the serial line / socket
    link_open_failed, // the port or host could not be opened
    bad_link_spec,    // a --dut / link text that does not parse
    protocol_error,   // bytes that break the framing we rely on
    handshake_failed, // +++ / a / +ok did not complete
    process_failed,   // a child process would not start or died early
    bad_input,        // malformed user input: files, options, data
    link_busy,        // the port is held by another run or program
};

const std::error_category& athil_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), athil_category()};
}

// Thrown by harness components; what() is exactly the human sentence given (std::system_error
// would append the category text to it), code() tells the kind of failure.
class athil_error : public std::system_error {
public:
    athil_error(errc code, const std::string& sentence)
        : std::system_error(make_error_code(code), sentence)
        , sentence_(sentence) {}
    const char* what() const noexcept override { return sentence_.c_str(); }

private:
    std::string sentence_;
};

// True when the error is about the rig (ports, processes, brokers), not the module's behaviour.
bool is_infrastructure(const std::error_code& ec) noexcept;

} // namespace athil

template <>
struct std::is_error_code_enum<athil::errc> : std::true_type {};
