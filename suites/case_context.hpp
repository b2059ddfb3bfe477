#pragma once
// The toolbox of one running case: send commands through the session, compare what came back
// with the manual, and fail with a message that quotes the clause, what was sent, what was
// expected and the bytes received (escaped, secrets redacted).

#include "harness/core/redactor.hpp"
#include "suites/case_def.hpp"
#include "suites/run_environment.hpp"

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace athil::suites {

// What a failed check says, as fields (redacted, bytes escaped): the report model keeps them
// apart, so no report has to take them back out of the message text.
struct failed_check_fields {
    std::string what;      // "qos 3"
    std::string sent;      // "AT+MQTTPUBTP=1,1,/a,3,0"
    std::string expected;  // "ERROR"
    std::string received;  // "\r\nOK\r\n"
    std::string statement; // the MQTT statement the wire monitor found broken, else empty
};

// Thrown by a failing check; the case wrapper turns it into a failure or a known deviation.
// what() is the full text (clause, what, sent, expected, received on their own lines).
class check_failure : public std::runtime_error {
public:
    check_failure(const std::string& text, failed_check_fields fields)
        : std::runtime_error(text)
        , fields_(std::move(fields)) {}
    const failed_check_fields& fields() const { return fields_; }

private:
    failed_check_fields fields_;
};

enum class error_kind { unknown_command, invalid_parameter };
enum class restart_kind { save, discard, factory }; // AT+S, AT+Z, AT+CLEAR

class case_context {
public:
    case_context(run_environment& env, const case_def& def);

    run_environment& env() { return env_; }
    session::module_session& session() { return *env_.session; }
    const spec::profile& profile() const { return env_.profile; }
    const spec::manual& manual() const { return env_.manual; }
    const case_def& def() const { return def_; }

    session::at_response send(const std::string& line);
    void expect_ok(const session::at_response& r, std::string_view what);
    void expect_error(const session::at_response& r, error_kind kind, std::string_view what);
    void expect_lines(const session::at_response& r, const std::vector<std::string>& expected,
                      std::string_view what);
    // Sends the query (AT+X? when the command has that form, else AT+X), expects OK, and
    // returns the lines before the final result.
    std::vector<std::string> query(const spec::command& cmd);
    std::string query_line(const spec::command& cmd, bool question) const;
    // Writes bytes as they are (no line end added) and returns what arrives until the line has
    // been quiet for the profile's quiet time (bounded by the command timeout).
    std::string raw_exchange(std::string_view bytes);
    // Every byte received since `mark`, unrendered (the transcript is flushed first).
    std::string received_since(const session::transcript_mark& mark);
    // The silence the +++ escape needs before (and after) it.
    void guard_silence();
    // Restarts and comes back to command mode; the restart's own answer must be OK.
    void restart(restart_kind kind);

    // Commands whose set form this case sent through send() ("MQTTVER"), in order, repeats
    // kept: what a cleanup writes back.
    const std::vector<std::string>& changed_commands() const { return changed_; }

    // A value never to be printed again in this run (run_redactor()).
    void add_secret(std::string value);
    // Runs after the body passed, in reverse order: puts back what the case changed.
    void on_success(std::function<void()> restore) { restores_.push_back(std::move(restore)); }
    void run_restores();

    [[noreturn]] void fail(std::string_view what, std::string_view sent, std::string_view expected,
                           std::string_view received);
    std::string expected_error_text(error_kind kind) const;

private:
    run_environment& env_;
    const case_def& def_;
    std::vector<std::function<void()>> restores_;
    std::vector<std::string> changed_;
    redactor case_secrets_; // the short ones of add_secret()
};

// Lines joined for messages: "+X:a" "b" -> "+X:a<CR><LF>b".
std::string join_lines(const std::vector<std::string>& lines);

} // namespace athil::suites
