#pragma once
// What one soak run drives: a Mosquitto broker, a wire tap in front of it (the module only
// ever reaches the tap, so the test can cut its link), the reference simulator as the module
// (clean session 0, transparent or distribution mode), and two libmosquitto clients on the
// broker side: one publishing the downstream messages, one subscribed to the upstream topics.

#include "fixtures/broker/broker.hpp"
#include "fixtures/observer/observer.hpp"
#include "fixtures/tap/wire_tap.hpp"
#include "harness/dut/sim_dut.hpp"
#include "harness/run/run_folder.hpp"
#include "harness/session/module_session.hpp"

#include <memory>
#include <string>
#include <vector>

namespace athil::soak {

enum class data_mode { transparent, distribution };

// Topics: two upstream (module -> broker) and two downstream, one of each at QoS 1 and 2.
inline const std::string up_q1 = "soak/up/q1";
inline const std::string up_q2 = "soak/up/q2";
inline const std::string down_q1 = "soak/down/q1";
inline const std::string down_q2 = "soak/down/q2";

class soak_rig {
public:
    soak_rig(const std::string& athil_exe, data_mode mode);
    ~soak_rig();
    soak_rig(const soak_rig&) = delete;
    soak_rig& operator=(const soak_rig&) = delete;

    session::module_session& module() { return *session_; }
    fixtures::wire_tap& tap() { return *tap_; }
    fixtures::observer& publisher() { return *publisher_; }
    // Messages the subscriber received since the last broker restart; earlier ones were
    // handed over by restart_broker().
    std::vector<fixtures::received_message> received() const { return subscriber_->messages(); }

    // Waits until the module's newest connection is subscribed (a SUBACK) and returns its
    // index; throws athil_error(timeout).
    std::size_t wait_module_ready(std::size_t after_connections);
    // The link cut with whatever is in flight; returns once the module is back.
    void cut_link();
    // Broker killed (crash) and started again on its port; the broker-side clients connect
    // again. Returns what the old subscriber had received (its history ends with it).
    std::vector<fixtures::received_message> restart_broker();

private:
    void connect_clients();

    run::run_folder folder_;
    std::unique_ptr<fixtures::broker> broker_;
    std::unique_ptr<fixtures::wire_tap> tap_;
    std::unique_ptr<dut::sim_dut> sim_;
    std::unique_ptr<session::module_session> session_;
    std::unique_ptr<fixtures::observer> publisher_;
    std::unique_ptr<fixtures::observer> subscriber_;
};

} // namespace athil::soak
