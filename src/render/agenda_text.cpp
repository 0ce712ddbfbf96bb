#include "agenda_text.hpp"

#include "crm/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>

namespace crm::render {

namespace {

// A very long name would push every line's reasons to the right: a name
// wider than this keeps its line to itself and its reasons go on the next
// line, in the reasons column, so every column stays aligned.
constexpr std::size_t name_column_max = 24;

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

std::string days(int n) {
    return fmt::format("{} day{}", n, n == 1 ? "" : "s");
}

std::string day_and_date(Date d) {
    return weekday_abbrev(d) + " " + format_date(d);
}

// "6 days late" when some reason is past every grace, else "due 2 days ago"
// (a revisit inside its class's maximum), else "today" or the day.
When when_of(const Item& item, Section section, const Settings& s) {
    if (section == Section::today)
        return {"today", Urgency::plain};
    if (section != Section::overdue)
        return {day_and_date(item.date), Urgency::plain};
    int late = 0;
    for (const Reason& r : item.reasons)
        if (is_late(r, *item.customer, s))
            late = std::max(late, r.days_late);
    if (late > 0)
        return {days(late) + " late", Urgency::late};
    return {"due " + days(item.days_late) + " ago", Urgency::due};
}

// The core's texts are written to follow a label; birthday and collect texts
// already say what they are ("birthday Fri (64)", "owes 500 TWD …").
std::string reason_phrase(const Reason& r) {
    switch (r.kind) {
    case Kind::revisit:
        return "revisit, " + r.text;
    case Kind::followup:
        return "follow-up " + r.text;
    case Kind::birthday:
        return r.text.starts_with("birthday") ? r.text : "birthday, " + r.text;
    case Kind::runout:
    case Kind::collect:
        return r.text;
    }
    return r.text;
}

std::string reasons_text(const Item& item) {
    std::string out;
    for (const Reason& r : item.reasons) {
        if (!out.empty())
            out += " · ";
        out += reason_phrase(r);
    }
    return out;
}

struct Layout {
    std::size_t when = 0;
    std::size_t name = 0;
};

Layout layout_of(const Agenda& agenda, const Settings& s) {
    Layout l;
    for (const Item& item : agenda.items) {
        const Section sec = section_of(item, agenda.today, agenda.horizon_end);
        l.when = std::max(l.when, display_width(when_of(item, sec, s).text));
        const std::size_t name = display_width(item.customer->name);
        if (name <= name_column_max)
            l.name = std::max(l.name, name);
    }
    return l;
}

struct Row {
    const Item* item;
    Section section;
};

// Context every line needs; bundled so the helpers keep short signatures.
struct Page {
    const Agenda& agenda;
    const Settings& settings;
    Layout layout;
    Style style;
};

std::string line(const Page& p, const Row& row, std::size_t indent) {
    const When when = when_of(*row.item, row.section, p.settings);
    std::string cell = pad_right(when.text, p.layout.when);
    if (when.urgency == Urgency::late)
        cell = p.style.paint("31", cell);
    else if (when.urgency == Urgency::due)
        cell = p.style.paint("33", cell);
    const std::string& name = row.item->customer->name;
    std::string out = std::string(indent, ' ') + cell + "  " + pad_right(name, p.layout.name);
    if (display_width(name) > p.layout.name)
        out += '\n' + std::string(indent + p.layout.when + 2 + p.layout.name, ' ');
    return out + "  " + reasons_text(*row.item) + '\n';
}

std::string section_title(const Page& p, Section s, std::size_t count) {
    switch (s) {
    case Section::overdue:
        return fmt::format("Overdue ({})", count);
    case Section::today:
        return fmt::format("Today ({})", count);
    case Section::upcoming:
        return fmt::format("Coming days, until {} ({})", day_and_date(p.agenda.horizon_end), count);
    case Section::birthdays:
        return fmt::format("Birthdays, until {} ({})", day_and_date(p.agenda.birthday_end), count);
    }
    return {};
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
        for (const Row& r : rows)
            if (r.section == s)
                out += line(p, r, indent + 2);
    }
    return out;
}

// The group keys an item belongs to: one region or owner, or each of its
// kinds (an item with several kinds is listed under each).
std::vector<std::string> keys_of(const Item& item, GroupBy group) {
    switch (group) {
    case GroupBy::region:
        return {item.customer->region.empty() ? "(no region)" : item.customer->region};
    case GroupBy::owner:
        return {item.customer->owner.empty() ? "(no owner)" : item.customer->owner};
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
    if (a.starts_with('(') != b.starts_with('('))
        return b.starts_with('(');
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
        out += '\n' + p.style.bold(fmt::format("{} ({})", key, members.size())) + '\n';
        out += sections(p, members, 2);
    }
    return out;
}

std::string header(const Page& p, const SectionCounts& n) {
    const std::string day = day_and_date(p.agenda.today);
    if (p.agenda.items.empty())
        return p.style.bold(day) + " · nothing due\n";
    return fmt::format("{} · {} overdue · {} today · {} coming · {} birthday{}\n",
                       p.style.bold(day), n.overdue, n.today, n.upcoming, n.birthdays,
                       n.birthdays == 1 ? "" : "s");
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
    if (r.days_late <= 0)
        return false;
    if (r.kind != Kind::revisit)
        return true;
    const ClassCadence* cls = s.find_class(c.class_name);
    return r.late || !cls || !cls->maximum;
}

std::string agenda_text(const Agenda& agenda, const Settings& settings,
                        const TextOptions& options) {
    const Page page{agenda, settings, layout_of(agenda, settings), Style{options.color}};
    std::vector<Row> rows;
    rows.reserve(agenda.items.size());
    for (const Item& item : agenda.items)
        rows.push_back({&item, section_of(item, agenda.today, agenda.horizon_end)});
    std::string out = header(page, count_sections(agenda));
    if (rows.empty())
        return out;
    if (options.group == GroupBy::none)
        return out + '\n' + sections(page, rows, 0);
    return out + grouped(page, rows, options.group);
}

} // namespace crm::render
