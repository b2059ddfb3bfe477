#pragma once
// The one-line form AT+SSLCRT takes for PEM content (MANUAL 2.19): line breaks become the
// vendor notation [0D][0A], and the characters that would end or confuse an AT parameter
// (',' '=' '?') become [2C] [3D] [3F]. Pure text functions, no I/O.

#include <string>
#include <string_view>

namespace athil::certs {

// Every line break (LF or CR LF) becomes [0D][0A], so the module always receives CR LF line
// ends; a lone CR becomes [0D]. ',' '=' '?' and '[' (so the result unescapes unambiguously),
// and any other control or non-ASCII byte, become [XX] with upper-case hex.
std::string escape_for_sslcrt(std::string_view pem);

// The inverse: every [XX] with two hex digits (either case) becomes that byte; anything else,
// including a '[' that does not start such a group, is kept as it is.
// unescape_sslcrt(escape_for_sslcrt(t)) == t for any t whose line breaks are CR LF.
std::string unescape_sslcrt(std::string_view escaped);

} // namespace athil::certs
