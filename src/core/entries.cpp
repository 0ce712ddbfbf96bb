#include "entries.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::detail {

namespace {

// The most units one purchase may hold: enough for any shop, and small
// enough that a run-out or a price never overflows.
constexpr double kMaxQty = 1'000'000;

// Visits every key of an entry, warning about unknown ones.
template <class Read>
void each_key(Reader& r, const toml::table& t, std::string_view entry,
              const std::vector<std::string>& known, Read read) {
    for (const auto& [key, value] : t) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end())
            r.unknown_key(key, known, trf(" in [[{}]]", entry));
        else
            read(key.str(), value);
    }
}

// The entry's date, which every entry needs; reported when missing.
std::optional<Date> entry_date(Reader& r, const toml::table& t, std::string_view entry) {
    if (const toml::node* d = t.get("date"))
        return r.date(*d, "date");
    r.error(t.source(), trf("[[{}]] without a 'date'", entry),
            tr("add date = YYYY-MM-DD to this entry"));
    return std::nullopt;
}

void check_paid(Reader& r, const toml::table& t, Purchase& p, std::optional<Money> paid) {
    if (!paid) {
        p.paid = p.price;
        return;
    }
    const toml::source_region& at = t.get("paid")->source();
    if (*paid < Money{})
        r.error(at, trf("paid {} is negative", format_money(*paid)));
    else if (*paid > p.price)
        r.error(
            at,
            trf("paid {} is more than the price {}", format_money(*paid), format_money(p.price)),
            tr("price is the total for the purchase; record extra money as a [[payment]]"));
    else
        p.paid = *paid;
}

std::optional<Purchase> read_purchase(Reader& r, const toml::table& t) {
    static const std::vector<std::string> known = {"date", "product", "qty",   "price", "paid",
                                                   "by",   "due",     "lasts", "note"};
    Purchase p;
    p.line = t.source().begin.line;
    std::optional<Money> paid;
    bool price_ok = true;
    each_key(r, t, "purchase", known, [&](std::string_view k, const toml::node& v) {
        if (k == "product")
            p.product = r.string(v, k).value_or("");
        else if (k == "by")
            p.by = r.string(v, k).value_or("");
        else if (k == "note")
            p.note = r.note(v, k);
        else if (k == "due")
            p.due = r.date(v, k);
        else if (k == "lasts")
            p.lasts = r.interval(v, k);
        else if (k == "price") {
            const auto price = r.money(v, k);
            price_ok = price.has_value();
            p.price = price.value_or(Money{});
        } else if (k == "paid")
            paid = r.money(v, k);
        else if (k == "qty") {
            const auto q = r.number(v, k);
            if (q && *q <= 0)
                r.error(v.source(), trf("quantity {} is not positive", *q),
                        tr("a purchase has a quantity above 0; record a return as a note"));
            else if (q && !(*q <= kMaxQty)) // NaN and infinity too
                r.error(v.source(), trf("quantity {} is more than crm keeps", *q),
                        trf("a purchase has at most {} units", kMaxQty));
            else if (q)
                p.qty = *q;
        }
    });
    if (p.price < Money{})
        r.error(t.get("price")->source(), tr("price is negative"));
    if (price_ok) // a bad price was reported; comparing paid with it would mislead
        check_paid(r, t, p, paid);
    const auto when = entry_date(r, t, "purchase");
    if (!when)
        return std::nullopt;
    p.date = *when;
    return p;
}

std::optional<Payment> read_payment(Reader& r, const toml::table& t) {
    static const std::vector<std::string> known = {"date", "amount", "by", "note"};
    Payment p;
    p.line = t.source().begin.line;
    each_key(r, t, "payment", known, [&](std::string_view k, const toml::node& v) {
        if (k == "amount") {
            const auto a = r.money(v, k);
            if (a && *a <= Money{})
                r.error(v.source(), trf("payment of {} is not positive", format_money(*a)));
            else if (a)
                p.amount = *a;
        } else if (k == "by")
            p.by = r.string(v, k).value_or("");
        else if (k == "note")
            p.note = r.note(v, k);
    });
    if (!t.contains("amount"))
        r.error(t.source(), tr("[[payment]] without an 'amount'"),
                tr("add amount = … to this entry"));
    const auto when = entry_date(r, t, "payment");
    if (!when || p.amount <= Money{})
        return std::nullopt;
    p.date = *when;
    return p;
}

// Why a customer buys, keeps buying or would stop: crm reasons' questions.
const std::vector<std::string> kWhy = {"buy", "keep", "stop"};

void read_why(Reader& r, const toml::node& v, LogEntry& e) {
    e.why = r.string(v, "why").value_or("");
    if (e.why.empty() || std::find(kWhy.begin(), kWhy.end(), e.why) != kWhy.end())
        return;
    const auto near = did_you_mean(e.why, kWhy);
    r.warning(v.source(), trf("why = \"{}\" is none of buy, keep, stop", e.why),
              near ? trf("did you mean '{}'? crm reasons leaves this one out", *near)
                   : tr("crm reasons asks why customers buy, keep buying or would stop; it "
                        "leaves this one out"));
}

void read_satisfaction(Reader& r, const toml::node& v, LogEntry& e) {
    const auto score = r.integer(v, "satisfaction");
    if (score && (*score < 1 || *score > 5))
        r.warning(v.source(), trf("satisfaction {} is not from 1 to 5", *score),
                  tr("write 1 (very unhappy) to 5 (very happy); this score is left out"));
    else if (score)
        e.satisfaction = static_cast<unsigned>(*score);
}

void read_log_key(Reader& r, std::string_view k, const toml::node& v, LogEntry& e) {
    if (k == "by")
        e.by = r.string(v, k).value_or("");
    else if (k == "kind")
        e.kind = r.string(v, k).value_or("");
    else if (k == "note")
        e.note = r.note(v, k);
    else if (k == "next")
        e.next = r.date(v, k);
    else if (k == "done")
        e.done = r.boolean(v, k).value_or(false);
    else if (k == "why")
        read_why(r, v, e);
    else if (k == "said")
        e.said = r.string(v, k).value_or("");
    else if (k == "themes")
        e.themes = r.strings(v, k).value_or(std::vector<std::string>{});
    else if (k == "satisfaction")
        read_satisfaction(r, v, e);
    else if (k == "class")
        e.class_to = r.string(v, k).value_or("");
    else if (k == "class_was")
        e.class_was = r.string(v, k).value_or("");
    else if (k == "owner")
        e.owner_to = r.string(v, k).value_or("");
    else if (k == "owner_was")
        e.owner_was = r.string(v, k).value_or("");
}

std::optional<LogEntry> read_log(Reader& r, const toml::table& t) {
    static const std::vector<std::string> known = {
        "date", "by",     "kind",  "note",      "next",  "done",      "why",
        "said", "themes", "class", "class_was", "owner", "owner_was", "satisfaction"};
    LogEntry e;
    e.line = t.source().begin.line;
    each_key(r, t, "log", known,
             [&](std::string_view k, const toml::node& v) { read_log_key(r, k, v, e); });
    const auto when = entry_date(r, t, "log");
    if (!when)
        return std::nullopt;
    e.date = *when;
    return e;
}

// `with` names one person or several: "ben" or ["amy", "ben"].
std::vector<std::string> team(Reader& r, const toml::node& v) {
    if (const auto* s = v.as_string())
        return {s->get()};
    if (v.is_array())
        return r.strings(v, "with").value_or(std::vector<std::string>{});
    r.error(v.source(), tr("'with' must be a name or a list of names"),
            tr("write with = \"ben\" or with = [\"amy\", \"ben\"]"));
    return {};
}

// The note is read whatever `notes` says: the agenda shows what a plan is
// for, and plans are few.
std::optional<PlanEntry> read_plan(Reader& r, const toml::table& t) {
    static const std::vector<std::string> known = {"date", "kind", "with", "note", "by"};
    PlanEntry e;
    e.line = t.source().begin.line;
    each_key(r, t, "plan", known, [&](std::string_view k, const toml::node& v) {
        if (k == "kind") {
            const auto kind = r.string(v, k);
            if (kind && kind->empty())
                r.error(v.source(), tr("'kind' is empty"),
                        tr("write a word like visit, call or email"));
            else if (kind)
                e.kind = *kind;
        } else if (k == "with")
            e.with = team(r, v);
        else if (k == "note")
            e.note = r.string(v, k).value_or("");
        else if (k == "by")
            e.by = r.string(v, k).value_or("");
    });
    const auto when = entry_date(r, t, "plan");
    if (!when)
        return std::nullopt;
    e.date = *when;
    return e;
}

std::optional<Person> read_person(Reader& r, const toml::table& t) {
    static const std::vector<std::string> known = {"name",     "role",           "phone", "email",
                                                   "birthday", "lunar_birthday", "note"};
    Person p;
    p.line = t.source().begin.line;
    each_key(r, t, "person", known, [&](std::string_view k, const toml::node& v) {
        if (k == "name")
            p.name = r.string(v, k).value_or("");
        else if (k == "role")
            p.role = r.string(v, k).value_or("");
        else if (k == "phone")
            p.phones = r.one_or_more(v, k).value_or(std::vector<std::string>{});
        else if (k == "email")
            p.emails = r.one_or_more(v, k).value_or(std::vector<std::string>{});
        else if (k == "birthday")
            p.birthday = read_birthday(r, v);
        else if (k == "lunar_birthday")
            p.lunar_birthday = read_lunar_birthday(r, v);
        else if (k == "note")
            p.note = r.note(v, k);
    });
    if (!t.contains("name")) {
        r.error(t.source(), tr("[[person]] without a 'name'"),
                tr("add name = \"…\" to this entry"));
        return std::nullopt;
    }
    if (p.name.empty() && t.get("name")->is_string())
        r.error(t.get("name")->source(), tr("'name' is empty"), tr("write the person's name"));
    return p;
}

// An entry with a wrong value is left out whole: guessing a default for a
// bad `paid` would invent a debt, and a purchase of quantity 0 is no sale.
template <class Entry, class ReadOne>
std::vector<Entry> read_all(Reader& r, const toml::node& n, std::string_view name,
                            ReadOne read_one) {
    const std::vector<const toml::table*> tables = r.array_of_tables(n, name);
    std::vector<Entry> out;
    out.reserve(tables.size());
    for (const toml::table* t : tables) {
        const std::size_t errors_before = r.errors();
        auto entry = read_one(r, *t);
        if (entry && r.errors() == errors_before)
            out.push_back(std::move(*entry));
    }
    return out;
}

} // namespace

std::vector<Purchase> read_purchases(Reader& r, const toml::node& n) {
    return read_all<Purchase>(r, n, "purchase", read_purchase);
}

std::vector<Payment> read_payments(Reader& r, const toml::node& n) {
    return read_all<Payment>(r, n, "payment", read_payment);
}

std::vector<LogEntry> read_logs(Reader& r, const toml::node& n) {
    return read_all<LogEntry>(r, n, "log", read_log);
}

std::vector<PlanEntry> read_plans(Reader& r, const toml::node& n) {
    return read_all<PlanEntry>(r, n, "plan", read_plan);
}

std::vector<Person> read_people(Reader& r, const toml::node& n) {
    return read_all<Person>(r, n, "person", read_person);
}

} // namespace crm::detail
