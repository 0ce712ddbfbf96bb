// customers/<id>.toml. A value that is wrong is reported and left out; the
// rest of the customer is still read, so a typo in one purchase never hides
// the customer's birthday or balance.

#include "crm/i18n.hpp"
#include "crm/merge.hpp"
#include "crm/names.hpp"
#include "crm/parse.hpp"
#include "entries.hpp"
#include "toml_reader.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm {

namespace detail {

// Shared with [[person]] entries: a person's birthday is written as the
// customer's.
std::optional<MonthDay> read_birthday(Reader& r, const toml::node& n) {
    if (const auto* d = n.as_date()) {
        const toml::date v = d->get();
        const date::year_month_day ymd{date::year{v.year}, date::month{v.month}, date::day{v.day}};
        if (ymd.ok())
            return MonthDay{v.year, v.month, v.day};
    }
    if (const auto* s = n.as_string()) {
        const std::string& text = s->get();
        if (auto full = parse_date(text)) {
            const date::year_month_day ymd{*full};
            return MonthDay{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                            static_cast<unsigned>(ymd.day())};
        }
        // "--MM-DD" (ISO 8601 without year): valid if it exists in a leap year.
        if (text.size() == 7 && text.starts_with("--")) {
            if (auto d = parse_date(fmt::format("2000{}", text.substr(1)))) {
                const date::year_month_day ymd{*d};
                return MonthDay{std::nullopt, static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day())};
            }
        }
    }
    r.error(n.source(), tr("'birthday' must be a date like 1975-03-14 or --03-14"),
            tr("write --MM-DD in quotes when the year is unknown"));
    return std::nullopt;
}

std::optional<LunarMonthDay> read_lunar_birthday(Reader& r, const toml::node& n) {
    const auto* t = n.as_table();
    if (!t) {
        r.error(n.source(), tr("'lunar_birthday' must be a table like { month = 8, day = 15 }"));
        return std::nullopt;
    }
    LunarMonthDay out;
    bool ok = true;
    const toml::node* month = t->get("month");
    const toml::node* day = t->get("day");
    if (!month || !day) {
        r.error(n.source(), tr("'lunar_birthday' needs a month and a day"),
                tr("write { month = 8, day = 15 }, and leap = true for a leap month"));
        return std::nullopt;
    }
    if (auto m = r.integer(*month, "month"); m && *m >= 1 && *m <= 12)
        out.month = static_cast<unsigned>(*m);
    else {
        if (m)
            r.error(month->source(), trf("lunar month {} does not exist", *m),
                    tr("lunar months are 1 to 12; set leap = true for a leap month"));
        ok = false;
    }
    if (auto d = r.integer(*day, "day"); d && *d >= 1 && *d <= 30)
        out.day = static_cast<unsigned>(*d);
    else {
        if (d)
            r.error(day->source(), trf("lunar day {} does not exist", *d),
                    tr("lunar months have 29 or 30 days"));
        ok = false;
    }
    for (const auto& [k, v] : *t) {
        if (k == "leap")
            out.leap = r.boolean(v, "leap").value_or(false);
        else if (k != "month" && k != "day")
            r.unknown_key(k, {"month", "day", "leap"}, tr(" in 'lunar_birthday'"));
    }
    return ok ? std::optional(out) : std::nullopt;
}

} // namespace detail

namespace {

using detail::Reader;

const std::vector<std::string> kCustomerKeys = {
    "name",     "class",  "owner",      "contacts",       "region",   "phone",   "email",
    "birthday", "payday", "household",  "lunar_birthday", "tags",     "prefers", "notes",
    "since",    "feb29",  "lunar_leap", "lunar_day30",    "purchase", "payment", "log",
    "person",   "plan"};

template <class T> void set(std::optional<T> value, T& field) {
    if (value)
        field = std::move(*value);
}

void read_calendar_override(Reader& r, std::string_view key, const toml::node& v,
                            CalendarOverrides& c) {
    const auto text = r.string(v, key);
    if (!text)
        return;
    if (key == "feb29" && (*text == "feb28" || *text == "mar1"))
        c.feb29 = *text == "feb28" ? Feb29Rule::feb28 : Feb29Rule::mar1;
    else if (key == "lunar_leap" && (*text == "regular" || *text == "both"))
        c.lunar_leap = *text == "regular" ? LunarLeapRule::regular : LunarLeapRule::both;
    else if (key == "lunar_day30" && (*text == "last-day" || *text == "skip"))
        c.lunar_day30 = *text == "skip" ? LunarDay30Rule::skip : LunarDay30Rule::last_day;
    else
        r.error(v.source(), trf("'{}' cannot be '{}'", key, *text),
                tr("see crm(5) for the choices"));
}

void read_class(Reader& r, const toml::node& v, Customer& c) {
    const auto name = r.string(v, "class");
    if (!name)
        return;
    c.class_name = *name; // kept as written, so a write never loses it
    c.class_line = v.source().begin.line;
    c.class_column = v.source().begin.column;
}

void read_scalar(Reader& r, std::string_view key, const toml::node& v, Customer& c) {
    if (key == "name")
        set(r.string(v, key), c.name);
    else if (key == "class")
        read_class(r, v, c);
    else if (key == "owner")
        set(r.string(v, key), c.owner);
    else if (key == "contacts")
        set(r.strings(v, key), c.contacts);
    else if (key == "region")
        set(r.string(v, key), c.region);
    else if (key == "phone")
        set(r.one_or_more(v, key), c.phones);
    else if (key == "email")
        set(r.one_or_more(v, key), c.emails);
    else if (key == "tags")
        set(r.strings(v, key), c.tags);
    else if (key == "prefers")
        set(r.string(v, key), c.prefers);
    else if (key == "notes")
        c.notes = r.note(v, key);
    else if (key == "since")
        c.since = r.date(v, key);
    else if (key == "birthday")
        c.birthday = detail::read_birthday(r, v);
    else if (key == "lunar_birthday")
        c.lunar_birthday = detail::read_lunar_birthday(r, v);
    else if (key == "payday") {
        if (auto d = r.integer(v, key); d && (*d < 1 || *d > 31))
            r.error(v.source(), trf("payday {} is not a day of the month", *d),
                    tr("write a day from 1 to 31; 31 means the month's last day"));
        else if (d)
            c.payday = static_cast<unsigned>(*d);
    } else if (key == "household") {
        if (auto h = r.integer(v, key); h && *h < 1)
            r.error(v.source(), trf("household of {} people", *h),
                    tr("write how many people share the products, at least 1"));
        else if (h)
            c.household = static_cast<unsigned>(*h);
    } else
        read_calendar_override(r, key, v, c.calendar);
}

void read_key(Reader& r, const toml::key& key, const toml::node& value, Customer& c) {
    const std::string_view k = key.str();
    if (k == "purchase")
        c.purchases = detail::read_purchases(r, value);
    else if (k == "payment")
        c.payments = detail::read_payments(r, value);
    else if (k == "log")
        c.logs = detail::read_logs(r, value);
    else if (k == "person")
        c.people = detail::read_people(r, value);
    else if (k == "plan")
        c.plans = detail::read_plans(r, value);
    else if (std::find(kCustomerKeys.begin(), kCustomerKeys.end(), k) != kCustomerKeys.end())
        read_scalar(r, k, value, c);
    else
        r.unknown_key(key, kCustomerKeys, "");
}

} // namespace

std::string id_from_path(std::string_view path) {
    const auto slash = path.find_last_of('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name.ends_with(".toml"))
        name.remove_suffix(5);
    return std::string(name);
}

Parsed<Customer> parse_customer_text(std::string_view text, std::string_view path, Notes notes) {
    const auto read = [&](Reader& r, const toml::table& root) {
        Customer c;
        c.id = id_from_path(path);
        c.path = std::string(path);
        for (const auto& [key, value] : root)
            read_key(r, key, value, c);
        if (!root.contains("name"))
            r.warning(root.source(), tr("no 'name' in this file"),
                      tr("add name = \"…\"; the id is shown meanwhile"));
        if (c.name.empty())
            c.name = c.id;
        return c;
    };
    Parsed<Customer> parsed = detail::parse_document<Customer>(text, path, read, notes);
    if (parsed.value)
        return parsed;
    // A merge conflict: the file's error stays, and the customer is read
    // from our side of it, so that it never drops out of the agenda or out
    // of reach of `crm show`. Looked for only when the file does not parse.
    const std::vector<ConflictRegion> conflicts = find_conflicts(text);
    if (conflicts.empty())
        return parsed;
    const std::string ours = conflict_side(text, Side::ours);
    Parsed<Customer> side = detail::parse_document<Customer>(ours, path, read, notes);
    if (side.value) {
        side.value->conflict_line = conflicts.front().begin;
        parsed.value = std::move(side.value);
    }
    return parsed;
}

void check_with_settings(Parsed<Customer>& parsed, const Settings& s) {
    // A conflicted customer is read from one side of its conflict: its
    // file's error is the conflict, not what that side says.
    if (!parsed.value || parsed.value->conflict_line || parsed.value->class_line == 0)
        return;
    const Customer& c = *parsed.value;
    const bool broken = std::find(s.broken_classes.begin(), s.broken_classes.end(), c.class_name) !=
                        s.broken_classes.end();
    if (s.find_class(c.class_name) || broken)
        return;
    std::vector<std::string> known;
    for (const auto& cls : s.classes)
        known.push_back(cls.name);
    std::string hint;
    if (auto near = did_you_mean(c.class_name, known))
        hint = trf("did you mean '{}'?", *near);
    else
        hint = trf("the classes in crm.toml are: {}", fmt::join(known, ", "));
    Diagnostic d{c.path,
                 c.class_line,
                 c.class_column,
                 Severity::error,
                 trf("unknown class '{}'", c.class_name),
                 std::move(hint)};
    // In file order, after what is reported at the same place.
    Diagnostics& ds = parsed.diagnostics;
    const auto at = std::upper_bound(ds.begin(), ds.end(), d, [](const auto& a, const auto& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    ds.insert(at, std::move(d));
}

Parsed<Customer> parse_customer(std::string_view text, std::string_view path,
                                const Settings& settings, Notes notes) {
    Parsed<Customer> parsed = parse_customer_text(text, path, notes);
    check_with_settings(parsed, settings);
    return parsed;
}

} // namespace crm
