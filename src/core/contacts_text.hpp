#pragma once
// Small text helpers the contact readers share.

#include <string>
#include <string_view>

namespace crm::detail {

// `s` without spaces, tabs and line endings around it.
std::string_view trim_text(std::string_view s);

// CRLF and lone CR as '\n'.
std::string normalise_newlines(std::string_view s);

// Whether `s` holds a Han, kana or hangul character: such a name is written
// family name first, without a space.
bool has_cjk(std::string_view s);

// Whether an encoding name means UTF-8 (or its ASCII subset).
bool is_utf8_name(std::string_view charset);

// Converts `s` from `charset` to UTF-8 in place with iconv; false when the
// charset is unknown or `s` is not valid in it.
bool to_utf8(std::string& s, const std::string& charset);

} // namespace crm::detail

namespace crm {
using detail::has_cjk;
using detail::is_utf8_name;
using detail::normalise_newlines;
using detail::to_utf8;
using detail::trim_text;
} // namespace crm
