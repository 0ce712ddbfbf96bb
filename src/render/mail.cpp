#include "mail.hpp"

#include "crm/i18n.hpp"
#include "diagnostics.hpp"
#include "phrases.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace crm::render {

namespace {

// RFC 5322 recommends lines of at most 78 characters; RFC 2047 limits an
// encoded-word to 75. Quoted-printable lines stop at 76 with the soft "=".
constexpr std::size_t header_line_max = 78;
constexpr std::size_t qp_line_max = 76;
// "=?UTF-8?B?" + "?=": what every encoded-word spends besides its payload.
constexpr std::size_t encoded_word_overhead = 12;

bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
}

std::string base64(std::string_view bytes) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = 0;
        const std::size_t len = std::min<std::size_t>(3, bytes.size() - i);
        for (std::size_t k = 0; k < 3; ++k)
            n = (n << 8) | (k < len ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= len ? alphabet[(n >> (18 - 6 * k)) & 0x3f] : '=';
    }
    return out;
}

// The longest prefix of `s` of at most `max` bytes that ends between two
// UTF-8 characters: an encoded-word must hold whole characters (RFC 2047
// section 5), or decoders show replacement marks at the seams.
std::size_t whole_chars(std::string_view s, std::size_t max) {
    if (s.size() <= max)
        return s.size();
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return n == 0 ? max : n;
}

// Bytes of text that fit in one encoded-word on a line with `room` columns.
// Never less than six bytes, so that a four-byte character always fits.
std::size_t payload_for(std::size_t room) {
    const std::size_t chars = std::min<std::size_t>(room, 75);
    return chars < encoded_word_overhead + 8 ? 6 : (chars - encoded_word_overhead) / 4 * 3;
}

std::string encoded_words(std::string_view value, std::size_t used) {
    std::string out;
    std::size_t room = used < header_line_max ? header_line_max - used : 0;
    while (!value.empty()) {
        const std::size_t n = whole_chars(value, payload_for(room));
        if (!out.empty())
            out += "\n ";
        out += "=?UTF-8?B?" + base64(value.substr(0, n)) + "?=";
        value.remove_prefix(n);
        room = header_line_max - 1; // a folded line starts with one space
    }
    return out;
}

// Folds printable ASCII at spaces so that lines stay within 78 columns.
std::string folded_ascii(std::string_view value, std::size_t used) {
    std::string out;
    std::size_t column = used;
    while (!value.empty()) {
        const std::size_t space = value.find(' ', 1);
        const std::string_view word = value.substr(0, space);
        if (!out.empty() && column + word.size() > header_line_max) {
            out += '\n';
            column = 0;
        }
        out += word;
        column += word.size();
        value.remove_prefix(word.size());
    }
    return out;
}

std::string hex_byte(unsigned char b) {
    return fmt::format("={:02X}", b);
}

// One hard line of quoted-printable, soft-broken within 76 columns.
std::string qp_line(std::string_view line) {
    std::string out, current;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto b = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        const bool blank = b == ' ' || b == '\t';
        std::string token = (b >= 33 && b <= 126 && b != '=') || (blank && !last)
                                ? std::string(1, static_cast<char>(b))
                                : hex_byte(b);
        if (current.size() + token.size() > qp_line_max - 1) {
            out += current + "=\n";
            current.clear();
        }
        // A line of one "." ends the input of `sendmail` without -i, and mbox
        // readers escape "From " at a line's start: encode both.
        if (current.empty() && (b == '.' || b == 'F'))
            token = hex_byte(b);
        current += token;
    }
    return out + current;
}

std::string weekday_name(date::weekday wd) {
    static constexpr std::array<const char*, 7> names = {"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
    return names[wd.c_encoding()];
}

std::string month_name(date::month m) {
    static constexpr std::array<const char*, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[static_cast<unsigned>(m) - 1];
}

// "To: a@example.com, b@example.com", folded between addresses.
std::string address_list(const std::vector<std::string>& addresses, std::size_t used) {
    std::string out;
    std::size_t column = used;
    for (const std::string& raw : addresses) {
        const std::string a = encode_address(raw).value_or("");
        if (a.empty())
            continue;
        if (!out.empty()) {
            out += ',';
            const bool fits = column + 2 + a.size() <= header_line_max;
            out += fits ? " " : "\n ";
            column = fits ? column + 2 : 1;
        }
        out += a;
        column += a.size();
    }
    return out;
}

std::string body(const Agenda& agenda, const Settings& settings, const Diagnostics& ds,
                 GroupBy group) {
    // Never wrapped, never laid out for a terminal: mail has its own line
    // rules (quoted-printable soft breaks).
    TextOptions text_options;
    text_options.group = group;
    std::string text = agenda_text(agenda, settings, text_options);
    if (!ds.empty())
        text += std::string("\n") +
                tr("Problems in the ledger (files with errors are left out above):") + "\n" +
                diagnostics_text(ds);
    return text;
}

} // namespace

std::string mail_subject(const Agenda& agenda) {
    const std::string day = day_and_date(agenda.today, agenda.today);
    const SectionCounts n = count_sections(agenda);
    if (agenda.items.empty())
        return trf("crm: {}, nothing due", day);
    const std::size_t now = n.overdue + n.today;
    if (now == 0)
        return trnf("crm: {}, nothing today; {} coming, {} birthday",
                    "crm: {}, nothing today; {} coming, {} birthdays", n.birthdays, day, n.upcoming,
                    n.birthdays);
    // The first two of today's line: overdue first, big customers first
    // (the agenda puts the most late first, but a subject is read in a list
    // of mails, where the biggest customers are the ones to see).
    std::vector<const Item*> first;
    for (const Item& item : agenda.items)
        if (item.date == agenda.today)
            first.push_back(&item);
    std::stable_sort(first.begin(), first.end(), [](const Item* a, const Item* b) {
        if ((a->days_late > 0) != (b->days_late > 0))
            return a->days_late > 0;
        return a->value > b->value;
    });
    std::vector<std::string> names;
    for (std::size_t i = 0; i < first.size() && i < 2; ++i)
        names.push_back(first[i]->customer->name);
    std::string subject = trf("crm: {}, {} to contact", day, now);
    std::string listed;
    for (std::size_t i = 0; i < names.size(); ++i)
        listed += (i == 0 ? "" : tr(", ")) + names[i];
    if (!listed.empty())
        subject = trf("{}: {}", subject, listed);
    if (now > names.size())
        subject += trf(" and {} more", now - names.size());
    return subject;
}

std::string rfc5322_date(date::sys_seconds time, int utc_offset_minutes) {
    const auto local = time + std::chrono::minutes{utc_offset_minutes};
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss hms{local - day};
    const int offset = std::abs(utc_offset_minutes);
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} {}{:02}{:02}",
                       weekday_name(date::weekday{day}), static_cast<unsigned>(ymd.day()),
                       month_name(ymd.month()), static_cast<int>(ymd.year()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count(),
                       utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
}

std::string encode_header_text(std::string_view value, std::size_t name_length) {
    if (printable_ascii(value))
        return folded_ascii(value, name_length);
    return encoded_words(value, name_length);
}

namespace {

// RFC 5322's atext: the characters of an atom.
bool atext(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// dot-atom-text: atoms joined by single dots.
bool dot_atom(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c == '.' || atext(c); });
}

// A quoted-string local part, "john doe": printable ASCII, quotes and
// backslashes escaped.
bool quoted_local(std::string_view s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"')
        return false;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] < 0x20 || s[i] > 0x7E || s[i] == '"')
            return false;
        if (s[i] == '\\' && ++i + 1 >= s.size())
            return false;
    }
    return true;
}

} // namespace

// RFC 5322 section 3.4.1 addr-spec, without comments or folding: a dot-atom
// or quoted local part, '@', and a dot-atom domain or a [literal]. Written
// here rather than taken from a mail library (GMime, mailutils), which
// would bring GLib or a whole mail system for one check.
bool addr_spec(std::string_view s) {
    const std::size_t at = s.rfind('@');
    if (at == std::string_view::npos)
        return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    const bool literal =
        domain.size() > 2 && domain.front() == '[' && domain.back() == ']' &&
        printable_ascii(domain) &&
        domain.substr(1, domain.size() - 2).find_first_of("[]\\ ") == std::string_view::npos;
    return (dot_atom(local) || quoted_local(local)) && (dot_atom(domain) || literal);
}

std::optional<std::string> encode_address(std::string_view address) {
    if (address.find_first_of("\r\n") != std::string_view::npos || address.empty())
        return std::nullopt;
    const std::size_t open = address.rfind('<');
    if (open == std::string_view::npos) // a bare addr-spec
        return addr_spec(address) ? std::optional(std::string(address)) : std::nullopt;
    if (!address.ends_with('>') || !addr_spec(address.substr(open + 1, address.size() - open - 2)))
        return std::nullopt;
    if (printable_ascii(address))
        return std::string(address);
    std::string_view name = address.substr(0, open);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
    // Encoded-words in a phrase may not be quoted (RFC 2047 section 5).
    return encoded_words(name, 4) + " " + std::string(address.substr(open));
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    while (true) {
        const std::size_t end = text.find('\n');
        out += qp_line(text.substr(0, end));
        if (end == std::string_view::npos)
            return out;
        out += '\n';
        text.remove_prefix(end + 1);
    }
}

std::string agenda_mail(const Agenda& agenda, const Settings& settings, const Diagnostics& ds,
                        const MailOptions& options) {
    std::string out;
    if (options.from)
        out += "From: " + encode_address(*options.from).value_or("") + "\n";
    if (!options.to.empty())
        out += "To: " + address_list(options.to, 4) + "\n";
    out += "Date: " + rfc5322_date(options.time, options.utc_offset_minutes) + "\n";
    out += "Subject: " + encode_header_text(mail_subject(agenda), 9) + "\n";
    out += "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=UTF-8\n"
           "Content-Transfer-Encoding: quoted-printable\n"
           // RFC 3834: vacation responders do not answer a cron job.
           "Auto-Submitted: auto-generated\n"
           "\n";
    return out + quoted_printable(body(agenda, settings, ds, options.group));
}

} // namespace crm::render
