#pragma once
// `crm due --format mail`: a complete RFC 5322 message for `sendmail -t`.
// Cron's own mail labels output US-ASCII, which garbles Chinese names; this
// message declares UTF-8 and uses transfer encodings that survive any MTA.
// Pure: the time the message is dated is an argument.

#include "agenda_text.hpp"
#include "crm/agenda.hpp"
#include "crm/diagnostic.hpp"

#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::render {

struct MailOptions {
    std::vector<std::string> to;     // each "addr" or "Name <addr>"; the To header
    std::optional<std::string> from; // the From header; sendmail supplies one when absent
    date::sys_seconds time;          // when the message is dated (UTC)
    int utc_offset_minutes = 0;      // the zone the Date header is written in
    GroupBy group = GroupBy::none;   // as for the text agenda
};

// The message, lines ending in "\n" (local submission to sendmail uses the
// system's newline; the MTA writes CRLF on the wire). Headers: From (when
// given), To, Date, Subject, MIME-Version, Content-Type, Content-Transfer-
// Encoding, Auto-Submitted. The body is the text agenda without colour,
// then any diagnostics, in quoted-printable.
std::string agenda_mail(const Agenda& agenda, const Settings& settings, const Diagnostics& ds,
                        const MailOptions& options);

// "crm: Mon 2026-11-23, 10 to contact: 周國強, 蔡宜君 and 8 more", before encoding.
std::string mail_subject(const Agenda& agenda);

// "Mon, 23 Nov 2026 06:00:00 +0800" (RFC 5322 section 3.3).
std::string rfc5322_date(date::sys_seconds time, int utc_offset_minutes);

// A header's value as it follows "Name: " (`name_length` columns used so far
// on the line): unchanged when it is printable ASCII and fits in 78 columns,
// else RFC 2047 encoded-words ("=?UTF-8?B?…?=") split between characters and
// folded so that no line passes 78 columns.
std::string encode_header_text(std::string_view value, std::size_t name_length);

// Whether `s` is an RFC 5322 addr-spec: "user@example.com",
// "\"john doe\"@example.com", "user@[192.0.2.1]".
bool addr_spec(std::string_view s);

// An address for To or From: "user@example.com" or "Name <user@example.com>",
// the part in angle brackets an addr-spec and nothing after them. ASCII
// addresses unchanged; a non-ASCII display name ("王小明 <ming@example.com>")
// encoded per RFC 2047. Nullopt when it cannot be sent: a line break, not an
// addr-spec ("me@exa mple.com", "me@example.com>"), or non-ASCII outside a
// display name.
std::optional<std::string> encode_address(std::string_view address);

// RFC 2045 quoted-printable with "\n" hard line breaks and soft breaks that
// keep every line within 76 columns. A leading "." or "From " is encoded too,
// so `sendmail` without -i and mbox readers leave the body alone.
std::string quoted_printable(std::string_view text);

} // namespace crm::render
