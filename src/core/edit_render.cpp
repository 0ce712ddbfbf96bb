// Rendering what crm writes: TOML strings, new entries, a new customer file.

#include "crm/edit.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm {

namespace {

// Control characters TOML forbids raw in strings (tab and, in multi-line
// strings, newline are allowed).
bool needs_escape(unsigned char ch) {
    return (ch < 0x20 && ch != '\t') || ch == 0x7F;
}

void escape_control(std::string& out, unsigned char ch) {
    switch (ch) {
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\n':
        out += "\\n";
        break;
    default:
        out += fmt::format("\\u{:04X}", static_cast<unsigned>(ch));
    }
}

std::string basic_string(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        const auto ch = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += {'\\', c};
        else if (needs_escape(ch))
            escape_control(out, ch);
        else
            out += c;
    }
    return out + "\"";
}

// Quotes are kept raw for readability ("too heavy", she said) except where
// they would close the string: a third quote in a row, or quotes at the very
// end, next to the closing delimiter.
std::string multiline_string(std::string_view value, std::string_view eol) {
    std::string out = "\"\"\"";
    out += eol; // a newline right after the delimiter is not part of the value
    std::size_t trailing = value.size();
    while (trailing > 0 && value[trailing - 1] == '"')
        --trailing;
    int run = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const auto ch = static_cast<unsigned char>(c);
        if (c == '"' && (run == 2 || i >= trailing)) {
            out += "\\\"";
            run = 0;
            continue;
        }
        run = c == '"' ? run + 1 : 0;
        if (c == '\n')
            out += eol;
        else if (c == '\\')
            out += "\\\\";
        else if (needs_escape(ch))
            escape_control(out, ch);
        else
            out += c;
    }
    return out + "\"\"\"";
}

void key_line(std::string& out, const Layout& layout, std::string_view key,
              std::string_view value) {
    out += fmt::format("{}{} = {}{}", layout.key_indent, key, value, layout.eol);
}

} // namespace

std::string toml_string(std::string_view value, std::string_view eol) {
    if (value.find('\n') == std::string_view::npos)
        return basic_string(value);
    return multiline_string(value, eol);
}

std::string clean_note(std::string_view raw, bool strip_comments) {
    std::vector<std::string> lines;
    std::string line;
    for (std::size_t i = 0; i <= raw.size(); ++i) {
        const bool end = i == raw.size() || raw[i] == '\n' || raw[i] == '\r';
        if (!end) {
            line += raw[i];
            continue;
        }
        if (i + 1 < raw.size() && raw[i] == '\r' && raw[i + 1] == '\n')
            ++i; // CRLF is one line ending
        line.erase(line.find_last_not_of(" \t") + 1);
        if (!(strip_comments && line.starts_with('#')))
            lines.push_back(std::move(line));
        line.clear();
    }
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    const auto first =
        std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return !l.empty(); });
    return fmt::format("{}", fmt::join(first, lines.end(), "\n"));
}

std::string toml_list(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + toml_string(values[i]);
    return out + "]";
}

std::string toml_one_or_more(const std::vector<std::string>& values) {
    if (values.empty())
        return "";
    return values.size() == 1 ? toml_string(values.front()) : toml_list(values);
}

std::string toml_birthday(const MonthDay& b) {
    if (b.year)
        return fmt::format("{:04}-{:02}-{:02}", *b.year, b.month, b.day);
    return fmt::format("\"--{:02}-{:02}\"", b.month, b.day); // quoted: TOML has no yearless date
}

std::string toml_lunar(const LunarMonthDay& b) {
    return fmt::format("{{ month = {}, day = {}{} }}", b.month, b.day,
                       b.leap ? ", leap = true" : "");
}

std::string render_person(const Person& p, const Layout& layout) {
    std::string out = fmt::format("{}[[person]]{}", layout.header_indent, layout.eol);
    key_line(out, layout, "name", toml_string(p.name));
    if (!p.role.empty())
        key_line(out, layout, "role", toml_string(p.role));
    if (!p.phones.empty())
        key_line(out, layout, "phone", toml_one_or_more(p.phones));
    if (!p.emails.empty())
        key_line(out, layout, "email", toml_one_or_more(p.emails));
    if (p.birthday)
        key_line(out, layout, "birthday", toml_birthday(*p.birthday));
    if (p.lunar_birthday)
        key_line(out, layout, "lunar_birthday", toml_lunar(*p.lunar_birthday));
    if (!p.note.empty())
        key_line(out, layout, "note", toml_string(p.note, layout.eol));
    return out;
}

std::string render_log(const LogDraft& e, const Layout& layout) {
    std::string out = fmt::format("{}[[log]]{}", layout.header_indent, layout.eol);
    key_line(out, layout, "date", format_date(e.date));
    if (!e.by.empty())
        key_line(out, layout, "by", toml_string(e.by));
    if (!e.kind.empty())
        key_line(out, layout, "kind", toml_string(e.kind));
    if (!e.note.empty())
        key_line(out, layout, "note", toml_string(e.note, layout.eol));
    if (e.next)
        key_line(out, layout, "next", format_date(*e.next));
    if (e.done)
        key_line(out, layout, "done", "true");
    if (!e.why.empty())
        key_line(out, layout, "why", toml_string(e.why));
    if (!e.said.empty())
        key_line(out, layout, "said", toml_string(e.said, layout.eol));
    if (!e.themes.empty())
        key_line(out, layout, "themes", toml_list(e.themes));
    if (e.satisfaction)
        key_line(out, layout, "satisfaction", std::to_string(*e.satisfaction));
    if (!e.class_to.empty()) {
        key_line(out, layout, "class", toml_string(e.class_to));
        key_line(out, layout, "class_was", toml_string(e.class_was));
    }
    if (!e.owner_to.empty()) {
        key_line(out, layout, "owner", toml_string(e.owner_to));
        key_line(out, layout, "owner_was", toml_string(e.owner_was));
    }
    return out;
}

std::string render_payment(const PaymentDraft& p, const Layout& layout) {
    std::string out = fmt::format("{}[[payment]]{}", layout.header_indent, layout.eol);
    key_line(out, layout, "date", format_date(p.date));
    key_line(out, layout, "amount", format_money(p.amount));
    if (!p.by.empty())
        key_line(out, layout, "by", toml_string(p.by));
    if (!p.note.empty())
        key_line(out, layout, "note", toml_string(p.note, layout.eol));
    return out;
}

std::string render_plan(const PlanDraft& p, const Layout& layout) {
    std::string out = fmt::format("{}[[plan]]{}", layout.header_indent, layout.eol);
    key_line(out, layout, "date", format_date(p.date));
    key_line(out, layout, "kind", toml_string(p.kind));
    if (!p.with.empty())
        key_line(out, layout, "with", toml_list(p.with));
    if (!p.by.empty())
        key_line(out, layout, "by", toml_string(p.by));
    if (!p.note.empty())
        key_line(out, layout, "note", toml_string(p.note, layout.eol));
    return out;
}

std::string render_purchase(const PurchaseDraft& p, const Layout& layout) {
    std::string out = fmt::format("{}[[purchase]]{}", layout.header_indent, layout.eol);
    key_line(out, layout, "date", format_date(p.date));
    key_line(out, layout, "product", toml_string(p.product));
    key_line(out, layout, "qty", p.qty);
    key_line(out, layout, "price", format_money(p.price));
    if (p.paid)
        key_line(out, layout, "paid", format_money(*p.paid));
    if (!p.by.empty())
        key_line(out, layout, "by", toml_string(p.by));
    if (p.due)
        key_line(out, layout, "due", format_date(*p.due));
    if (!p.note.empty())
        key_line(out, layout, "note", toml_string(p.note, layout.eol));
    return out;
}

} // namespace crm
