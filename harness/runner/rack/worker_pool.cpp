#include "harness/runner/rack/worker_pool.hpp"

#include "harness/core/clock.hpp"
#include "harness/core/error.hpp"
#include "harness/process/child_process.hpp"

#include <atomic>
#include <thread>

namespace athil::runner::rack {
namespace {

class line_printer {
public:
    explicit line_printer(std::ostream& out)
        : out_(out) {}
    void print(const std::string& label, const std::string& line) {
        const std::lock_guard lock(mutex_);
        out_ << '[' << label << "] " << line << '\n';
        out_.flush();
    }

private:
    std::ostream& out_;
    std::mutex mutex_;
};

// Spawned, read and reaped on one thread: a child's PR_SET_PDEATHSIG guard is tied to the
// thread that spawned it, so this thread must outlive the worker.
worker_outcome run_one(const worker_spec& w, line_printer& printer,
                       std::chrono::milliseconds limit) {
    const auto start = steady_clock::now();
    const auto until = start + limit;
    process::spawn_options options;
    options.argv = w.argv;
    options.capture_stdout = true;
    options.stderr_path = w.stderr_path;
    worker_outcome outcome;
    try {
        auto child = process::child::spawn(options);
        for (;;) {
            const auto asked = steady_clock::now();
            if (auto line = child.read_stdout_line(
                    std::min(until, asked + std::chrono::milliseconds(500)))) {
                printer.print(w.label, *line);
                continue;
            }
            if (!child.running()) {
                // What it wrote before ending is still in the pipe.
                while (auto rest = child.read_stdout_line(deadline_in(std::chrono::seconds(1)))) {
                    printer.print(w.label, *rest);
                }
                outcome.exit_code = child.exit_code().value_or(2);
                break;
            }
            if (steady_clock::now() >= until) {
                printer.print(w.label, "athil: worker ran past its time limit; stopping it");
                child.terminate();
                outcome.exit_code = 2;
                break;
            }
            if (steady_clock::now() - asked < std::chrono::milliseconds(100)) {
                // stdout closed while the worker still runs: no busy loop until it ends.
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    } catch (const athil_error& e) {
        printer.print(w.label, std::string("athil: cannot start the worker: ") + e.what());
        outcome.exit_code = 2;
    }
    outcome.wall =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start);
    return outcome;
}

} // namespace

std::vector<worker_outcome> run_workers(const std::vector<worker_spec>& workers, unsigned jobs,
                                        std::ostream& out, std::chrono::milliseconds limit) {
    process::install_cleanup_handlers();
    std::vector<worker_outcome> outcomes(workers.size());
    line_printer printer(out);
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> threads;
    const auto count = std::min<std::size_t>(std::max(jobs, 1U), workers.size());
    for (std::size_t t = 0; t < count; ++t) {
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < workers.size(); i = next++) {
                outcomes[i] = run_one(workers[i], printer, limit);
            }
        });
    }
    threads.clear(); // joins
    return outcomes;
}

int worst_exit_code(const std::vector<int>& codes) {
    int worst = 0;
    for (const int c : codes) {
        const int meaning = (c == 0 || c == 1) ? c : 2;
        worst = std::max(worst, meaning);
    }
    return worst;
}

} // namespace athil::runner::rack
