// Real TLS handshakes with the generated PKI between two programs that share no code with it:
// `openssl s_server` serves an HTTP status page, `openssl s_client` fetches it while verifying.
#include "certs/test_pki.hpp"

#include "harness/process/child_process.hpp"
#include "scoped_temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace athil::certs {
namespace {

using namespace std::chrono_literals;

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `openssl <args>` through sh so stdin can come from a file (s_client otherwise reads the
// test's own stdin). `exec` keeps openssl itself as the child, in the child's process group.
process::child spawn_openssl(const std::vector<std::string>& args,
                             const std::filesystem::path& stdin_path,
                             const std::filesystem::path& output_path, bool capture) {
    std::string command = "exec openssl";
    for (const auto& arg : args) {
        command += " " + quoted(arg);
    }
    command += " <" + quoted(stdin_path.string());
    process::spawn_options options;
    options.argv = {"sh", "-c", command};
    if (capture) {
        options.capture_stdout = true;
    } else {
        options.stdout_path = output_path;
    }
    options.stderr_path = output_path.string() + ".err";
    return process::child::spawn(options);
}

struct client_result {
    int exit_code = -1;
    std::string output; // stdout and stderr
    bool got_page() const { return output.find("HTTP/1.0 200 ok") != std::string::npos; }
};

class TlsHandshake : public ::testing::Test {
protected:
    void SetUp() override {
        pki_ = generate_test_pki(dir_.path() / "pki");
        request_ = dir_.path() / "request.txt";
        std::ofstream(request_) << "GET / HTTP/1.0\r\n\r\n";
        empty_ = dir_.path() / "empty.txt";
        std::ofstream{empty_};
    }

    // Starts s_server on a port the kernel picks and returns that port.
    std::string start_server(const std::filesystem::path& cert, const std::filesystem::path& key,
                             std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"s_server", "-accept",     "127.0.0.1:0", "-www",
                                      "-cert",    cert.string(), "-key",        key.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        server_.emplace(spawn_openssl(args, empty_, dir_.path() / "server.log", true));
        const std::regex accept_line(R"(ACCEPT 127\.0\.0\.1:(\d+))");
        const auto until = deadline_in(10s);
        while (auto line = server_->read_stdout_line(until)) {
            std::smatch match;
            if (std::regex_search(*line, match, accept_line)) {
                server_->close_stdout();
                return match[1].str();
            }
        }
        throw std::runtime_error("s_server did not start: " +
                                 read_all(dir_.path() / "server.log.err"));
    }

    client_result fetch(const std::string& port, const std::filesystem::path& ca,
                        std::vector<std::string> extra = {}) {
        const auto output = dir_.path() / ("client-" + std::to_string(++clients_) + ".log");
        std::vector<std::string> args{"s_client",         "-connect",  "127.0.0.1:" + port,
                                      "-CAfile",          ca.string(), "-verify_return_error",
                                      "-verify_hostname", "localhost", "-servername",
                                      "localhost",        "-ign_eof"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto client = spawn_openssl(args, request_, output, false);
        const auto code = client.wait(deadline_in(20s));
        if (!code) {
            client.kill();
        }
        return {code.value_or(-1), read_all(output) + read_all(output.string() + ".err")};
    }

    test::scoped_temp_dir dir_{"athil-tls"};
    test_pki pki_;
    std::filesystem::path request_, empty_;
    std::optional<process::child> server_;
    int clients_ = 0;
};

TEST_F(TlsHandshake, ClientTrustingTheCaVerifiesTheServer) {
    const auto port = start_server(pki_.server_cert, pki_.server_key);
    const auto result = fetch(port, pki_.ca_cert);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("Verify return code: 0 (ok)"), std::string::npos) << result.output;
    EXPECT_TRUE(result.got_page()) << result.output;
}

TEST_F(TlsHandshake, ClientTrustingTheRogueCaRefusesTheServer) {
    const auto port = start_server(pki_.server_cert, pki_.server_key);
    const auto result = fetch(port, pki_.rogue_ca_cert);
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_FALSE(result.got_page()) << result.output;
}

TEST_F(TlsHandshake, RogueServerIsRefusedByAClientTrustingTheCa) {
    const auto port = start_server(pki_.rogue_server_cert, pki_.rogue_server_key);
    const auto result = fetch(port, pki_.ca_cert);
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("unable to get local issuer certificate"), std::string::npos)
        << result.output;
    EXPECT_FALSE(result.got_page());
}

TEST_F(TlsHandshake, ExpiredServerIsRefused) {
    const auto port = start_server(pki_.expired_server_cert, pki_.expired_server_key);
    const auto result = fetch(port, pki_.ca_cert);
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("certificate has expired"), std::string::npos) << result.output;
    EXPECT_FALSE(result.got_page());
}

TEST_F(TlsHandshake, MutualTlsNeedsTheClientCertificate) {
    const auto port = start_server(pki_.server_cert, pki_.server_key,
                                   {"-Verify", "1", "-CAfile", pki_.ca_cert.string()});
    const auto with_cert = fetch(
        port, pki_.ca_cert, {"-cert", pki_.client_cert.string(), "-key", pki_.client_key.string()});
    EXPECT_EQ(with_cert.exit_code, 0) << with_cert.output;
    EXPECT_TRUE(with_cert.got_page()) << with_cert.output;
    const auto without = fetch(port, pki_.ca_cert);
    EXPECT_FALSE(without.got_page()) << without.output;
}

// `openssl verify` as a second, independent reading of the chain rules.
TEST_F(TlsHandshake, OpensslVerifyAgrees) {
    const auto verify = [&](const std::filesystem::path& cert) {
        const auto output = dir_.path() / ("verify-" + cert.filename().string());
        auto child = spawn_openssl({"verify", "-CAfile", pki_.ca_cert.string(), cert.string()},
                                   empty_, output, false);
        const auto code = child.wait(deadline_in(20s));
        return std::pair{code.value_or(-1), read_all(output) + read_all(output.string() + ".err")};
    };
    EXPECT_EQ(verify(pki_.server_cert).first, 0);
    EXPECT_EQ(verify(pki_.client_cert).first, 0);
    const auto expired = verify(pki_.expired_server_cert);
    EXPECT_NE(expired.first, 0);
    EXPECT_NE(expired.second.find("certificate has expired"), std::string::npos) << expired.second;
    EXPECT_NE(verify(pki_.rogue_server_cert).first, 0);
}

} // namespace
} // namespace athil::certs
