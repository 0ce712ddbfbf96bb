#include "briefing_text.hpp"

#include "agenda_text.hpp"
#include "crm/i18n.hpp"
#include "crm/spoken.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"

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
        return trf("{} (not a class of crm.toml)", visible(c.class_name));
    return trf("{}: {}", visible(c.class_name), cadence_text(*b.cadence));
}

std::string birthdays_text(const std::optional<MonthDay>& birthday,
                           const std::optional<LunarMonthDay>& lunar) {
    std::string out = birthday ? format_month_day(*birthday) : "";
    if (lunar)
        out += out.empty() ? trf("lunar {}", spoken_lunar(lunar->month, lunar->day, lunar->leap))
                           : trf("; lunar {}", spoken_lunar(lunar->month, lunar->day, lunar->leap));
    return out;
}

std::string who(const Briefing& b, const BriefingTextOptions& o) {
    const Customer& c = b.customer;
    std::string out = hanging(
        "", c.name.empty() ? visible(c.id) : trf("{} ({})", visible(c.name), visible(c.id)), o);
    add_field(out, tr("phone"), joined(c.phones), o);
    add_field(out, tr("email"), joined(c.emails), o);
    add_field(out, tr("region"), visible(c.region), o);
    add_field(out, tr("class"), class_text(b), o);
    add_field(out, tr("owner"), visible(c.owner), o);
    add_field(out, tr("contacts"), joined(c.contacts), o);
    add_field(out, tr("since"), c.since ? spoken_date(*c.since, b.today) : "", o);
    add_field(out, tr("birthday"), birthdays_text(c.birthday, c.lunar_birthday), o);
    add_field(out, tr("household"), c.household > 1 ? std::to_string(c.household) : "", o);
    add_field(out, tr("payday"), c.payday ? std::to_string(*c.payday) : "", o);
    add_field(out, tr("tags"), joined(c.tags), o);
    return out;
}

// "李經理 (purchasing) · +886 2 2345 6789 · li@example.com · birthday
// 1976-05-02; lunar 8/15", then the note under it.
std::string people(const Briefing& b, const BriefingTextOptions& o) {
    if (b.customer.people.empty())
        return "";
    std::string out = tr("People") + std::string("\n");
    for (const Person& p : b.customer.people) {
        std::string line = visible(p.name);
        if (!p.role.empty())
            line += " (" + visible(p.role) + ")";
        for (const std::vector<std::string>* fields : {&p.phones, &p.emails})
            for (const std::string& field : *fields)
                if (!field.empty())
                    line += " · " + visible(field);
        if (const std::string born = birthdays_text(p.birthday, p.lunar_birthday); !born.empty())
            line += trf(" · birthday {}", born);
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
std::string contact_text(const LogEntry& e, Date today) {
    std::string out = e.kind.empty() ? tr("contact") : log_kind_label(e.kind);
    if (!e.by.empty())
        out = trf("{} by {}", out, visible(e.by));
    if (e.next)
        out += trf(", next {}", day_and_date(*e.next, today));
    return out;
}

// "why buy"; a question crm does not know as it is written.
std::string why_label(const std::string& why) {
    if (why == "buy")
        return tr("why buy");
    if (why == "keep")
        return tr("why keep");
    if (why == "stop")
        return tr("why stop");
    return "why " + visible(why);
}

// What the customer said comes first: their reasons, in their words.
std::string words(const Briefing& b, const BriefingTextOptions& o) {
    const std::size_t total = b.words.size();
    if (total == 0)
        return "";
    const std::size_t shown = o.all ? total : std::min(total, o.recent);
    std::string title = tr("In their own words, newest first");
    if (shown < total)
        title += trf(" (last {} of {}; --all for every one)", shown, total);
    std::string out = hanging("", title, o);
    for (std::size_t k = 0; k < shown; ++k) {
        const LogEntry& e = b.customer.logs[b.words[k]];
        std::string about = e.why.empty() ? "" : why_label(e.why);
        if (!e.themes.empty())
            about = about.empty() ? joined(e.themes) : trf("{}: {}", about, joined(e.themes));
        out += hanging("  " + format_date(e.date) + "  ", about.empty() ? tr("said") : about, o);
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
        direction = *last.satisfaction > before   ? tr(", rising")
                    : *last.satisfaction < before ? tr(", falling")
                                                  : tr(", steady");
    }
    return hanging(
        "", trf("Satisfaction {}{} (last {}, out of 5)", trend, direction, format_date(last.date)),
        o);
}

std::string contacts(const Briefing& b, const BriefingTextOptions& o) {
    const std::size_t total = b.contacts.size();
    if (total == 0)
        return "";
    const std::size_t shown = o.all ? total : std::min(total, o.recent);
    std::string title = tr("Contacts, newest first");
    if (shown < total)
        title += trf(" (last {} of {}; --all for every one)", shown, total);
    std::string out = hanging("", title, o);
    for (std::size_t k = 0; k < shown; ++k) {
        const LogEntry& e = b.customer.logs[b.contacts[k]];
        out += hanging("  " + format_date(e.date) + "  ", contact_text(e, b.today), o);
        add_text(out, e.note, note_indent, o);
    }
    return out;
}

// "rice-10kg × 2, 1200 TWD, paid 600, by amy", after the date.
std::string purchase_text(const Purchase& p, const Settings& s) {
    std::string out =
        trf("{} × {}, {}, paid {}", p.product.empty() ? tr("(no product)") : visible(p.product),
            format_qty(p.qty), money_text(p.price, s), format_money(p.paid));
    if (p.due)
        out += trf(", due {}", format_date(*p.due));
    if (!p.by.empty())
        out += trf(", by {}", visible(p.by));
    return out;
}

std::string purchases(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.purchases.empty())
        return "";
    std::string out = tr("Purchases") + std::string("\n");
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
        return tr("due date");
    case Collection::From::payday:
        return tr("payday");
    case Collection::From::purchase:
        break;
    }
    return tr("day of purchase");
}

std::string owed(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.balance < Money{})
        return trf("Credit {} (paid more than bought)\n", money_text(Money{} - b.balance, s));
    if (b.collections.empty())
        return "";
    std::string out = trf("Owes {}\n", money_text(b.balance, s));
    for (const Collection& c : b.collections) {
        const Purchase& p = b.customer.purchases[c.purchase];
        const std::string what = p.product.empty() ? tr("the purchase") : visible(p.product);
        out +=
            hanging("  ",
                    trf("{} on {} ({}), for {} of {}", money_text(c.amount, s),
                        day_and_date(c.on, b.today), from_text(c.from), what, format_date(p.date)),
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
    std::string out = tr("Run-outs") + std::string("\n");
    for (const Runout& r : b.runouts) {
        std::string split = trf("{} bought", format_qty(r.units));
        if (r.divided_by > 1)
            split += trf(", for {} people", r.divided_by);
        const char* line = r.runs_out < b.today ? tr("ran out {}, warned from {} ({})")
                                                : tr("runs out {}, warned from {} ({})");
        out += hanging("  " + pad_right(visible(r.product), width) + "  ",
                       fmt::format(fmt::runtime(line), day_and_date(r.runs_out, b.today),
                                   day_and_date(r.warn_from, b.today), split),
                       o);
    }
    return out;
}

std::string coming(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    if (b.coming.empty())
        return "";
    // A Chinese day ("12月5日（六）") is as wide as its month and day; the
    // kind column is as wide as the widest kind's name ("follow-up", "回訪").
    std::size_t width = 0;
    for (const Reason& r : b.coming)
        width = std::max(width, display_width(day_and_date(r.date, b.today)));
    std::size_t kinds = 0;
    for (int k = 0; k <= static_cast<int>(Kind::collect); ++k)
        kinds = std::max(kinds, display_width(kind_label(static_cast<Kind>(k))));
    std::string out = tr("Coming") + std::string("\n");
    for (const Reason& r : b.coming) {
        std::string text = visible(r.text);
        if (r.days_late > 0)
            text += lateness_note(r.days_late, is_late(r, b.customer, s));
        out += hanging(fmt::format("  {}  {}  ", pad_right(day_and_date(r.date, b.today), width),
                                   pad_right(kind_label(r.kind), kinds)),
                       text, o);
    }
    return out;
}

} // namespace

std::string briefing_text(const Briefing& b, const Settings& s, const BriefingTextOptions& o) {
    const std::string value =
        b.value == Money{} ? "" : trf("Lifetime value {}\n", money_text(b.value, s));
    const std::string parts[] = {who(b, o),
                                 words(b, o) + scores(b, o),
                                 people(b, o),
                                 titled_text(tr("Prefers"), b.customer.prefers, o),
                                 titled_text(tr("Notes"), b.customer.notes, o),
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
