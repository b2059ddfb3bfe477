#include "tests/soak/soak_rig.hpp"

#include "fixtures/broker/broker_config.hpp"
#include "harness/core/error.hpp"
#include "tests/soak/soak_tally.hpp"

#include <algorithm>

namespace athil::soak {
namespace {

using namespace std::chrono_literals;

constexpr auto ready_bound = 30s; // the simulator retries every 2 s; a loaded machine is slow

void expect_ok(session::module_session& s, const std::string& line) {
    const auto r = s.command(line);
    if (!r.ok()) {
        throw athil_error(errc::protocol_error, line + " was not answered with OK");
    }
}

} // namespace

soak_rig::soak_rig(const std::string& athil_exe, data_mode mode)
    : folder_(run::run_folder::temporary("athil-soak")) {
    broker_ = std::make_unique<fixtures::broker>(fixtures::plain_anonymous("soak"), folder_);
    tap_ = std::make_unique<fixtures::wire_tap>("127.0.0.1", broker_->port());
    connect_clients();
    sim_ = std::make_unique<dut::sim_dut>(
        dut::sim_dut::start({.executable = athil_exe,
                             .args = {"--boot-ms=50"},
                             .stderr_path = folder_.logs() / "sim.err"}));
    session_ = std::make_unique<session::module_session>(sim_->open(deadline_in(10s)));
    session_->enter_command_mode();
    // Both modes: clean session 0, one QoS 1 and one QoS 2 slot each way, packets cut at
    // exactly one record (distribution frames carry "<n>," in front).
    const auto frame = std::to_string(record_size + (mode == data_mode::distribution ? 2 : 0));
    for (const auto& line :
         {std::string("AT+WKMOD=MQTT,NOR"), "AT+MQTTSVR=127.0.0.1," + std::to_string(tap_->port()),
          std::string("AT+MQTTCID=athil-soak"), std::string("AT+MQTTVER=4"),
          std::string("AT+MQTTCFG=60,0"), "AT+MQTTPUBTP=1,1," + up_q1 + ",1,0",
          "AT+MQTTPUBTP=2,1," + up_q2 + ",2,0", "AT+MQTTSUBTP=1,1," + down_q1 + ",1",
          "AT+MQTTSUBTP=2,1," + down_q2 + ",2",
          std::string(mode == data_mode::distribution ? "AT+MQTTMOD=1" : "AT+MQTTMOD=0"),
          "AT+UARTFL=" + frame}) {
        expect_ok(*session_, line);
    }
    const auto r = session_->save_and_restart();
    if (!r.ok()) {
        throw athil_error(errc::protocol_error, "AT+S was not answered with OK");
    }
    wait_module_ready(0);
}

soak_rig::~soak_rig() {
    session_.reset();
    sim_.reset();
    subscriber_.reset();
    publisher_.reset();
    tap_.reset();
    broker_.reset();
}

void soak_rig::connect_clients() {
    publisher_ = std::make_unique<fixtures::observer>();
    subscriber_ = std::make_unique<fixtures::observer>();
    for (auto* o : {publisher_.get(), subscriber_.get()}) {
        if (!o->connect(broker_->host(), broker_->port(), {}, deadline_in(10s)).accepted()) {
            throw athil_error(errc::process_failed, "a broker-side client was refused");
        }
    }
    subscriber_->subscribe(up_q1, 1, deadline_in(10s));
    subscriber_->subscribe(up_q2, 2, deadline_in(10s));
}

std::size_t soak_rig::wait_module_ready(std::size_t after_connections) {
    if (!tap_->wait_for_connections(after_connections + 1, deadline_in(ready_bound))) {
        throw athil_error(errc::timeout, "the module did not connect to the tap");
    }
    // Every SUBACK to the module on a connection this new: the session is back.
    std::size_t ready_on = 0;
    const bool ready = tap_->wait_for(
        [&](const std::vector<fixtures::tapped_packet>& ps) {
            for (auto p = ps.rbegin(); p != ps.rend(); ++p) {
                if (p->connection >= after_connections &&
                    p->dir == fixtures::direction::to_module &&
                    std::holds_alternative<mqtt::suback_packet>(p->packet)) {
                    ready_on = p->connection;
                    return true;
                }
            }
            return false;
        },
        deadline_in(ready_bound));
    if (!ready) {
        throw athil_error(errc::timeout, "the module did not subscribe after connecting");
    }
    tap_->clear();
    return ready_on;
}

void soak_rig::cut_link() {
    const auto before = tap_->connection_count();
    tap_->cut();
    wait_module_ready(before);
}

std::vector<fixtures::received_message> soak_rig::restart_broker() {
    auto history = subscriber_->messages();
    const auto before = tap_->connection_count();
    tap_->refuse(true); // the module stays away until the clients are back
    broker_->kill();
    publisher_.reset();
    subscriber_.reset();
    broker_->restart();
    connect_clients();
    tap_->restore();
    tap_->refuse(false);
    wait_module_ready(before);
    return history;
}

} // namespace athil::soak
