// No configured secret leaves a run in clear: one `athil run` over the credential commands
// (2.11 password, 2.15 Alibaba Cloud device secret, 2.19 certificates and private keys), the
// TLS cases (2.20), the section-3 connect cases (the rig's broker password) and Alibaba Cloud
// (3.2), with --keep and -v, then every output is searched for every secret: stdout, stderr
// (the live transcript), junit.xml, report.html, results.json and everything under logs/.
//
// The secrets are taken from where they really were configured, not from a list kept here:
// the simulator's raw wire log (outside the report folder: the module side of the line, which
// must see them) gives every AT+MQTTPSW / AT+ALIDEVSEC value and every private key loaded
// with AT+SSLCRT; the rig's own private keys are read from its run folder while the run is
// going, which also checks their permissions (0600 in a 0700 folder).

#include "tests/faults/fault_run.hpp"
#include "tests/faults/report_check.hpp"
#include "tests/security/secret_forms.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <thread>

namespace athil::faults {
namespace {

namespace fs = std::filesystem;

constexpr auto run_bound = 600s;
const char* const selection = "S2_11_*:S2_15_*:S2_19_*:S2_20_*:S3_1_Connect.*:S3_2_*";

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

struct rig_key {
    fs::path file;
    std::string pem;
    unsigned mode = 0;
    unsigned folder_mode = 0; // the rig's run folder
};

// One shared run: it takes about a minute, and every test below judges a part of it.
class secret_leak : public testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<scratch_dir>();
        launch_options o;
        o.args = {"run",
                  "--report-dir",
                  dir_->reports().string(),
                  "--filter",
                  selection,
                  "--keep",
                  "-v",
                  "--sim-arg=--log=" + (dir_->path() / "wire.log").string()};
        o.split_stderr = true;
        launched run(*dir_, ATHIL_EXE, o);
        // The rig's keys exist only while the run goes: read them as soon as they appear.
        const auto until = clock_type::now() + run_bound;
        while (!status_ && clock_type::now() < until) {
            collect_rig_keys();
            status_ = run.wait(200ms);
        }
    }
    static void TearDownTestSuite() {
        dir_.reset();
        keys_.clear();
        status_.reset();
    }

    static void collect_rig_keys() {
        std::error_code ec;
        for (const auto& rig : fs::directory_iterator(dir_->tmp(), ec)) {
            std::error_code inner;
            for (const auto& f : fs::recursive_directory_iterator(rig.path(), inner)) {
                const auto name = f.path().filename().string();
                if (name.find("key") == std::string::npos || keys_.count(f.path()) != 0) {
                    continue;
                }
                // Modes first: a folder removed meanwhile (stat fails, mode 0) is skipped.
                const auto mode = mode_of(f.path());
                const auto folder_mode = mode_of(rig.path());
                auto pem = read_all(f.path());
                if (mode == 0 || folder_mode == 0 ||
                    pem.find("PRIVATE KEY-----") == std::string::npos) {
                    continue; // gone, not yet written, or not a key
                }
                keys_[f.path()] = {f.path(), std::move(pem), mode, folder_mode};
            }
        }
    }

    // Every output of the run a user or a dashboard may see, by name.
    static std::map<std::string, std::string> outputs() {
        std::map<std::string, std::string> out{{"stdout", read_all(dir_->output_file())},
                                               {"stderr", read_all(dir_->error_file())}};
        for (const auto& f : fs::recursive_directory_iterator(dir_->reports())) {
            if (f.is_regular_file()) {
                out[fs::relative(f.path(), dir_->reports()).string()] = read_all(f.path());
            }
        }
        return out;
    }

    static std::vector<secret> configured_secrets() {
        auto found = secrets_in_wire_log(read_all(dir_->path() / "wire.log"));
        for (const auto& [path, key] : keys_) {
            for (auto& s : secrets_of_pem(key.pem, "rig key " + path.filename().string())) {
                found.push_back(std::move(s));
            }
        }
        found.push_back({"rig broker password", "athil-Pass-7"});
        found.push_back({"rig Alibaba Cloud device secret", "athilDeviceSecret0123456789abcd"});
        return found;
    }

    // Hits of the secrets in the named outputs ("stderr: 2.11 password in base64").
    static std::vector<std::string> leaks(const std::set<std::string>& only,
                                          const std::set<std::string>& except) {
        std::vector<std::string> hits;
        const auto secrets = configured_secrets();
        for (const auto& [name, text] : outputs()) {
            if ((!only.empty() && only.count(name) == 0) || except.count(name) != 0) {
                continue;
            }
            for (const auto& s : secrets) {
                for (const auto& [form, bytes] : forms_of(s.value)) {
                    if (text.find(bytes) != std::string::npos) {
                        hits.push_back(name + ": " + s.what + " (" + form + ")");
                    }
                }
            }
            if (text.find("PRIVATE KEY-----") != std::string::npos) {
                hits.push_back(name + ": a PEM private key block");
            }
        }
        return hits;
    }

    static void expect_run_passed() {
        ASSERT_TRUE(status_.has_value()) << "the run did not end\n" << dir_->output();
        ASSERT_TRUE(WIFEXITED(*status_) && WEXITSTATUS(*status_) == 0)
            << describe_status(*status_) << "\n"
            << dir_->output();
    }

    static std::unique_ptr<scratch_dir> dir_;
    static std::map<fs::path, rig_key> keys_;
    static std::optional<int> status_;
};

std::unique_ptr<scratch_dir> secret_leak::dir_;
std::map<fs::path, rig_key> secret_leak::keys_;
std::optional<int> secret_leak::status_;

// The oracle itself: the run configured what this test believes it did.
TEST_F(secret_leak, SecretsWereConfigured) {
    expect_run_passed();
    const auto secrets = configured_secrets();
    std::set<std::string> kinds;
    for (const auto& s : secrets) {
        kinds.insert(s.what.substr(0, s.what.find(' ')));
    }
    EXPECT_TRUE(kinds.count("2.11") && kinds.count("2.15") && kinds.count("2.19") &&
                kinds.count("rig"))
        << testing::PrintToString(kinds);
    EXPECT_GE(keys_.size(), 5u) << "the rig's private keys were never seen";
    for (const char* out : {"junit.xml", "report.html", "results.json", "logs/simulator.log"}) {
        EXPECT_TRUE(outputs().count(out)) << out << " missing";
    }
}

TEST_F(secret_leak, NoSecretInReportsLogsOrStdout) {
    expect_run_passed();
    const auto hits = leaks({}, {"stderr"});
    EXPECT_TRUE(hits.empty()) << testing::PrintToString(hits);
}

// The -v live transcript too, including the private key that the 2.19 wrong-kind cases send
// as a certificate (AT+SSLCRT=0,<key>).
TEST_F(secret_leak, NoSecretInLiveTranscript) {
    expect_run_passed();
    const auto hits = leaks({"stderr"}, {});
    EXPECT_TRUE(hits.empty()) << testing::PrintToString(hits);
}

// The live transcript apart from private keys: passwords and device secrets stay redacted.
TEST_F(secret_leak, NoPasswordOrDeviceSecretInLiveTranscript) {
    expect_run_passed();
    std::vector<std::string> hits;
    for (const auto& h : leaks({"stderr"}, {})) {
        if (h.find("key") == std::string::npos && h.find("PEM") == std::string::npos) {
            hits.push_back(h);
        }
    }
    EXPECT_TRUE(hits.empty()) << testing::PrintToString(hits);
}

TEST_F(secret_leak, RigPrivateKeysAreOwnerOnlyInAnOwnerOnlyFolder) {
    expect_run_passed();
    ASSERT_FALSE(keys_.empty());
    for (const auto& [path, key] : keys_) {
        EXPECT_EQ(key.mode, 0600u) << path;
        EXPECT_EQ(key.folder_mode, 0700u) << path.parent_path();
    }
}

TEST_F(secret_leak, NothingLeftBehind) {
    expect_run_passed();
    expect_no_orphans(*dir_);
    expect_no_temp_folders(*dir_);
}

} // namespace
} // namespace athil::faults
