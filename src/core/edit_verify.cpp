// Checking a written file against what was meant: the old document with the
// change applied, compared as TOML values. Formatting cannot be compared this
// way (the unit tests' corpus does that byte by byte); data loss can.

#include "crm/edit.hpp"
#include "crm/i18n.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

namespace crm {

namespace {

toml::date toml_date(Date d) {
    const date::year_month_day ymd{d};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day())};
}

// As a TOML parser reads format_money(): an integer when whole, else a float.
void insert_money(toml::table& t, std::string_view key, Money m) {
    if (m.cents % 100 == 0)
        t.insert(key, m.cents / 100);
    else
        t.insert(key, static_cast<double>(m.cents) / 100.0);
}

toml::array string_array(const std::vector<std::string>& values) {
    toml::array out;
    for (const std::string& v : values)
        out.push_back(v);
    return out;
}

toml::table log_table(const LogDraft& e) {
    toml::table t;
    t.insert("date", toml_date(e.date));
    if (!e.by.empty())
        t.insert("by", e.by);
    if (!e.kind.empty())
        t.insert("kind", e.kind);
    if (!e.note.empty())
        t.insert("note", e.note);
    if (e.next)
        t.insert("next", toml_date(*e.next));
    if (e.done)
        t.insert("done", true);
    if (!e.why.empty())
        t.insert("why", e.why);
    if (!e.said.empty())
        t.insert("said", e.said);
    if (!e.themes.empty())
        t.insert("themes", string_array(e.themes));
    if (e.satisfaction)
        t.insert("satisfaction", static_cast<std::int64_t>(*e.satisfaction));
    if (!e.class_to.empty()) {
        t.insert("class", e.class_to);
        t.insert("class_was", e.class_was);
    }
    if (!e.owner_to.empty()) {
        t.insert("owner", e.owner_to);
        t.insert("owner_was", e.owner_was);
    }
    return t;
}

toml::table plan_table(const PlanDraft& p) {
    toml::table t;
    t.insert("date", toml_date(p.date));
    t.insert("kind", p.kind);
    if (!p.with.empty())
        t.insert("with", string_array(p.with));
    if (!p.by.empty())
        t.insert("by", p.by);
    if (!p.note.empty())
        t.insert("note", p.note);
    return t;
}

toml::table payment_table(const PaymentDraft& p) {
    toml::table t;
    t.insert("date", toml_date(p.date));
    insert_money(t, "amount", p.amount);
    if (!p.by.empty())
        t.insert("by", p.by);
    if (!p.note.empty())
        t.insert("note", p.note);
    return t;
}

// The quantity as TOML reads the literal render_purchase writes.
void insert_qty(toml::table& t, const std::string& qty) {
    const auto parsed = toml::parse("qty = " + qty);
    if (const toml::node* n = parsed.get("qty"))
        t.insert("qty", *n);
}

toml::table purchase_table(const PurchaseDraft& p) {
    toml::table t;
    t.insert("date", toml_date(p.date));
    t.insert("product", p.product);
    insert_qty(t, p.qty);
    insert_money(t, "price", p.price);
    if (p.paid)
        insert_money(t, "paid", *p.paid);
    if (!p.by.empty())
        t.insert("by", p.by);
    if (p.due)
        t.insert("due", toml_date(*p.due));
    if (!p.note.empty())
        t.insert("note", p.note);
    return t;
}

// A string, or a list of several, as render_person() writes them.
void insert_one_or_more(toml::table& t, std::string_view key, const std::vector<std::string>& v) {
    if (v.size() == 1)
        t.insert(key, v.front());
    else if (!v.empty())
        t.insert(key, string_array(v));
}

toml::table person_table(const Person& p) {
    toml::table t;
    t.insert("name", p.name);
    if (!p.role.empty())
        t.insert("role", p.role);
    insert_one_or_more(t, "phone", p.phones);
    insert_one_or_more(t, "email", p.emails);
    if (p.birthday && p.birthday->year)
        t.insert("birthday", toml::date{*p.birthday->year, p.birthday->month, p.birthday->day});
    else if (p.birthday)
        t.insert("birthday", fmt::format("--{:02}-{:02}", p.birthday->month, p.birthday->day));
    if (p.lunar_birthday) {
        toml::table lunar{{"month", static_cast<std::int64_t>(p.lunar_birthday->month)},
                          {"day", static_cast<std::int64_t>(p.lunar_birthday->day)}};
        if (p.lunar_birthday->leap)
            lunar.insert("leap", true);
        t.insert("lunar_birthday", std::move(lunar));
    }
    if (!p.note.empty())
        t.insert("note", p.note);
    return t;
}

void push_entry(toml::table& root, std::string_view key, toml::table entry) {
    if (toml::array* entries = root[key].as_array()) {
        entries->push_back(std::move(entry));
        return;
    }
    toml::array fresh;
    fresh.push_back(std::move(entry));
    root.insert(key, std::move(fresh));
}

} // namespace

std::string verify_change(std::string_view before, std::string_view after, const Change& change) {
    toml::table expected;
    toml::table actual;
    try {
        expected = toml::parse(before);
    } catch (const toml::parse_error& e) {
        return trf("the old text does not parse: {}", e.description());
    }
    try {
        actual = toml::parse(after);
    } catch (const toml::parse_error& e) {
        return trf("the new text does not parse (line {}: {})", e.source().begin.line,
                   e.description());
    }
    if (change.new_class)
        expected.insert_or_assign("class", *change.new_class);
    if (change.new_owner)
        expected.insert_or_assign("owner", *change.new_owner);
    if (change.new_contacts)
        expected.insert_or_assign("contacts", string_array(*change.new_contacts));
    if (change.purchase)
        push_entry(expected, "purchase", purchase_table(*change.purchase));
    if (change.log)
        push_entry(expected, "log", log_table(*change.log));
    for (const PlanDraft& p : change.plans)
        push_entry(expected, "plan", plan_table(p));
    if (change.payment)
        push_entry(expected, "payment", payment_table(*change.payment));
    for (const FillKey& f : change.fill) {
        try {
            toml::table value = toml::parse(fmt::format("v = {}", f.literal));
            expected.insert_or_assign(f.key, std::move(*value.get("v")));
        } catch (const toml::parse_error& e) {
            return trf("the value of '{}' is not TOML: {}", f.key, e.description());
        }
    }
    for (const Person& p : change.people)
        push_entry(expected, "person", person_table(p));
    if (expected != actual)
        return tr("the new text does not hold exactly the old data and the new entry");
    return "";
}

} // namespace crm
