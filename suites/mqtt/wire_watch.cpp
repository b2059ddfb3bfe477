#include "suites/mqtt/wire_watch.hpp"

#include "harness/mqtt/statements.hpp"
#include "harness/mqtt/wire_monitor.hpp"
#include "suites/case_context.hpp"
#include "suites/mqtt/rig.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace athil::suites::mqtt {
namespace {

using fixtures::direction;
namespace wire = athil::mqtt;

wire::sender sender_of(direction d) {
    return d == direction::to_broker ? wire::sender::client : wire::sender::server;
}

// The tap writes a decode error as "<direction>: <sentence>" (tap_connection.cpp).
std::optional<std::pair<direction, std::string_view>> split_decode_error(std::string_view text) {
    for (const auto d : {direction::to_broker, direction::to_module}) {
        const std::string prefix = std::string(fixtures::to_string(d)) + ": ";
        if (text.starts_with(prefix)) {
            return std::pair{d, text.substr(prefix.size())};
        }
    }
    return std::nullopt; // a TLS ClientHello error: not MQTT
}

std::string summary_of(const std::string& id) {
    const auto* s = wire::find_statement(id);
    return s ? std::string(s->summary) : "(statement not in the table)";
}

[[noreturn]] void fail_with(case_context& ctx, const wire_violation& v, std::size_t count,
                            const std::optional<check_failure>& own) {
    std::string what =
        "the module's traffic breaks [" + v.statement + "] " + summary_of(v.statement);
    if (count > 1) {
        what += " (" + std::to_string(count) + " violations in this case; the first is shown)";
    }
    if (own) {
        what += "; the case's own check failed too: " + own->fields().what;
    }
    const std::string received = "#" + std::to_string(v.connection) + " " +
                                 fixtures::to_string(v.dir) + " " + v.packet + " (" + v.text + ")";
    try {
        ctx.fail(what, "", summary_of(v.statement), received);
    } catch (const check_failure& f) {
        auto fields = f.fields();
        fields.statement = v.statement;
        throw check_failure(f.what(), std::move(fields));
    }
}

} // namespace

std::vector<wire_violation> monitor_traffic(const std::vector<fixtures::tapped_packet>& packets,
                                            const std::vector<fixtures::tap_event>& events) {
    // Merge by the time the tap saw them; a packet and an error of one read keep tap order.
    struct item {
        steady_clock::time_point at;
        const fixtures::tapped_packet* packet = nullptr;
        const fixtures::tap_event* event = nullptr;
    };
    std::vector<item> items;
    items.reserve(packets.size());
    for (const auto& p : packets) {
        items.push_back({p.at, &p, nullptr});
    }
    for (const auto& e : events) {
        if (e.kind == fixtures::tap_event_kind::decode_error) {
            items.push_back({e.at, nullptr, &e});
        }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const item& a, const item& b) { return a.at < b.at; });
    wire::wire_monitor monitor;
    for (const auto& i : items) {
        if (i.packet) {
            monitor.on_packet(i.packet->connection, sender_of(i.packet->dir), i.at,
                              i.packet->packet);
        } else if (const auto split = split_decode_error(i.event->text)) {
            monitor.on_malformed(i.event->connection, sender_of(split->first), i.at, split->second);
        }
    }
    std::vector<wire_violation> out;
    for (const auto& v : monitor.violations()) {
        out.push_back({v.statement, v.connection,
                       v.from == wire::sender::client ? direction::to_broker : direction::to_module,
                       v.at, v.packet, v.text});
    }
    return out;
}

wire_watch::wire_watch(mqtt_rig& rig, std::string_view shared_target, std::size_t shared)
    : rig_(rig) {
    for (std::size_t t = 0; t < target_count; ++t) {
        const auto kind = static_cast<target>(t);
        auto first = rig_.tap(kind).connection_count();
        if (!shared_target.empty() && shared_target == to_string(kind) && shared < first) {
            first = shared;
            shares_ = true;
        }
        first_connection_.push_back(first);
    }
}

std::vector<wire_violation> wire_watch::violations() const {
    std::vector<wire_violation> out;
    for (std::size_t t = 0; t < target_count; ++t) {
        auto& tap = rig_.tap(static_cast<target>(t));
        const auto first = first_connection_[t];
        auto packets = tap.packets();
        std::erase_if(packets, [first](const auto& p) { return p.connection < first; });
        auto events = tap.events();
        std::erase_if(events, [first](const auto& e) { return e.connection < first; });
        auto found = monitor_traffic(packets, events);
        if (shares_) {
            std::erase_if(found, [this](const wire_violation& v) { return v.at < started_; });
        }
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

bool wire_monitor_enabled() {
    const char* v = std::getenv("ATHIL_WIRE_MONITOR");
    return v == nullptr || std::string_view(v) != "off";
}

check_body monitored(check_body body) {
    return [body = std::move(body)](case_context& ctx, const spec::behaviour_check& check) {
        if (!ctx.env().rig || !wire_monitor_enabled()) {
            body(ctx, check);
            return;
        }
        const auto& live = ctx.env().live;
        const bool may_share = live && ctx.env().may_share(ctx.def(), live->target);
        const wire_watch watch(*ctx.env().rig, may_share ? live->target : std::string_view{},
                               may_share ? live->connection : 0);
        std::optional<check_failure> own;
        try {
            body(ctx, check);
        } catch (const check_failure& f) {
            own = f;
        }
        const auto found = watch.violations();
        // Each violation on the case's timeline, at the packet that broke the statement.
        for (const auto& v : found) {
            ctx.env().note(report::timeline_source::wire, "violation",
                           "[" + v.statement + "] " + v.text + ": " + v.packet, v.at,
                           {{"statement", v.statement},
                            {"connection", std::to_string(v.connection)},
                            {"dir", fixtures::to_string(v.dir)}});
        }
        const auto tolerated = [&](const wire_violation& v) {
            return ctx.profile().statement_deviation(ctx.def().full_name(), v.statement) != nullptr;
        };
        const auto untolerated = std::find_if_not(found.begin(), found.end(), tolerated);
        if (untolerated != found.end()) {
            fail_with(ctx, *untolerated, found.size(), own);
        }
        if (own) {
            throw *own;
        }
        if (!found.empty()) {
            fail_with(ctx, found.front(), found.size(), std::nullopt); // a known deviation
        }
    };
}

} // namespace athil::suites::mqtt
