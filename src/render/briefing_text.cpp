#include "briefing_text.hpp"

#include "agenda_text.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::render {

namespace {

constexpr std::size_t label_width = 10; // "household" and a space
constexpr std::size_t note_indent = 4;  // notes go under their entry's date
// Below this many columns text would be a word per line: a terminal too
// narrow for the layout gets text this wide, and lines it cannot hold.
constexpr std::size_t min_text_width = 10;

std::string money_text(Money m, const Settings& s) {
    return s.currency.empty() ? format_money(m) : format_money(m) + " " + s.currency;
}

std::string days(int n) {
    return fmt::format("{} day{}", n, n == 1 ? "" : "s");
}

std::string day_and_date(Date d) {
    return weekday_abbrev(d) + " " + format_date(d);
}

// `prefix` then `text` (one line, already visible()), the text wrapped to
// the columns left after the prefix and its continuation lines indented
// under it. Without a width, one line.
std::string hanging(std::string_view prefix, std::string_view text, const BriefingTextOptions& o) {
    const std::size_t indent = display_width(prefix, Ambiguous::wide);
    const std::size_t width =
        o.width ? std::max(min_text_width, *o.width > indent ? *o.width - indent : 0) : 0;
    const std::vector<std::string> pieces = wrap(text, width, Ambiguous::wide);
    std::string out;
    for (std::size_t i = 0; i < pieces.size(); ++i)
        out += (i == 0 ? std::string(prefix) : std::string(indent, ' ')) + pieces[i] + "\n";
    return out;
}

// Text from the file indented by `indent`, one visible() line per line of
// it, each wrapped; blank lines stay blank and trailing ones are dropped.
void add_text(std::string& out, std::string_view text, std::size_t indent,
              const BriefingTextOptions& o) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.empty())
        return;
    const std::string pad(indent, ' ');
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r'))
            line.remove_suffix(1); // a CRLF file's line break, not a character of the note
        out += line.empty() ? "\n" : hanging(pad, visible(line), o);
        start = end + 1;
    }
}

void add_field(std::string& out, std::string_view label, const std::string& value,
               const BriefingTextOptions& o) {
    if (!value.empty())
        out += hanging("  " + pad_right(label, label_width), value, o);
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : ", ") + visible(w);
    return out;
}

std::string class_text(const Briefing& b) {
    const Customer& c = b.customer;
    if (c.class_name.empty())
        return "";
    if (!b.cadence)
        return visible(c.class_name) + " (not a class of crm.toml)";
    return visible(c.class_name) + ": " + cadence_text(*b.cadence);
}

std::string birthdays_text(const std::optional<MonthDay>& birthday,
                           const std::optional<LunarMonthDay>& lunar) {
    std::string out = birthday ? format_month_day(*birthday) : "";
    if (lunar)
        out += (out.empty() ? "lunar " : "; lunar ") + format_lunar(*lunar);
    return out;
}

std::string who(const Briefing& b, const BriefingTextOptions& o) {
    const Customer& c = b.customer;
    std::string out = hanging(
        "", c.name.empty() ? visible(c.id) : fmt::format("{} ({})", visible(c.name), visible(c.id)),
        o);
    add_field(out, "phone", joined(c.phones), o);
    add_field(out, "email", joined(c.emails), o);
    add_field(out, "region", visible(c.region), o);
    add_field(out, "class", class_text(b), o);
    add_field(out, "owner", visible(c.owner), o);
    add_field(out, "contacts", joined(c.contacts), o);
    add_field(out, "since", c.since ? format_date(*c.since) : "", o);
    add_field(out, "birthday", birthdays_text(c.birthday, c.lunar_birthday), o);
    add_field(out, "household", c.household > 1 ? std::to_string(c.household) : "", o);
    add_field(out, "payday", c.payday ? std::to_string(*c.payday) : "", o);
    add_field(out, "tags", joined(c.tags), o);
    return out;
}

// "李經理 (purchasing) · +886 2 2345 6789 · li@example.com · birthday
// 1976-05-02; lunar 8/15", then the note under it.
std::string people(const Briefing& b, const BriefingTextOptions& o) {
    if (b.customer.people.empty())
        return "";
    std::string out = "People\n";
    for (const Person& p : b.customer.people) {
        std::string line = visible(p.name);
        if (!p.role.empty())
            line += " (" + visible(p.role) + ")";
        for (const std::vector<std::string>* fields : {&p.phones, &p.emails})
            for (const std::string& field : *fields)
                if (!field.empty())
                    line += " · " + visible(field);
        if (const std::string born = birthdays_text(p.birthday, p.lunar_birthday); !born.empty())
            line += " · birthday " + born;
        out += hanging("  ", line, o);
        add_text(out, p.note, note_indent, o);
    }
    return out;
}

std::string titled_text(std::string_view title, const std::string& text,
                        const BriefingTextOptions& o) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return "";
    std::string out = std::string(title) + "\n";
    add_text(out, text, 2, o);
    return out;
}

// "message by amy, next Fri 2026-11-27", after the date.
std::string contact_text(const LogEntry& e) {
    std::string out = e.kind.empty() ? "contact" : visible(e.kind);
    if (!e.by.empty())
        out += " by " + visible(e.by);
    if (e.next)
        out += ", next " + day_and_date(*e.next);
    return out;
}

// What the customer said comes first: their reasons, in their words.
std::string words(const Briefing& b, const BriefingTextOptions& o) {
    const std::size_t total = b.words.size();
    if (total == 0)
        return "";
    const std::size_t shown = o.all ? total : std::min(total, o.recent);
    std::string title = "In their own words, newest first";
    if (shown < total)
        title += fmt::format(" (last {} of {}; --all for every one)", shown, total);
    std::string out = hanging("", title, o);
    for (std::size_t k = 0; k < shown; ++k) {
        const LogEntry& e = b.customer.logs[b.words[k]];
        std::string about = e.why.empty() ? "" : "why " + visible(e.why);
        if (!e.themes.empty())
            about += (about.empty() ? "" : ": ") + joined(e.themes);
        out += hanging("  " + format_date(e.date) + "  ", about.empty() ? "said" : about, o);
        add_text(out, "“" + e.said + "”", note_indent, o);
    }
    return out;
}

// "Satisfaction 4 → 4 → 2, falling (last 2026-11-20)": the trend of the
// scores, oldest to newest, the last six at most.
std::string scores(const Briefing& b, const BriefingTextOptions& o) {
    if (b.scores.empty())
        return "";
    const std::size_t from = b.scores.size() > 6 ? b.scores.size() - 6 : 0;
    std::string trend;
    for (std::size_t k = from; k < b.scores.size(); ++k)
        trend += (trend.empty() ? "" : " → ") +
                 std::to_string(*b.customer.logs[b.scores[k]].satisfaction);
    const LogEntry& last = b.customer.logs[b.scores.back()];
    std::string direction;
    if (b.scores.size() > 1) {
        const unsigned before = *b.customer.logs[b.scores[b.scores.size() - 2]].satisfaction;
        direction = *last.satisfaction > before   ? ", rising"
                    : *last.satisfaction < before ? ", falling"
                                                  : ", steady";
    }
    return hanging("",
                   fmt::format("Satisfaction {}{} (last {}, out of 5)", trend, direction,
                               format_date(last.date)),
                   o);
}

std::string contacts(const Briefing& b, const BriefingTextOptions& o) {
    const std::size_t total = b.contacts.size();
    if (total == 0)
        return "";
    const std::size_t shown = o.all ? total : std::min(total, o.recent);
    std::string title = "Contacts, newest first";
    if (shown < total)
        title += fmt::format(" (last {} of {}; --all for every one)", shown, total);
    std::string out = hanging("", title, o);
    for (std::size_t k = 0; k < shown; ++k) {
        const LogEntry& e = b.customer.logs[b.contacts[k]];
        out += hanging("  " + format_date(e.date) + "  ", contact_text(e), o);
        add_text(out, e.note, note_indent, o);
    }
    return out;
}

// "rice-10kg × 2, 1200 TWD, paid 600, by amy", after the date.
std::string purchase_text(const Purchase& p, const Settings& s) {
    std::string out =
        fmt::format("{} × {}, {}, paid {}", p.product.empty() ? "(no product)" : visible(p.product),
                    format_qty(p.qty), money_text(p.price, s), format_money(p.paid));
    if (p.due)
        out += ", due " + format_date(*p.due);
    if (!p.by.empty())
        out += ", by " + visible(p.by);
    return out;
}

std::string purchases(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.purchases.empty())
        return "";
    std::string out = "Purchases\n";
    for (const std::size_t i : b.purchases) {
        const Purchase& p = b.customer.purchases[i];
        out += hanging("  " + format_date(p.date) + "  ", purchase_text(p, s), o);
        add_text(out, p.note, note_indent, o);
    }
    return out;
}

std::string_view from_text(Collection::From from) {
    switch (from) {
    case Collection::From::due:
        return "due date";
    case Collection::From::payday:
        return "payday";
    case Collection::From::purchase:
        break;
    }
    return "day of purchase";
}

std::string owed(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.balance < Money{})
        return fmt::format("Credit {} (paid more than bought)\n",
                           money_text(Money{} - b.balance, s));
    if (b.collections.empty())
        return "";
    std::string out = fmt::format("Owes {}\n", money_text(b.balance, s));
    for (const Collection& c : b.collections) {
        const Purchase& p = b.customer.purchases[c.purchase];
        const std::string what = p.product.empty() ? "the purchase" : visible(p.product);
        out +=
            hanging("  ",
                    fmt::format("{} on {} ({}), for {} of {}", money_text(c.amount, s),
                                day_and_date(c.on), from_text(c.from), what, format_date(p.date)),
                    o);
    }
    return out;
}

std::string runouts(const Briefing& b, const BriefingTextOptions& o) {
    if (b.runouts.empty())
        return "";
    std::size_t width = 0;
    for (const Runout& r : b.runouts)
        width = std::max(width, display_width(visible(r.product)));
    std::string out = "Run-outs\n";
    for (const Runout& r : b.runouts) {
        std::string split = format_qty(r.units) + " bought";
        if (r.divided_by > 1)
            split += fmt::format(", for {} people", r.divided_by);
        out += hanging("  " + pad_right(visible(r.product), width) + "  ",
                       fmt::format("{} {}, warned from {} ({})",
                                   r.runs_out < b.today ? "ran out" : "runs out",
                                   day_and_date(r.runs_out), day_and_date(r.warn_from), split),
                       o);
    }
    return out;
}

std::string coming(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.coming.empty())
        return "";
    std::string out = "Coming\n";
    for (const Reason& r : b.coming) {
        std::string text = visible(r.text);
        if (r.days_late > 0)
            text += is_late(r, b.customer, s) ? fmt::format(" ({} late)", days(r.days_late))
                                              : fmt::format(" (due {} ago)", days(r.days_late));
        out += hanging(
            fmt::format("  {}  {}  ", day_and_date(r.date), pad_right(kind_name(r.kind), 9)), text,
            o);
    }
    return out;
}

} // namespace

std::string briefing_text(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    const std::string value =
        b.value == Money{} ? "" : fmt::format("Lifetime value {}\n", money_text(b.value, s));
    const std::string parts[] = {who(b, o),
                                 words(b, o) + scores(b, o),
                                 people(b, o),
                                 titled_text("Prefers", b.customer.prefers, o),
                                 titled_text("Notes", b.customer.notes, o),
                                 contacts(b, o),
                                 purchases(b, s, o),
                                 owed(b, s, o),
                                 runouts(b, o),
                                 value,
                                 coming(b, s, o)};
    std::string out;
    for (const std::string& part : parts)
        if (!part.empty())
            out += (out.empty() ? "" : "\n") + part;
    return out;
}

} // namespace crm::render
