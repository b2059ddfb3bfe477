// A module that answers with a stored secret must not put it in any output. The secrets are
// set and saved outside the run, as a user would (`athil at` against a simulator with a state
// file); the run then uses a simulator whose AT+CLEAR keeps the saved values, so the cases of
// 2.11 and 2.15 that expect factory defaults fail and quote the module's answer, which holds
// the password and the device secret. A second run uses a simulator that stores a rejected
// value: its answers hold values the failing case never registered. Every output - stdout,
// stderr, junit.xml, results.json, report.html, logs/ - is searched.

#include "harness/process/child_process.hpp"
#include "tests/faults/fault_run.hpp"
#include "tests/security/secret_forms.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <fstream>
#include <iterator>
#include <map>

namespace athil::faults {
namespace {

namespace fs = std::filesystem;

const std::string password = "Rb7SavedPassw0rd";
const std::string device_secret = "Dv9SavedDeviceSecretXyz";
constexpr std::array<std::string_view, 4> markers = {
    "+MQTTPSW:", "+ALIDEVSEC:", "AT+MQTTPSW=", "AT+ALIDEVSEC="};

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Saves the secrets in a simulator's state file with `athil at` and AT+S.
void save_secrets(const scratch_dir& dir, const fs::path& state) {
    auto sim = process::child::spawn(
        {.argv = {ATHIL_EXE, "sim", "--link", "pty", "--boot-ms=50", "--state", state.string()},
         .capture_stdout = true});
    const auto where = sim.read_stdout_line(deadline_in(std::chrono::seconds(30)));
    ASSERT_TRUE(where && where->starts_with("PTY ")) << where.value_or("nothing");
    auto at = process::child::spawn(
        {.argv = {ATHIL_EXE, "at", "--dut", "serial:" + where->substr(4), "AT+MQTTPSW=" + password,
                  "AT+ALIDEVSEC=" + device_secret, "AT+S"},
         .stdout_path = dir.path() / "at.out",
         .stderr_path = dir.path() / "at.out"});
    const auto code = at.wait(deadline_in(std::chrono::seconds(60)));
    sim.terminate();
    ASSERT_EQ(code, 0) << read_all(dir.path() / "at.out");
    ASSERT_NE(read_all(state).find(password), std::string::npos) << "the password was not saved";
}

struct run_outputs {
    std::optional<int> status;
    std::map<std::string, std::string> files; // output name -> content
};

run_outputs run_against(const scratch_dir& dir, std::vector<std::string> sim_args) {
    launch_options o;
    o.args = {"run", "--report-dir", dir.reports().string(), "--filter", "2.11,2.15", "--keep"};
    for (auto& a : sim_args) {
        o.args.push_back("--sim-arg=" + std::move(a));
    }
    o.split_stderr = true;
    run_outputs out;
    {
        launched run(dir, ATHIL_EXE, o);
        out.status = run.wait(300s);
    }
    out.files = {{"stdout", read_all(dir.output_file())}, {"stderr", read_all(dir.error_file())}};
    std::error_code ec;
    for (const auto& f : fs::recursive_directory_iterator(dir.reports(), ec)) {
        if (f.is_regular_file()) {
            out.files[fs::relative(f.path(), dir.reports()).string()] = read_all(f.path());
        }
    }
    return out;
}

// "<file>: <what> (<form>)" for each secret found in an output.
std::vector<std::string> leaks(const run_outputs& run) {
    std::vector<std::string> hits;
    for (const auto& [name, text] : run.files) {
        for (const auto& [what, value] :
             {std::pair{"password", password}, std::pair{"device secret", device_secret}}) {
            for (const auto& [form, bytes] : forms_of(value)) {
                if (text.find(bytes) != std::string::npos) {
                    hits.push_back(name + ": " + what + " (" + form + ")");
                }
            }
        }
    }
    return hits;
}

// A secret marker followed by anything but the redaction mark, an empty value or the test
// form's "?", with the text that follows it.
std::vector<std::string> unredacted_values(const run_outputs& run) {
    std::vector<std::string> hits;
    for (const auto& [name, text] : run.files) {
        for (const auto marker : markers) {
            for (auto at = text.find(marker); at != std::string::npos;
                 at = text.find(marker, at + 1)) {
                const auto rest = std::string_view(text).substr(at + marker.size());
                if (rest.empty() || rest.starts_with("******") || rest.starts_with("?") ||
                    std::string_view("\"<\r\n&\\' ").find(rest.front()) != std::string::npos) {
                    continue;
                }
                hits.push_back(name + ": " + std::string(marker) +
                               std::string(rest.substr(0, std::min<std::size_t>(rest.size(), 24))));
            }
        }
    }
    return hits;
}

bool mentions(const run_outputs& run, std::string_view text) {
    for (const auto& [name, content] : run.files) {
        if (content.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void expect_failed_run(const run_outputs& run, const scratch_dir& dir) {
    ASSERT_TRUE(run.status.has_value()) << "the run did not end";
    ASSERT_TRUE(WIFEXITED(*run.status) && WEXITSTATUS(*run.status) == 1)
        << describe_status(*run.status) << "\n"
        << dir.output() << dir.errors();
    ASSERT_TRUE(run.files.count("junit.xml") && run.files.count("results.json") &&
                run.files.count("report.html"));
}

TEST(SecretReadback, SavedSecretsQuotedByFailingCasesAreRedactedEverywhere) {
    scratch_dir dir;
    const auto state = dir.path() / "flash.json";
    save_secrets(dir, state);
    const auto run = run_against(dir, {"--quirk=clear-keeps-values", "--state=" + state.string()});
    expect_failed_run(run, dir);
    // The failures did quote the module's answers: the path under test was taken.
    EXPECT_TRUE(mentions(run, "+MQTTPSW:******")) << dir.output();
    EXPECT_TRUE(mentions(run, "+ALIDEVSEC:******")) << dir.output();
    const auto found = leaks(run);
    EXPECT_TRUE(found.empty()) << testing::PrintToString(found);
    const auto values = unredacted_values(run);
    EXPECT_TRUE(values.empty()) << testing::PrintToString(values);
    // A credential that nothing could recognise may still be quoted: reports are owner only.
    for (const char* name : {"junit.xml", "results.json", "report.html"}) {
        struct stat st {};
        ASSERT_EQ(::stat((dir.reports() / name).c_str(), &st), 0) << name;
        EXPECT_EQ(st.st_mode & 0777, 0600u) << name;
    }
    expect_no_orphans(dir);
}

TEST(SecretReadback, ValuesStoredByRejectedSetsAreRedactedEverywhere) {
    scratch_dir dir;
    const auto run = run_against(dir, {"--quirk=rejected-set-changes-value"});
    expect_failed_run(run, dir);
    const auto values = unredacted_values(run);
    EXPECT_TRUE(values.empty()) << testing::PrintToString(values);
    expect_no_orphans(dir);
}

} // namespace
} // namespace athil::faults
