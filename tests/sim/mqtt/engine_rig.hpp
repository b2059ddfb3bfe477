#pragma once
// Runs one mqtt_engine on an io_context of its own thread, as the simulator does, and lets a
// test drive it from the test thread: every call hops onto the io thread and waits (bounded).
// What the engine writes to the serial side is collected for the test to wait on.

#include "fixtures/sim/mqtt/engine.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace athil::sim::test {

class engine_rig {
public:
    engine_rig(const settings& s, engine_options options)
        : settings_(s) {
        options.log = [this](std::string_view line) {
            std::lock_guard lock(mutex_);
            log_ += std::string(line) + "\n";
            changed_.notify_all();
        };
        engine_.emplace(io_, settings_, options, [this](std::string_view bytes) {
            std::lock_guard lock(mutex_);
            serial_ += bytes;
            changed_.notify_all();
        });
        thread_ = std::thread([this] { io_.run(); });
    }
    ~engine_rig() {
        run([this] { engine_.reset(); });
        work_.reset();
        io_.stop();
        thread_.join();
        if (::testing::Test::HasFailure()) {
            std::cerr << "engine log:\n" << log() << "\n";
        }
    }
    engine_rig(const engine_rig&) = delete;
    engine_rig& operator=(const engine_rig&) = delete;

    void start() {
        run([this] { engine_->start(); });
    }
    void stop(bool orderly) {
        run([this, orderly] { engine_->stop(orderly); });
    }
    // Changes the stored settings (the engine reads them at its next start()).
    void update(std::function<void(settings&)> change) {
        run([this, &change] { change(settings_); });
    }
    void frame(const std::string& bytes) {
        run([this, bytes] { engine_->on_serial_frame(bytes); });
    }
    bool connected() {
        bool result = false;
        run([&] { result = engine_->connected(); });
        return result;
    }
    bool wait_connected(bool wanted = true,
                        std::chrono::milliseconds limit = std::chrono::seconds(10)) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            if (connected() == wanted) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return connected() == wanted;
    }
    // Waits until the serial output contains `text`.
    bool wait_serial(const std::string& text,
                     std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit,
                                 [&] { return serial_.find(text) != std::string::npos; });
    }
    // Waits until the engine's log contains `text`.
    bool wait_log(const std::string& text,
                  std::chrono::milliseconds limit = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return log_.find(text) != std::string::npos; });
    }
    std::string serial() {
        std::lock_guard lock(mutex_);
        return serial_;
    }
    std::string log() {
        std::lock_guard lock(mutex_);
        return log_;
    }

private:
    // Runs f on the io thread and waits for it (bounded: a stuck io thread fails the test).
    void run(std::function<void()> f) {
        std::promise<void> done;
        auto future = done.get_future();
        boost::asio::post(io_, [&] {
            f();
            done.set_value();
        });
        if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            ADD_FAILURE() << "engine io thread did not answer within 10 s";
            std::abort(); // the lambda still references this frame: cannot continue safely
        }
    }

    settings settings_;
    boost::asio::io_context io_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        boost::asio::make_work_guard(io_)};
    std::optional<mqtt_engine> engine_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::string serial_;
    std::string log_;
};

} // namespace athil::sim::test
