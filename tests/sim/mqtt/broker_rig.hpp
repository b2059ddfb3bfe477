#pragma once
// The broker side of an engine test: a run folder, a real mosquitto and a libmosquitto observer
// connected to it, plus module settings pointing at that broker.

#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "fixtures/sim/settings.hpp"
#include "harness/run/run_folder.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace athil::sim::test {

inline std::chrono::steady_clock::time_point in(std::chrono::milliseconds d) {
    return std::chrono::steady_clock::now() + d;
}

struct broker_rig {
    explicit broker_rig(fixtures::broker_config config = fixtures::plain_anonymous("plain"))
        : folder(run::run_folder::temporary("athil-simengine"))
        , broker(std::make_unique<fixtures::broker>(std::move(config), folder)) {}

    // An observer on the broker (anonymous unless credentials are given).
    std::unique_ptr<fixtures::observer> observe(fixtures::observer_options options = {}) {
        auto o = std::make_unique<fixtures::observer>();
        const auto outcome =
            o->connect(broker->host(), broker->port(), options, in(std::chrono::seconds(5)));
        EXPECT_TRUE(outcome.accepted()) << "observer refused by the broker";
        return o;
    }

    // Factory settings of an MQTT,NOR module aimed at this broker (MANUAL.md 3.1.2's steps).
    settings module_settings() const {
        auto s = factory_defaults("02400122052700000529");
        s.mode = work_mode::mqtt_nor;
        s.server = broker->host();
        s.port = broker->port();
        s.mqtt_version = 4;
        return s;
    }

    run::run_folder folder;
    std::unique_ptr<fixtures::broker> broker;
};

} // namespace athil::sim::test
