// Round trip of one "AT" -> "OK" through module_session over a pty, against a peer thread that
// answers every CR with "\r\nOK\r\n" at once. Prints median and p99 in microseconds.
//   athil_bench_at_roundtrip [count]   (default 1000, after 50 warm-up exchanges)

#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/pty_pair.hpp"
#include "harness/session/module_session.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

void answer_ok(athil::link::pty_pair& pty, const std::atomic<bool>& stop) {
    try {
        while (!stop) {
            const auto got = pty.read_some(athil::deadline_in(50ms));
            const auto crs = std::count(got.begin(), got.end(), '\r');
            for (long i = 0; i < crs; ++i) {
                pty.write("\r\nOK\r\n", athil::deadline_in(1s));
            }
        }
    } catch (const athil::athil_error&) {
        // the session side went away
    }
}

long long percentile(const std::vector<long long>& sorted, double p) {
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[index];
}

} // namespace

int main(int argc, char** argv) {
    std::size_t count = 1000;
    if (argc > 1) {
        const std::string_view arg = argv[1];
        if (std::from_chars(arg.data(), arg.data() + arg.size(), count).ec != std::errc{} ||
            count == 0) {
            std::fprintf(stderr, "usage: %s [count]\n", argv[0]);
            return 2;
        }
    }
    athil::link::pty_pair pty;
    std::atomic<bool> stop{false};
    std::thread peer([&] { answer_ok(pty, stop); });

    int failures = 0;
    std::vector<long long> us;
    {
        athil::session::module_session session(
            athil::link::open_serial_link(pty.slave_path(), 115200));
        for (int i = 0; i < 50; ++i) {
            (void)session.command("AT");
        }
        us.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const auto r = session.command("AT");
            failures += r.ok() ? 0 : 1;
            us.push_back(r.elapsed.count());
        }
    }
    stop = true;
    peer.join();

    std::sort(us.begin(), us.end());
    std::printf("AT -> OK over pty via module_session: n=%zu median=%lld us p99=%lld us "
                "min=%lld us max=%lld us failures=%d\n",
                us.size(), percentile(us, 0.5), percentile(us, 0.99), us.front(), us.back(),
                failures);
    return failures == 0 ? 0 : 1;
}
