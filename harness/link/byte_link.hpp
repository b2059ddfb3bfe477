#pragma once
// One open serial line to a module, whatever carries it: a local tty or pty, a raw TCP serial
// server, or an RFC 2217 (telnet COM-port) server. Everything above talks to this interface.

#include "harness/core/clock.hpp"

#include <string>
#include <string_view>

namespace athil::link {

class byte_link {
public:
    virtual ~byte_link() = default;

    // Writes every byte before `until` or throws: athil_error(timeout) when the deadline passes
    // first, athil_error(link_closed) when the peer is gone.
    virtual void write(std::string_view bytes, deadline until) = 0;

    // At least one byte, or "" once `until` has passed (a deadline in the past still returns
    // bytes that are already waiting). Throws athil_error(link_closed) when the peer is gone.
    virtual std::string read_some(deadline until) = 0;

    // For logs and reports, e.g. "serial:/dev/pts/3@115200".
    virtual std::string description() const = 0;

    byte_link() = default;
    byte_link(const byte_link&) = delete;
    byte_link& operator=(const byte_link&) = delete;
};

} // namespace athil::link
