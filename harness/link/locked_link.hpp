#pragma once
// A link and the lock that makes it this run's alone: the lock is let go only after the link
// is closed, so no second run can slip in while bytes of ours are still in flight.

#include "harness/link/byte_link.hpp"
#include "harness/link/port_lock.hpp"

#include <functional>
#include <memory>
#include <utility>

namespace athil::link {

class locked_link final : public byte_link {
public:
    // `before_close` runs first on destruction, while the link is still open (TIOCNXCL).
    locked_link(std::unique_ptr<byte_link> inner, port_lock lock,
                std::function<void()> before_close = {})
        : lock_(std::move(lock))
        , inner_(std::move(inner))
        , before_close_(std::move(before_close)) {}
    ~locked_link() override {
        if (before_close_) {
            before_close_();
        }
        inner_.reset();
    }
    locked_link(const locked_link&) = delete;
    locked_link& operator=(const locked_link&) = delete;

    void write(std::string_view bytes, deadline until) override { inner_->write(bytes, until); }
    std::string read_some(deadline until) override { return inner_->read_some(until); }
    std::string description() const override { return inner_->description(); }

private:
    port_lock lock_; // declared first: released last
    std::unique_ptr<byte_link> inner_;
    std::function<void()> before_close_;
};

} // namespace athil::link
