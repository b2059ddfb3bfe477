#include "harness/dut/shell_command.hpp"

#include "harness/core/error.hpp"
#include "harness/process/child_process.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace athil::dut {
namespace {

using namespace std::chrono_literals;

// Appends a command's output to the shared log up to the log's size bound and counts what did
// not fit, so a command that prints without end cannot fill the disk of a rack host.
class bounded_log {
public:
    bounded_log(const std::filesystem::path& path, std::uintmax_t limit)
        : out_(path, std::ios::binary | std::ios::app) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        room_ = ec || size >= limit ? 0 : limit - size;
        limit_ = limit;
    }
    void write(const std::string& bytes) {
        const auto kept = std::min<std::uintmax_t>(room_, bytes.size());
        out_.write(bytes.data(), static_cast<std::streamsize>(kept));
        room_ -= kept;
        dropped_ += bytes.size() - kept;
    }
    ~bounded_log() {
        if (dropped_ > 0) {
            out_ << "\n[athil: output cut: this log is bounded to " << limit_ << " bytes; "
                 << dropped_ << " more bytes of this command were dropped]\n";
        }
    }
    bounded_log(const bounded_log&) = delete;
    bounded_log& operator=(const bounded_log&) = delete;

private:
    std::ofstream out_;
    std::uintmax_t room_ = 0;
    std::uintmax_t limit_ = 0;
    std::uintmax_t dropped_ = 0;
};

// Copies the command's output into the log until the command ends (the output of a program it
// leaves running in the background is not waited for) or the deadline passes.
void copy_output(process::child& child, bounded_log& log, deadline until) {
    for (;;) {
        const auto chunk = child.read_stdout(std::min(until, deadline_in(50ms)));
        if (!chunk) {
            return; // every writer closed the pipe
        }
        log.write(*chunk);
        if (!child.running()) {
            // Ended: take what it wrote just before, without waiting for further writers.
            for (auto rest = child.read_stdout(steady_clock::now()); rest && !rest->empty();
                 rest = child.read_stdout(steady_clock::now())) {
                log.write(*rest);
            }
            return;
        }
        if (steady_clock::now() >= until) {
            return;
        }
    }
}

} // namespace

std::string shell_outcome::describe() const {
    if (timed_out) {
        return "timed out";
    }
    if (exit_code < 0) {
        return "could not start";
    }
    return "exit " + std::to_string(exit_code);
}

shell_outcome run_shell_command(const shell_command& c, const std::filesystem::path& log,
                                const std::vector<std::pair<std::string, std::string>>& env,
                                std::uintmax_t log_limit) {
    process::spawn_options options;
    // Output reaches the log through a pipe, so its size can be bounded; several commands
    // share one log.
    options.argv = {"/bin/sh", "-c", log.empty() ? c.command : "exec 2>&1; " + c.command};
    options.capture_stdout = !log.empty();
    // What the command leaves in the background dies with athil, however athil ends.
    options.watch_group = true;
    options.env = env;
    shell_outcome out;
    try {
        auto child = process::child::spawn(options);
        const auto until = deadline_in(c.timeout);
        if (!log.empty()) {
            bounded_log sink(log, log_limit);
            copy_output(child, sink, until);
            child.close_stdout();
        }
        const auto code = child.wait(until);
        if (!code) {
            out.timed_out = true;
            child.terminate(std::chrono::milliseconds(1000));
            return out;
        }
        out.exit_code = *code;
    } catch (const athil_error&) {
        out.exit_code = -1;
    }
    return out;
}

} // namespace athil::dut
