// The run history at nightly scale: N synthetic runs of C cases recorded in a SQLite store, then
// the trend page made from it. Prints one JSON line: recording time, store size against the
// results.json of the same runs, and the trend page's time against the floor of reading every
// case row from the store (trend_rows alone, the same query the page starts with).
#include "bench/common/guarded_main.hpp"
#include "bench/common/stats.hpp"
#include "harness/history/history_store.hpp"
#include "harness/history/trend_page.hpp"
#include "harness/report/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

namespace {

using namespace athil;
using report::case_status;

// A night's run: ~2 % failing, 1 % flaky, 1 % known deviations, 1 % skipped; one firmware per
// 100 runs, three DUTs in turn.
report::run_result synthetic_run(std::size_t index, std::size_t cases, std::mt19937& random) {
    report::run_result run;
    auto& m = run.metadata;
    m.dut_link = "serial:/dev/ttyUSB" + std::to_string(index % 3);
    m.serial_number = "SN-" + std::to_string(index % 3);
    m.firmware = "V1.3." + std::to_string(index / 100);
    m.model = "WH-GM5";
    m.profile = "reference";
    m.host = "rack-host";
    m.tool_version = "bench";
    m.command_line = "athil run --history";
    m.start_time =
        report::time_from_iso8601("2026-01-01T01:00:00Z") + std::chrono::hours(8 * index);
    m.duration = std::chrono::minutes(20);
    std::uniform_int_distribution<int> percent(0, 99);
    for (std::size_t c = 0; c < cases; ++c) {
        report::case_result k;
        k.section = "S" + std::to_string(c % 31) + "_SECTION";
        k.name = "Case" + std::to_string(c);
        k.clause = "2." + std::to_string(c % 31);
        k.command = "AT+MQTTCFG";
        k.duration = std::chrono::milliseconds(50 + percent(random) * 10);
        const int p = percent(random);
        k.status = p < 2   ? case_status::failed
                   : p < 3 ? case_status::flaky
                   : p < 4 ? case_status::known_deviation
                   : p < 5 ? case_status::skipped
                           : case_status::passed;
        if (k.status == case_status::failed) {
            k.message = "clause " + k.clause +
                        ": expected \"+MQTTCFG:60,0\" then OK; got "
                        "\"+MQTTCFG:30,0\"";
        }
        run.cases.push_back(std::move(k));
    }
    return run;
}

std::uintmax_t size_of(const std::filesystem::path& f) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(f, ec);
    return ec ? 0 : n;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"athil_bench_history: record N runs of C cases, then make the trend page"};
    std::size_t runs = 1000;
    std::size_t cases = 469;
    int repeats = 3;
    app.add_option("--runs", runs)->capture_default_str();
    app.add_option("--cases", cases)->capture_default_str();
    app.add_option("--repeats", repeats, "trend page generations (the fastest counts)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    return bench::guarded_main("athil_bench_history", [&] {
        char pattern[] = "/tmp/athil-bench-history-XXXXXX";
        const std::filesystem::path dir = ::mkdtemp(pattern);
        const auto file = dir / "history.sqlite";
        std::mt19937 random(21);
        double json_bytes = 0;
        std::vector<double> record_ms;
        {
            auto store = history::history_store::open(file.string());
            for (std::size_t i = 0; i < runs; ++i) {
                const auto run = synthetic_run(i, cases, random);
                json_bytes += static_cast<double>(report::results_json(run).dump().size());
                const auto t = std::chrono::steady_clock::now();
                store.record(run, 0);
                record_ms.push_back(bench::millis(std::chrono::steady_clock::now() - t));
            }
        }
        const double store_bytes =
            static_cast<double>(size_of(file) + size_of(dir / "history.sqlite-wal"));
        double rows_ms = 1e300;
        double trend_ms = 1e300;
        double html_bytes = 0;
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            auto store = history::history_store::open(file.string());
            const auto rows = store.trend_rows();
            const auto t1 = std::chrono::steady_clock::now();
            const auto page = history::trend_html(rows, store.describe());
            const auto t2 = std::chrono::steady_clock::now();
            rows_ms = std::min(rows_ms, bench::millis(t1 - t0));
            trend_ms = std::min(trend_ms, bench::millis(t2 - t0));
            html_bytes = static_cast<double>(page.size());
        }
        std::filesystem::remove_all(dir);
        std::cout << bench::json_line()
                         .add("runs", static_cast<double>(runs))
                         .add("cases", static_cast<double>(cases))
                         .add("record_ms", bench::summarize(record_ms))
                         .add("store_bytes", store_bytes)
                         .add("results_json_bytes", json_bytes)
                         .add("rows_ms", rows_ms)
                         .add("trend_ms", trend_ms)
                         .add("trend_html_bytes", html_bytes)
                         .str()
                  << std::endl;
        return 0;
    });
}
