#include "agenda_text.hpp"

#include "crm/i18n.hpp"
#include "crm/spoken.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <fmt/format.h>
#include <map>
#include <thread>

namespace crm::render {

namespace {

// A very long name would push every line's reasons to the right: a name
// wider than this keeps its line to itself and its reasons go on the next
// line, in the reasons column, so every column stays aligned.
constexpr std::size_t name_column_max = 24;

// On a narrow terminal the reasons still get this many columns: lines run
// past the edge rather than a word to a line.
constexpr std::size_t reasons_column_min = 20;

constexpr std::array<Section, 4> section_order = {Section::overdue, Section::today,
                                                  Section::upcoming, Section::birthdays};

// Colour marks meaning, never decoration: red is past every grace, yellow is
// due but still within a class's maximum.
struct Style {
    bool on = false;
    std::string paint(std::string_view code, std::string_view s) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
    }
    std::string bold(std::string_view s) const { return paint("1", s); }
};

enum class Urgency { late, due, plain };

struct When {
    std::string text;
    Urgency urgency = Urgency::plain;
};

// "6 days late" when some reason is past every grace, else "due 2 days ago"
// (a revisit inside its class's maximum), else "today" or the day.
When when_of(const Item& item, Section section, const Settings& s, Date today) {
    if (section == Section::today)
        return {tr("today"), Urgency::plain};
    if (section != Section::overdue)
        return {day_and_date(item.date, today), Urgency::plain};
    const Lateness late = lateness_of(item, s);
    if (late.late)
        return {days_late(late.days), Urgency::late};
    return {due_days_ago(late.days), Urgency::due};
}

// A line of one reason says how late it is in the when-column alone; in a
// line of several, "11 days late" beside "runs out today" would not say
// which reason is late, so the one it belongs to comes first and each
// overdue reason carries its own lateness.
std::string reasons_text(const Item& item, const Settings& s) {
    if (item.reasons.size() == 1)
        return visible(reason_phrase(item.reasons.front()));
    const std::size_t lead = lateness_of(item, s).reason;
    std::vector<const Reason*> order{&item.reasons[lead]};
    for (std::size_t i = 0; i < item.reasons.size(); ++i)
        if (i != lead)
            order.push_back(&item.reasons[i]);
    std::string out;
    for (const Reason* r : order) {
        if (!out.empty())
            out += " · ";
        out += reason_phrase(*r);
        if (r->days_late > 0)
            out += lateness_note(r->days_late, is_late(*r, *item.customer, s));
    }
    return visible(out);
}

std::string value_text(const Item& item, const Settings& s) {
    const std::string amount = format_money(item.value);
    return s.currency.empty() ? amount : amount + " " + visible(s.currency);
}

// Column widths, measured as the output's device will draw them: a
// terminal may give an ambiguous-width character two columns, so a layout
// for one counts them as two.
struct Layout {
    Ambiguous ambiguous = Ambiguous::narrow;
    std::size_t when = 0;
    std::size_t name = 0;
    std::size_t value = 0; // 0 when the value is not shown
    std::size_t width(std::string_view s) const { return display_width(s, ambiguous); }
};

struct Row {
    const Item* item = nullptr;
    Section section = Section::today;
    When when; // made once, for the layout and for the line
};

// The columns `row` needs, widened into `l`.
void widen(Layout& l, const Row& row, const Settings& s, const TextOptions& o) {
    l.when = std::max(l.when, l.width(row.when.text));
    const std::size_t name = l.width(visible(row.item->customer->name));
    if (name <= name_column_max)
        l.name = std::max(l.name, name);
    if (o.value)
        l.value = std::max(l.value, l.width(value_text(*row.item, s)));
}

// Context every line needs; bundled so the helpers keep short signatures.
struct Page {
    const Agenda& agenda;
    const Settings& settings;
    const TextOptions& options;
    Layout layout;
    Style style;
};

// `text` wrapped to the page's width from `column` on, its lines after the
// first starting in that column.
std::string wrapped(const Page& p, std::string_view text, std::size_t column, std::size_t least) {
    std::size_t room = 0; // no limit
    if (p.options.width)
        room = std::max(least, *p.options.width > column ? *p.options.width - column : 0);
    std::string out;
    for (const std::string& piece : wrap(text, room, p.layout.ambiguous))
        out += (out.empty() ? "" : "\n" + std::string(column, ' ')) + piece;
    return out;
}

// From the end of `name`, written at `from`, to `column`. Spaces when the
// name's width is certain; when the terminal may draw it wider or narrower
// than counted, an absolute move ("cursor horizontal absolute", 1-based).
std::string move_to(const Page& p, std::string_view name, std::size_t from, std::size_t column) {
    if (p.options.terminal && has_ambiguous_width(name))
        return fmt::format("\x1b[{}G", column + 1);
    const std::size_t at = from + p.layout.width(name);
    return std::string(column > at ? column - at : 0, ' ');
}

// The name column and the value after it, leaving the cursor where the
// reasons start. A name wider than the column keeps its line to itself.
std::string name_cells(const Page& p, const Item& item, std::size_t column) {
    const Layout& l = p.layout;
    const std::string name = visible(item.customer->name);
    const std::size_t next = column + l.name + 2;
    std::string out;
    if (l.width(name) > l.name)
        out = wrapped(p, name, column, 1) + '\n' + std::string(next, ' ');
    else
        out = name + move_to(p, name, column, next);
    if (l.value == 0)
        return out;
    const std::string value = value_text(item, p.settings);
    return out + std::string(l.value - l.width(value), ' ') + value + "  ";
}

std::string line(const Page& p, const Row& row, std::size_t indent) {
    const Layout& l = p.layout;
    const When& when = row.when;
    std::string cell = when.text + std::string(l.when - l.width(when.text), ' ');
    if (when.urgency == Urgency::late)
        cell = p.style.paint("31", cell);
    else if (when.urgency == Urgency::due)
        cell = p.style.paint("33", cell);
    const std::size_t name_x = indent + l.when + 2;
    const std::size_t reasons_x = name_x + l.name + 2 + (l.value ? l.value + 2 : 0);
    return std::string(indent, ' ') + cell + "  " + name_cells(p, *row.item, name_x) +
           wrapped(p, reasons_text(*row.item, p.settings), reasons_x, reasons_column_min) + '\n';
}

std::string section_title(const Page& p, Section s, std::size_t count) {
    const Date today = p.agenda.today;
    switch (s) {
    case Section::overdue:
        return trf("Overdue ({})", count);
    case Section::today:
        return trf("Today ({})", count);
    case Section::upcoming:
        return trf("Coming days, until {} ({})", day_and_date(p.agenda.horizon_end, today), count);
    case Section::birthdays:
        return trf("Birthdays, until {} ({})", day_and_date(p.agenda.birthday_end, today), count);
    }
    return {};
}

// Calls work(t, begin, end) for each of up to `threads` runs of [0, n) (one
// run when n is small), run t on a thread of its own; an exception of any
// run is rethrown after all have ended.
template <class Work> void in_runs(std::size_t n, unsigned threads, const Work& work) {
    threads = n >= 256 ? std::max(1u, threads) : 1;
    std::vector<std::exception_ptr> failed(threads);
    const auto run = [&](unsigned t) {
        try {
            work(t, n * t / threads, n * (t + 1) / threads);
        } catch (...) {
            failed[t] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(run, t);
        run(0);
    }
    for (const std::exception_ptr& e : failed)
        if (e)
            std::rethrow_exception(e);
}

// The lines of `rows`, in order. Once the layout is known each line is
// made alone: a long agenda's are made on the page's threads, in runs.
std::string lines(const Page& p, const std::vector<const Row*>& rows, std::size_t indent) {
    std::vector<std::string> runs(std::max(1u, p.options.threads));
    in_runs(rows.size(), p.options.threads, [&](unsigned t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            runs[t] += line(p, *rows[i], indent);
    });
    std::string out;
    std::size_t size = 0;
    for (const std::string& run : runs)
        size += run.size();
    out.reserve(size);
    for (const std::string& run : runs)
        out += run;
    return out;
}

// The non-empty sections of `rows`, in order, separated by blank lines.
std::string sections(const Page& p, const std::vector<Row>& rows, std::size_t indent) {
    std::string out;
    for (const Section s : section_order) {
        const auto n = static_cast<std::size_t>(
            std::count_if(rows.begin(), rows.end(), [&](const Row& r) { return r.section == s; }));
        if (n == 0)
            continue;
        if (!out.empty())
            out += '\n';
        out += std::string(indent, ' ') + p.style.bold(section_title(p, s, n)) + '\n';
        std::vector<const Row*> in;
        in.reserve(n);
        for (const Row& r : rows)
            if (r.section == s)
                in.push_back(&r);
        out += lines(p, in, indent + 2);
    }
    return out;
}

// The owner, else "(no owner)", and each of the team's contacts: everyone
// who knows the customer has it on their list, as `--owner` finds it.
std::vector<std::string> owners_of(const Customer& c) {
    std::vector<std::string> out{c.owner.empty() ? tr("(no owner)") : visible(c.owner)};
    for (const std::string& who : c.contacts)
        if (!who.empty() && std::find(out.begin(), out.end(), visible(who)) == out.end())
            out.push_back(visible(who));
    return out;
}

// The group keys an item belongs to: one region; its owners (owners_of); or
// each of its kinds. An item with several keys is listed under each.

std::vector<std::string> keys_of(const Item& item, GroupBy group) {
    switch (group) {
    case GroupBy::region:
        return {item.customer->region.empty() ? tr("(no region)") : visible(item.customer->region)};
    case GroupBy::owner:
        return owners_of(*item.customer);
    case GroupBy::kind: {
        std::vector<std::string> out;
        for (const Reason& r : item.reasons)
            if (std::find(out.begin(), out.end(), kind_name(r.kind)) == out.end())
                out.emplace_back(kind_name(r.kind));
        return out;
    }
    case GroupBy::none:
        break;
    }
    return {""};
}

// Regions and owners sort by name with the "(no …)" group last; kinds keep
// the order of Kind (revisit first).
bool group_before(const std::string& a, const std::string& b, GroupBy group) {
    if (group == GroupBy::kind)
        return *parse_kind(a) < *parse_kind(b);
    // "(no owner)"; in Chinese "（無負責人）", with a fullwidth parenthesis.
    const auto none = [](const std::string& k) {
        return k.starts_with('(') || k.starts_with("（");
    };
    if (none(a) != none(b))
        return none(b);
    return a < b;
}

std::string grouped(const Page& p, const std::vector<Row>& rows, GroupBy group) {
    std::vector<std::pair<std::string, std::vector<Row>>> groups;
    for (const Row& r : rows)
        for (const std::string& key : keys_of(*r.item, group)) {
            auto it = std::find_if(groups.begin(), groups.end(),
                                   [&](const auto& g) { return g.first == key; });
            if (it == groups.end())
                it = groups.insert(groups.end(), {key, {}});
            it->second.push_back(r);
        }
    std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
        return group_before(a.first, b.first, group);
    });
    std::string out;
    for (const auto& [key, members] : groups) {
        const std::string shown = group == GroupBy::kind ? kind_label(*parse_kind(key)) : key;
        out += '\n' + p.style.bold(trf("{} ({})", shown, members.size())) + '\n';
        out += sections(p, members, 2);
    }
    return out;
}

// The day in bold, then the counts. On a narrow terminal a line breaks
// between two counts, never inside one ("4" and "birthdays" stay together).
std::string header(const Page& p, const SectionCounts& n) {
    const std::string day = day_and_date(p.agenda.today, p.agenda.today);
    std::vector<std::string> parts = {day, tr("nothing due")};
    if (!p.agenda.items.empty())
        parts = {day, trf("{} overdue", n.overdue), trf("{} today", n.today),
                 trf("{} coming", n.upcoming),
                 trnf("{} birthday", "{} birthdays", n.birthdays, n.birthdays)};
    std::string out = p.style.bold(day);
    std::size_t column = p.layout.width(day);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::size_t more = p.layout.width(" · " + parts[i]);
        const bool fits = !p.options.width || column + more <= *p.options.width;
        out += (fits ? " · " : "\n") + parts[i];
        column = fits ? column + more : p.layout.width(parts[i]);
    }
    return out + '\n';
}

} // namespace

std::optional<GroupBy> parse_group(std::string_view name) {
    static const std::map<std::string_view, GroupBy> names = {{"none", GroupBy::none},
                                                              {"region", GroupBy::region},
                                                              {"owner", GroupBy::owner},
                                                              {"kind", GroupBy::kind}};
    const auto it = names.find(name);
    return it == names.end() ? std::nullopt : std::optional(it->second);
}

// The core's texts are written to follow a label; birthday, plan and collect
// texts already say what they are ("birthday Fri (64)", "planned call",
// "owes 500 TWD …").
std::string reason_phrase(const Reason& r, Words words) {
    const auto say = [words](const char* english) {
        return words == Words::english ? english : tr(english);
    };
    switch (r.kind) {
    case Kind::revisit:
        return fmt::format(fmt::runtime(say(N_("revisit, {}"))), r.text);
    case Kind::followup:
        return fmt::format(fmt::runtime(say(N_("follow-up {}"))), r.text);
    case Kind::birthday:
        // Only a lunar birthday's text leaves out that it is one; a
        // translated text may say it anywhere, as "李經理的生日".
        return r.text.starts_with("birthday") ||
                       r.text.find(say(N_("birthday"))) != std::string::npos
                   ? r.text
                   : fmt::format(fmt::runtime(say(N_("birthday, {}"))), r.text);
    case Kind::conflict: // "merge conflict at …"
    case Kind::plan:     // "planned visit …"
    case Kind::runout:
    case Kind::collect:
        return r.text;
    }
    return r.text;
}

std::string kind_label(Kind k) {
    static constexpr std::array<const char*, 7> labels = {
        N_("conflict"), N_("revisit"), N_("follow-up"), N_("plan"),
        N_("birthday"), N_("run-out"), N_("collect")};
    return tr(labels[static_cast<std::size_t>(k)]);
}

std::string log_kind_label(std::string_view kind) {
    return visible(spoken_log_kind(kind));
}

std::string_view section_name(Section s) {
    switch (s) {
    case Section::overdue:
        return "overdue";
    case Section::today:
        return "today";
    case Section::upcoming:
        return "upcoming";
    case Section::birthdays:
        return "birthdays";
    }
    return "upcoming";
}

SectionCounts count_sections(const Agenda& agenda) {
    SectionCounts n;
    for (const Item& item : agenda.items) {
        switch (section_of(item, agenda.today, agenda.horizon_end)) {
        case Section::overdue:
            ++n.overdue;
            break;
        case Section::today:
            ++n.today;
            break;
        case Section::upcoming:
            ++n.upcoming;
            break;
        case Section::birthdays:
            ++n.birthdays;
            break;
        }
    }
    return n;
}

bool is_late(const Reason& r, const Customer& c, const Settings& s) {
    return past_grace(r, c, s);
}

std::string agenda_text(const Agenda& agenda, const Settings& settings,
                        const TextOptions& options) {
    // Each item's row, and the columns the rows need, in runs (see lines()).
    std::vector<Row> rows(agenda.items.size());
    Layout blank;
    blank.ambiguous = options.terminal ? Ambiguous::wide : Ambiguous::narrow;
    std::vector<Layout> layouts(std::max(1u, options.threads), blank);
    in_runs(rows.size(), options.threads, [&](unsigned t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Item& item = agenda.items[i];
            const Section section = section_of(item, agenda.today, agenda.horizon_end);
            rows[i] = {&item, section, when_of(item, section, settings, agenda.today)};
            widen(layouts[t], rows[i], settings, options);
        }
    });
    Layout layout = blank;
    for (const Layout& l : layouts) {
        layout.when = std::max(layout.when, l.when);
        layout.name = std::max(layout.name, l.name);
        layout.value = std::max(layout.value, l.value);
    }
    const Page page{agenda, settings, options, layout, Style{options.color}};
    std::string out = header(page, count_sections(agenda));
    if (rows.empty())
        return out;
    if (options.group == GroupBy::none)
        return out + '\n' + sections(page, rows, 0);
    return out + grouped(page, rows, options.group);
}

} // namespace crm::render
