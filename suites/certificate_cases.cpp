// AT+SSLCRT (MANUAL 2.19): set only, nothing can be read back, so its cases check the answer
// to each load: the three kinds accepted with real PEM, the limits, wrong kinds and non-PEM
// rejected, and the private key kept out of the transcript. Loaded content is dropped again
// with AT+Z (a certificate cannot be unloaded with a set form).

#include "certs/sslcrt_escape.hpp"
#include "certs/test_pki.hpp"
#include "harness/core/error.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/case_context.hpp"
#include "suites/command_cases.hpp"
#include "suites/value_model.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace athil::suites {
namespace {

struct pem_set {
    std::string ca_cert;
    std::string client_cert;
    std::string client_key;
    std::string spare_key; // sent where a certificate belongs: never the key of SecretRedacted
};

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Made once per run in a private temp folder that is removed at once: only the text stays.
const pem_set& test_pems() {
    static std::once_flag once;
    static pem_set pems;
    std::call_once(once, [] {
        auto pattern = (std::filesystem::temp_directory_path() / "athil-sslcrt-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw athil_error(errc::process_failed, "cannot create a temporary folder for PEM");
        }
        const std::filesystem::path dir(pattern);
        try {
            const auto pki = certs::generate_test_pki(dir / "pki");
            pems = {read_text(pki.ca_cert), read_text(pki.client_cert), read_text(pki.client_key),
                    read_text(pki.server_key)};
        } catch (...) {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
            throw;
        }
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    });
    return pems;
}

// The PEM of a kind, escaped as sent, padded in front with a text line to `length` bytes when
// asked (text before "-----BEGIN" is not part of the PEM block).
std::string content(const std::string& kind, std::size_t length = 0) {
    const auto& pems = test_pems();
    auto escaped = certs::escape_for_sslcrt(kind == "private_key" ? pems.client_key : pems.ca_cert);
    static constexpr std::string_view line_end = "[0D][0A]";
    if (length > escaped.size() + line_end.size()) {
        escaped = filler(length - escaped.size() - line_end.size(), "pad") + std::string(line_end) +
                  escaped;
    }
    return escaped;
}

std::string client_cert_content() {
    return certs::escape_for_sslcrt(test_pems().client_cert);
}

std::string load_line(const spec::command& cmd, std::string_view code, std::string_view text) {
    return "AT+" + cmd.name + "=" + std::string(code) + "," + std::string(text);
}

void expect_loaded(case_context& ctx, const std::string& line) {
    ctx.expect_ok(ctx.send(line), "valid PEM content is accepted");
    ctx.on_success([&ctx] {
        if (ctx.env().isolated) {
            ctx.restart(restart_kind::discard);
        } else {
            ctx.env().defer_restore(ctx.def().command); // until a case needs it unloaded
        }
    });
}

void expect_refused(case_context& ctx, const std::string& line) {
    ctx.expect_error(ctx.send(line), error_kind::invalid_parameter,
                     "invalid certificate content is rejected");
}

} // namespace

bool loads_certificates(const spec::command& cmd) {
    return cmd.parameters.size() == 2 && cmd.parameters[0].type == spec::param_type::enumeration &&
           cmd.parameters[1].type == spec::param_type::pem;
}

case_list certificate_cases(const spec::command& cmd) {
    case_list out;
    const auto* c = &cmd;
    const auto& code = cmd.parameters[0];
    const auto& body = cmd.parameters[1];
    const auto code_name = spec::camel_case(code.name);
    const auto body_name = spec::camel_case(body.name);
    for (std::size_t k = 0; k < code.values.size(); ++k) {
        const auto value = code.values[k].value;
        const auto kind = body.pem_kinds[k];
        out.push_back(command_case(cmd, "SetAccepts" + code_name + spec::value_label(value),
                                   code.name + " " + value + " accepts a PEM " + kind, body.tag,
                                   [c, value, kind, k](case_context& ctx) {
                                       // crt_code 1 is the client certificate: a leaf, not the CA
                                       const auto text = kind == "private_key" ? content(kind)
                                                         : k == 1 ? client_cert_content()
                                                                  : content(kind);
                                       expect_loaded(ctx, load_line(*c, value, text));
                                   }));
    }
    const auto first = code.values.front().value;
    const auto first_kind = body.pem_kinds.front();
    const auto max = static_cast<std::size_t>(body.max);
    out.push_back(
        command_case(cmd, "SetAccepts" + body_name + "Length" + std::to_string(max),
                     "content of exactly the maximum length is accepted",
                     spec::source_tag::reference, [c, first, first_kind, max](case_context& ctx) {
                         expect_loaded(ctx, load_line(*c, first, content(first_kind, max)));
                     }));
    out.push_back(
        command_case(cmd, "SetRejects" + body_name + "Length" + std::to_string(max + 1),
                     "content one byte over the maximum is rejected", spec::source_tag::manual,
                     [c, first, first_kind, max](case_context& ctx) {
                         expect_refused(ctx, load_line(*c, first, content(first_kind, max + 1)));
                     }));
    for (const auto& v : rejected_values(code)) {
        out.push_back(command_case(
            cmd, "SetRejects" + code_name + v.label, code.name + " " + v.text + " is rejected",
            spec::source_tag::manual, [c, v, first_kind](case_context& ctx) {
                expect_refused(ctx, load_line(*c, v.text, content(first_kind)));
            }));
    }
    out.push_back(command_case(cmd, "SetRejects" + body_name + "Empty", "empty content is rejected",
                               spec::source_tag::manual, [c, first](case_context& ctx) {
                                   expect_refused(ctx, load_line(*c, first, ""));
                               }));
    out.push_back(command_case(
        cmd, "SetRejectsMissingParameter", "a load without content is rejected",
        spec::source_tag::manual,
        [c, first](case_context& ctx) { expect_refused(ctx, "AT+" + c->name + "=" + first); }));
    out.push_back(command_case(cmd, "SetRejects" + body_name + "NotPem",
                               "content that is not PEM is rejected", spec::source_tag::reference,
                               [c, first](case_context& ctx) {
                                   expect_refused(ctx, load_line(*c, first, "hello[0D][0A]world"));
                               }));
    // Wrong kinds: a key where a certificate belongs and the other way round.
    for (std::size_t k = 0; k < code.values.size(); ++k) {
        const auto value = code.values[k].value;
        const auto wrong = body.pem_kinds[k] == "private_key" ? "certificate" : "private_key";
        out.push_back(
            command_case(cmd, "SetRejectsWrongKindFor" + code_name + spec::value_label(value),
                         code.name + " " + value + " rejects a PEM " + wrong,
                         spec::source_tag::reference, [c, value, wrong](case_context& ctx) {
                             std::string text = content(wrong);
                             if (std::string_view(wrong) == "private_key") {
                                 // Only AT+SSLCRT=2 content is redacted by itself: this key
                                 // is a secret of the run, kept out of transcripts and messages.
                                 text = certs::escape_for_sslcrt(test_pems().spare_key);
                                 ctx.session().log().register_secret(text);
                                 ctx.add_secret(text);
                             }
                             expect_refused(ctx, load_line(*c, value, text));
                         }));
    }
    if (body.secret) {
        for (std::size_t k = 0; k < code.values.size(); ++k) {
            if (body.pem_kinds[k] != "private_key") {
                continue;
            }
            const auto value = code.values[k].value;
            out.push_back(command_case(
                cmd, "SecretRedacted", "a loaded private key never appears in the transcript",
                spec::source_tag::manual, [c, value](case_context& ctx) {
                    const auto& key = test_pems().client_key;
                    // the base64 body line after the BEGIN line
                    const auto start = key.find('\n') + 1;
                    const auto probe = key.substr(start, 40);
                    const auto mark = ctx.session().log().mark();
                    const auto line = load_line(*c, value, content("private_key"));
                    ctx.add_secret(probe);
                    expect_loaded(ctx, line);
                    if (ctx.session().log().since(mark).find(probe) != std::string::npos) {
                        ctx.fail("the private key is redacted in the transcript",
                                 "AT+" + c->name + "=" + value + ",<key>", "no part of the key",
                                 "key text found in the transcript");
                    }
                }));
        }
    }
    return out;
}

} // namespace athil::suites
