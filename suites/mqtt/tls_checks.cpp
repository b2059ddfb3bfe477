// MANUAL 2.18-2.21 as the MQTT connection uses them (3.1, TLS row): the outcome of every
// AT+SSLAUTH mode against a server with a good, rogue-signed or expired certificate and
// against one that requires a client certificate, with the certificates loaded through
// AT+SSLCRT in the escaped form; and the SNI of the ClientHello per AT+SSLCFG.

#include "certs/pem_file.hpp"
#include "certs/sslcrt_escape.hpp"
#include "suites/case_not_run.hpp"
#include "suites/mqtt/mqtt_case.hpp"
#include "suites/mqtt/mqtt_checks.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace athil::suites::mqtt {
namespace {

using spec::behaviour_check;

target server_kind(const behaviour_check& c) {
    const auto s = c.input("server");
    for (const auto t : {target::tls, target::rogue, target::expired, target::mutual}) {
        if (s == to_string(t)) {
            return t;
        }
    }
    throw std::invalid_argument(c.file + ":" + std::to_string(c.line) + ": unknown server '" + s +
                                "'");
}

std::string sslcrt(int code, const std::filesystem::path& pem) {
    return "AT+SSLCRT=" + std::to_string(code) + "," +
           certs::escape_for_sslcrt(certs::read_pem_file(pem));
}

// TLS on, the verification mode, and what that mode needs loaded: the CA for PEER and ALL,
// the client certificate and key for ALL.
std::vector<std::string> tls_setup(mqtt_case& m, std::string_view auth, std::string_view sni) {
    const auto& pki = m.rig().pki();
    // AT+SSLCRT has no factory value to write back (2.19), but a loaded certificate or key is
    // used only under SSLAUTH PEER (the CA) and ALL (all three) (2.20): the write-back puts
    // SSLAUTH back to NONE, and every case here that sets PEER or ALL loads what that mode uses
    // (and the mutual-server cases under NONE and PEER load the client pair themselves). So
    // what this case loads cannot reach another case's verdict, and needs no AT+CLEAR.
    m.leave_after_pass({"SSLCRT"});
    std::vector<std::string> out{"AT+SSLEN=ON", "AT+SSLAUTH=" + std::string(auth),
                                 "AT+SSLCFG=" + std::string(sni) + ",OFF,OFF,OFF"};
    if (auth != "NONE") {
        out.push_back(sslcrt(0, pki.ca_cert));
    }
    if (auth == "ALL") {
        out.push_back(sslcrt(1, pki.client_cert));
        out.push_back(sslcrt(2, pki.client_key));
    }
    return out;
}

void tls_outcome(case_context& ctx, const behaviour_check& c) {
    const auto where = server_kind(c);
    const auto auth = c.input("auth");
    const bool connects = c.input("outcome") == "connect";
    mqtt_case m(ctx, where);
    auto setup = tls_setup(m, auth, "OFF");
    if (where == target::mutual && auth != "ALL") {
        // Loaded but not to be used: only ALL presents the client certificate (2.20), so a
        // module that sends it under NONE or PEER would get in here.
        const auto& pki = m.rig().pki();
        setup.push_back(sslcrt(1, pki.client_cert));
        setup.push_back(sslcrt(2, pki.client_key));
    }
    m.save_generic(setup);
    const auto what = "SSLAUTH " + auth + " against the " + to_string(where) + " server " +
                      (connects ? "connects" : "is refused");
    if (connects) {
        m.wait_state("CONNECTION", ctx.profile().times.reconnect_bound, what);
        return;
    }
    // Refused: the module tried (a ClientHello reached the tap), the attempt ended, and the
    // module is not connected.
    const auto tried_and_ended = [&m] {
        const auto cs = m.connections();
        return std::any_of(cs.begin(), cs.end(), [](const fixtures::connection_info& i) {
            return i.client_hello_seen && !i.open;
        });
    };
    // The tap reports connection facts, not waits on them: poll, bounded.
    const auto until = deadline_in(ctx.env().windows.first_attempt);
    while (!tried_and_ended() && steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!tried_and_ended()) {
        const auto cs = m.connections();
        m.fail(what, "a TLS ClientHello, then the attempt ends",
               cs.empty() ? "no connection" : "the connection is still open (accepted)");
    }
    m.expect_state("DISCONNECTION", what);
}

// SNI: the host name from AT+MQTTSVR when SSLCFG is ON, nothing when OFF or for an IPv4 literal.
void sni(case_context& ctx, const behaviour_check& c) {
    mqtt_case m(ctx, target::tls);
    const auto sni_setting = c.input("sni");
    const bool literal = c.input("server") == "ip";
    std::vector<std::string> setup;
    std::optional<std::string> expected;
    if (literal) {
        const auto ip = m.rig().ip_literal(target::tls);
        setup.push_back("AT+MQTTSVR=" + ip.host + "," + std::to_string(ip.port));
    } else if (!m.rig().has_host_names()) {
        throw case_not_run("SNI needs a host name the module resolves to this rig's broker, and "
                           "--broker-host gives only an address");
    } else if (sni_setting == "ON") {
        expected = m.rig().server(target::tls).host;
    }
    const auto tls = tls_setup(m, "NONE", sni_setting);
    setup.insert(setup.end(), tls.begin(), tls.end());
    const auto first = m.tap().connection_count();
    m.save_generic(setup);
    auto& tap = m.tap();
    const auto bound = deadline_in(ctx.profile().times.reconnect_bound);
    if (!tap.wait_for_connections(first + 1, bound) || !tap.wait_for_client_hello(first, bound)) {
        m.fail("the module opens a TLS connection", "a ClientHello at the tap", "none");
    }
    const auto got = tap.sni(first);
    if (got != expected) {
        m.fail("the ClientHello's server_name follows AT+SSLCFG and the server address",
               expected ? "SNI " + *expected : "no SNI", got ? "SNI " + *got : "no SNI");
    }
}

} // namespace

void add_tls_checks(check_registry& r) {
    // The matrix: one case per (mode, server) pair in the YAML, which gives auth, server and
    // outcome; the SNI cases give the AT+SSLCFG setting and a name or an IP literal server.
    r["TlsOutcome"] = {tls_outcome, {"auth", "server", "outcome"}};
    r["SniSetting"] = {sni, {"sni", "server"}};
}

} // namespace athil::suites::mqtt
