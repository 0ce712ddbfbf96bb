// The agenda: the rules' reasons merged into one line per customer per day,
// filtered and sorted. The rules themselves live in rule_*.cpp.

#include "crm/agenda.hpp"

#include "crm/text.hpp"
#include "rules.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <memory>

namespace crm {

namespace {

constexpr std::array<std::string_view, 7> kind_names = {"conflict", "revisit", "follow-up", "plan",
                                                        "birthday", "run-out", "collect"};

char lower(char ch) {
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

// Case-insensitive for ASCII, then byte order, so the result is a total
// order. Equal bytes are skipped without folding: names mostly share a
// prefix in the same case.
int icompare(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == b[i])
            continue;
        const char x = lower(a[i]);
        const char y = lower(b[i]);
        if (x != y)
            return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
    }
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    const int bytes = a.compare(b);
    return bytes < 0 ? -1 : (bytes > 0 ? 1 : 0);
}

bool any_of_ci(const std::vector<std::string>& wanted, std::string_view value) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return iequals(w, value); });
}

bool owner_matches(const Customer& c, const std::vector<std::string>& owners) {
    if (any_of_ci(owners, c.owner))
        return true;
    return std::any_of(c.contacts.begin(), c.contacts.end(),
                       [&](const std::string& who) { return any_of_ci(owners, who); });
}

bool tag_matches(const Customer& c, const std::vector<std::string>& tags) {
    return std::any_of(c.tags.begin(), c.tags.end(),
                       [&](const std::string& t) { return any_of_ci(tags, t); });
}

// Overdue and today's reasons share today's line (one visit, several
// purposes); later ones make one line per date. Reasons within a line are in
// Kind order. `own`, when given, is `c` for the lines to move its
// identity from instead of copying it.
void merge_into(const Customer& c, Customer* own, Date today, std::vector<Reason>& reasons,
                std::vector<Item>& items) {
    if (reasons.empty())
        return;
    const auto line = [&](const Reason& r) { return std::max(r.date, today); };
    rules::small_sort(reasons, [&](const Reason& a, const Reason& b) {
        if (line(a) != line(b))
            return line(a) < line(b);
        return a.kind != b.kind ? a.kind < b.kind : a.date < b.date;
    });
    const Money value = lifetime_value(c);
    const auto shown = std::make_shared<const Customer>(own ? without_history(std::move(*own))
                                                            : without_history(c));
    for (std::size_t first = 0; first < reasons.size();) {
        Item item{shown, line(reasons[first]), 0, {}, value};
        std::size_t end = first + 1;
        while (end < reasons.size() && line(reasons[end]) == item.date)
            ++end;
        item.reasons.reserve(end - first);
        for (std::size_t i = first; i < end; ++i) {
            item.days_late = std::max(item.days_late, reasons[i].days_late);
            item.reasons.push_back(std::move(reasons[i]));
        }
        items.push_back(std::move(item));
        first = end;
    }
}

// What ordering looks at, copied out of the items and their customers so
// that sorting moves small values and follows no pointers.
struct SortEntry {
    bool overdue;
    Lateness lateness;
    Date date;
    Money value;
    std::string_view name;
    std::string_view region;
    std::string_view id;
    std::size_t index;
    std::string_view collated; // the name's collation key, for SortKey::name
};

// The sort key's own comparison (negative when a comes first); 0 for `date`,
// whose order is the common tie-break below.
int compare_by(const SortEntry& a, const SortEntry& b, SortKey key) {
    switch (key) {
    case SortKey::date:
        return 0;
    case SortKey::value:
        return a.value == b.value ? 0 : (a.value > b.value ? -1 : 1);
    case SortKey::name: {
        const int by = a.collated.compare(b.collated);
        return by < 0 ? -1 : (by > 0 ? 1 : 0);
    }
    case SortKey::region:
        return icompare(a.region, b.region);
    }
    return 0;
}

// Among overdue lines, the most late first, as the when-column shows it:
// past every grace ("late") before within it ("due"), then by days. Sorting
// by value puts big customers first here too.
int compare_overdue(const SortEntry& a, const SortEntry& b, SortKey key) {
    if (key == SortKey::value && a.value != b.value)
        return a.value > b.value ? -1 : 1;
    if (a.lateness.late != b.lateness.late)
        return a.lateness.late ? -1 : 1;
    if (a.lateness.days != b.lateness.days)
        return a.lateness.days > b.lateness.days ? -1 : 1;
    return 0;
}

// Overdue first whatever the key, ordered by lateness; then the key; then
// date, lifetime value (big customers first), name and id, so that the
// order is total.
bool comes_before(const SortEntry& a, const SortEntry& b, SortKey key) {
    if (a.overdue != b.overdue)
        return a.overdue;
    if (a.overdue)
        if (const int by = compare_overdue(a, b, key))
            return by < 0;
    if (const int by = compare_by(a, b, key))
        return by < 0;
    if (a.date != b.date)
        return a.date < b.date;
    if (a.value != b.value)
        return a.value > b.value;
    if (const int by_name = icompare(a.name, b.name))
        return by_name < 0;
    return a.id < b.id;
}

void sort_items(std::vector<Item>& items, SortKey key, const Settings& s) {
    std::vector<SortEntry> entries;
    entries.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        const Customer& c = *item.customer;
        entries.push_back({item.days_late > 0,
                           lateness_of(item, s),
                           item.date,
                           item.value,
                           c.name,
                           c.region,
                           c.id,
                           i,
                           {}});
    }
    // Sorting by name follows the language's order (stroke count for Han),
    // not code points; the keys cost ICU work, so only this sort makes them.
    std::vector<std::string> keys;
    if (key == SortKey::name) {
        std::vector<std::string_view> names;
        for (const SortEntry& e : entries)
            names.push_back(e.name);
        keys = collation_keys(names);
        for (std::size_t i = 0; i < entries.size(); ++i)
            entries[i].collated = keys[i];
    }
    std::sort(entries.begin(), entries.end(),
              [key](const SortEntry& a, const SortEntry& b) { return comes_before(a, b, key); });
    std::vector<Item> sorted;
    sorted.reserve(items.size());
    for (const SortEntry& e : entries)
        sorted.push_back(std::move(items[e.index]));
    items = std::move(sorted);
}

} // namespace

std::string_view kind_name(Kind k) {
    return kind_names[static_cast<std::size_t>(k)];
}

std::optional<Kind> parse_kind(std::string_view name) {
    for (std::size_t i = 0; i < kind_names.size(); ++i)
        if (kind_names[i] == name)
            return static_cast<Kind>(i);
    return std::nullopt;
}

bool past_grace(const Reason& r, const Customer& c, const Settings& s) {
    if (r.days_late <= 0)
        return false;
    if (r.kind != Kind::revisit)
        return true;
    const ClassCadence* cls = s.find_class(c.class_name);
    return r.late || !cls || !cls->maximum;
}

Lateness lateness_of(const Item& item, const Settings& s) {
    Lateness out;
    for (std::size_t i = 0; i < item.reasons.size(); ++i) {
        const Reason& r = item.reasons[i];
        if (r.days_late <= 0)
            continue;
        const bool late = past_grace(r, *item.customer, s);
        // A reason past grace leads over any within it, however overdue.
        if ((late && !out.late) || (late == out.late && r.days_late > out.days))
            out = {r.days_late, late, i};
    }
    return out;
}

Section section_of(const Item& item, Date today, Date horizon_end) {
    if (item.days_late > 0)
        return Section::overdue;
    if (item.date == today)
        return Section::today;
    const bool all_birthdays =
        !item.reasons.empty() &&
        std::all_of(item.reasons.begin(), item.reasons.end(),
                    [](const Reason& r) { return r.kind == Kind::birthday; });
    return all_birthdays && item.date > horizon_end ? Section::birthdays : Section::upcoming;
}

std::string key_part(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto byte = static_cast<unsigned char>(ch);
        const bool bare = byte >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        if (bare) {
            out += ch;
            continue;
        }
        out += '=';
        out += hex[byte >> 4];
        out += hex[byte & 0xF];
    }
    return out;
}

bool region_matches(std::string_view region, std::string_view prefix) {
    while (!prefix.empty() && prefix.back() == '/')
        prefix.remove_suffix(1);
    if (prefix.size() > region.size() || !iequals(region.substr(0, prefix.size()), prefix))
        return false;
    return region.size() == prefix.size() || prefix.empty() || region[prefix.size()] == '/';
}

bool matches(const Customer& c, const Filters& f) {
    if (!f.owners.empty() && !owner_matches(c, f.owners))
        return false;
    if (!f.regions.empty() &&
        std::none_of(f.regions.begin(), f.regions.end(),
                     [&](const std::string& r) { return region_matches(c.region, r); }))
        return false;
    if (!f.tags.empty() && !tag_matches(c, f.tags))
        return false;
    return f.classes.empty() || any_of_ci(f.classes, c.class_name);
}

Date horizon_end_of(const Settings& s, const AgendaOptions& options, Date today) {
    if (options.days)
        return today + date::days{std::max(0, *options.days)};
    return add(today, s.horizon);
}

Date birthday_end_of(const Settings& s, const AgendaOptions& options, Date today) {
    // A birthday inside the horizon is as near as anything else shown.
    return std::max(add(today, s.birthday_window), horizon_end_of(s, options, today));
}

std::vector<Reason> reasons_for(const Customer& c, const Settings& s, Date today, Date horizon_end,
                                Date birthday_end) {
    const rules::Context ctx = rules::make_context(s, today, horizon_end, birthday_end);
    rules::Scratch scratch;
    std::vector<Reason> out;
    rules::add_all(c, ctx, scratch, out);
    return out;
}

struct AgendaBuilder::State {
    State(const Settings& s, const AgendaOptions& o, Date today)
        : filters(o.filters), sort(o.sort),
          ctx(rules::make_context(s, today, horizon_end_of(s, o, today),
                                  birthday_end_of(s, o, today), o.filters.kinds)) {
        agenda.today = today;
        agenda.horizon_end = ctx.horizon_end;
        agenda.birthday_end = ctx.birthday_end;
    }
    Filters filters;
    SortKey sort;
    // Kinds filtered out are never computed, so lines left empty never form.
    rules::Context ctx;
    // Reused for every customer: adding one allocates only what it keeps.
    rules::Scratch scratch;
    std::vector<Reason> reasons;
    Agenda agenda;
};

AgendaBuilder::AgendaBuilder(const Settings& settings, const AgendaOptions& options, Date today)
    : state_(std::make_unique<State>(settings, options, today)) {}
AgendaBuilder::AgendaBuilder(AgendaBuilder&&) noexcept = default;
AgendaBuilder& AgendaBuilder::operator=(AgendaBuilder&&) noexcept = default;
AgendaBuilder::~AgendaBuilder() = default;

void AgendaBuilder::add(const Customer& c) {
    add(c, nullptr);
}

void AgendaBuilder::add(Customer&& c) {
    add(c, &c);
}

void AgendaBuilder::add(const Customer& c, Customer* own) {
    State& s = *state_;
    if (!matches(c, s.filters))
        return;
    s.reasons.clear();
    rules::add_all(c, s.ctx, s.scratch, s.reasons);
    merge_into(c, own, s.ctx.today, s.reasons, s.agenda.items);
}

void AgendaBuilder::join(AgendaBuilder&& other) {
    if (&other == this)
        return;
    std::vector<Item>& mine = state_->agenda.items;
    std::vector<Item>& theirs = other.state_->agenda.items;
    mine.insert(mine.end(), std::make_move_iterator(theirs.begin()),
                std::make_move_iterator(theirs.end()));
    theirs.clear();
}

Agenda AgendaBuilder::finish() && {
    sort_items(state_->agenda.items, state_->sort, state_->ctx.settings);
    return std::move(state_->agenda);
}

Agenda compute_agenda(const Ledger& ledger, const AgendaOptions& options, Date today) {
    AgendaBuilder builder(ledger.settings, options, today);
    for (const Customer& c : ledger.customers)
        builder.add(c);
    return std::move(builder).finish();
}

} // namespace crm
