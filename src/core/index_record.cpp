// A customer file's record in the index: its parse, field by field. Every
// field of Customer and its entries is here, in one order for both ways.

#include "crm/index.hpp"
#include "index_bytes.hpp"

#include <limits>

namespace crm {

namespace {

using detail::ByteReader;
using detail::ByteWriter;

constexpr std::uint64_t kMaxUnsigned = std::numeric_limits<unsigned>::max();

// ---------------------------------------------------------------- writing

void put(ByteWriter& w, Date d) {
    w.i(d.time_since_epoch().count());
}

void put(ByteWriter& w, const std::optional<Date>& d) {
    w.flag(d.has_value());
    if (d)
        put(w, *d);
}

void put(ByteWriter& w, const std::vector<std::string>& list) {
    w.u(list.size());
    for (const std::string& s : list)
        w.str(s);
}

void put(ByteWriter& w, const std::optional<MonthDay>& m) {
    w.flag(m.has_value());
    if (!m)
        return;
    w.flag(m->year.has_value());
    if (m->year)
        w.i(*m->year);
    w.u(m->month);
    w.u(m->day);
}

void put(ByteWriter& w, const std::optional<LunarMonthDay>& m) {
    w.flag(m.has_value());
    if (!m)
        return;
    w.u(m->month);
    w.u(m->day);
    w.flag(m->leap);
}

template <class E> void put_enum(ByteWriter& w, const std::optional<E>& e) {
    w.u(e ? static_cast<std::uint64_t>(*e) + 1 : 0);
}

void put(ByteWriter& w, const Person& p) {
    w.str(p.name);
    w.str(p.role);
    put(w, p.phones);
    put(w, p.emails);
    put(w, p.birthday);
    put(w, p.lunar_birthday);
    w.str(p.note);
    w.u(p.line);
}

void put(ByteWriter& w, const PlanEntry& p) {
    put(w, p.date);
    w.str(p.kind);
    put(w, p.with);
    w.str(p.note);
    w.str(p.by);
    w.u(p.line);
}

void put(ByteWriter& w, const Purchase& p) {
    put(w, p.date);
    w.str(p.product);
    w.f64(p.qty);
    w.i(p.price.cents);
    w.i(p.paid.cents);
    w.str(p.by);
    put(w, p.due);
    w.flag(p.lasts.has_value());
    if (p.lasts) {
        w.i(p.lasts->count);
        w.u(static_cast<std::uint64_t>(p.lasts->unit));
    }
    w.str(p.note);
    w.u(p.line);
}

void put(ByteWriter& w, const Payment& p) {
    put(w, p.date);
    w.i(p.amount.cents);
    w.str(p.by);
    w.str(p.note);
    w.u(p.line);
}

void put(ByteWriter& w, const LogEntry& e) {
    put(w, e.date);
    w.str(e.by);
    w.str(e.kind);
    w.str(e.note);
    put(w, e.next);
    w.flag(e.done);
    w.str(e.why);
    w.str(e.said);
    put(w, e.themes);
    w.u(e.satisfaction.value_or(0));
    w.str(e.class_to);
    w.str(e.class_was);
    w.str(e.owner_to);
    w.str(e.owner_was);
    w.u(e.line);
}

template <class T> void put(ByteWriter& w, const std::vector<T>& list) {
    w.u(list.size());
    for (const T& x : list)
        put(w, x);
}

// The record's first part: what check_with_settings reads (crm check reads
// no more than this and the diagnostics).
void put_check(ByteWriter& w, const Customer& c) {
    w.flag(c.conflict_line.has_value());
    if (c.conflict_line)
        w.u(*c.conflict_line);
    w.str(c.class_name);
    w.u(c.class_line);
    w.u(c.class_column);
}

// Who the customer is (Logs::none reads no more).
void put_identity(ByteWriter& w, const Customer& c) {
    w.str(c.name);
    w.str(c.owner);
    put(w, c.contacts);
    w.str(c.region);
    put(w, c.phones);
    put(w, c.emails);
    put(w, c.birthday);
    put(w, c.lunar_birthday);
    w.flag(c.payday.has_value());
    if (c.payday)
        w.u(*c.payday);
    w.u(c.household);
    put(w, c.tags);
    w.str(c.prefers);
    w.str(c.notes);
    put(w, c.since);
    put_enum(w, c.calendar.feb29);
    put_enum(w, c.calendar.lunar_leap);
    put_enum(w, c.calendar.lunar_day30);
    put(w, c.people);
}

// What happened, but for the logs.
void put_events(ByteWriter& w, const Customer& c) {
    put(w, c.plans);
    put(w, c.purchases);
    put(w, c.payments);
}

// ---------------------------------------------------------------- reading

Date get_date(ByteReader& r) {
    return Date{date::days{static_cast<int>(r.i())}};
}

std::optional<Date> get_opt_date(ByteReader& r) {
    if (!r.flag())
        return std::nullopt;
    return get_date(r);
}

std::vector<std::string> get_strings(ByteReader& r) {
    std::vector<std::string> out(r.small(r.left()));
    for (std::string& s : out)
        s = r.str();
    return out;
}

std::optional<MonthDay> get_month_day(ByteReader& r) {
    if (!r.flag())
        return std::nullopt;
    MonthDay m;
    if (r.flag())
        m.year = static_cast<int>(r.i());
    m.month = r.small(kMaxUnsigned);
    m.day = r.small(kMaxUnsigned);
    return m;
}

std::optional<LunarMonthDay> get_lunar(ByteReader& r) {
    if (!r.flag())
        return std::nullopt;
    LunarMonthDay m;
    m.month = r.small(kMaxUnsigned);
    m.day = r.small(kMaxUnsigned);
    m.leap = r.flag();
    return m;
}

template <class E> std::optional<E> get_enum(ByteReader& r, E last) {
    const unsigned v = r.small(static_cast<std::uint64_t>(last) + 1);
    if (v == 0)
        return std::nullopt;
    return static_cast<E>(v - 1);
}

void get(ByteReader& r, Person& p) {
    p.name = r.str();
    p.role = r.str();
    p.phones = get_strings(r);
    p.emails = get_strings(r);
    p.birthday = get_month_day(r);
    p.lunar_birthday = get_lunar(r);
    p.note = r.str();
    p.line = r.small(kMaxUnsigned);
}

void get(ByteReader& r, PlanEntry& p) {
    p.date = get_date(r);
    p.kind = r.str();
    p.with = get_strings(r);
    p.note = r.str();
    p.by = r.str();
    p.line = r.small(kMaxUnsigned);
}

void get(ByteReader& r, Purchase& p) {
    p.date = get_date(r);
    p.product = r.str();
    p.qty = r.f64();
    p.price.cents = r.i();
    p.paid.cents = r.i();
    p.by = r.str();
    p.due = get_opt_date(r);
    if (r.flag()) {
        Interval i;
        i.count = static_cast<int>(r.i());
        i.unit = static_cast<Interval::Unit>(r.small(static_cast<unsigned>(Interval::Unit::year)));
        p.lasts = i;
    }
    p.note = r.str();
    p.line = r.small(kMaxUnsigned);
}

void get(ByteReader& r, Payment& p) {
    p.date = get_date(r);
    p.amount.cents = r.i();
    p.by = r.str();
    p.note = r.str();
    p.line = r.small(kMaxUnsigned);
}

void get(ByteReader& r, LogEntry& e) {
    e.date = get_date(r);
    e.by = r.str();
    e.kind = r.str();
    e.note = r.str();
    e.next = get_opt_date(r);
    e.done = r.flag();
    e.why = r.str();
    e.said = r.str();
    e.themes = get_strings(r);
    if (const auto score = static_cast<unsigned>(r.small(5)); score > 0)
        e.satisfaction = score;
    else
        e.satisfaction.reset();
    e.class_to = r.str();
    e.class_was = r.str();
    e.owner_to = r.str();
    e.owner_was = r.str();
    e.line = r.small(kMaxUnsigned);
}

// Each element takes at least one byte: a count above what is left is damage.
template <class T> void get(ByteReader& r, std::vector<T>& list) {
    list.resize(r.small(r.left()));
    for (T& x : list)
        get(r, x);
}

void get_check(ByteReader& r, Customer& c) {
    if (r.flag())
        c.conflict_line = r.small(kMaxUnsigned);
    c.class_name = r.str();
    c.class_line = r.small(kMaxUnsigned);
    c.class_column = r.small(kMaxUnsigned);
}

void get_identity(ByteReader& r, Customer& c) {
    c.name = r.str();
    c.owner = r.str();
    c.contacts = get_strings(r);
    c.region = r.str();
    c.phones = get_strings(r);
    c.emails = get_strings(r);
    c.birthday = get_month_day(r);
    c.lunar_birthday = get_lunar(r);
    if (r.flag())
        c.payday = r.small(kMaxUnsigned);
    c.household = r.small(kMaxUnsigned);
    c.tags = get_strings(r);
    c.prefers = r.str();
    c.notes = r.str();
    c.since = get_opt_date(r);
    c.calendar.feb29 = get_enum(r, Feb29Rule::mar1);
    c.calendar.lunar_leap = get_enum(r, LunarLeapRule::both);
    c.calendar.lunar_day30 = get_enum(r, LunarDay30Rule::skip);
    get(r, c.people);
}

void get_events(ByteReader& r, Customer& c) {
    get(r, c.plans);
    get(r, c.purchases);
    get(r, c.payments);
}

void put_diagnostics(ByteWriter& w, const Diagnostics& diagnostics, std::string_view path) {
    w.u(diagnostics.size());
    for (const Diagnostic& d : diagnostics) {
        const bool own = d.path == path;
        w.flag(own);
        if (!own)
            w.str(d.path);
        w.u(d.line);
        w.u(d.column);
        w.u(static_cast<std::uint64_t>(d.severity));
        w.str(d.message);
        w.str(d.hint);
    }
}

void get_diagnostics(ByteReader& r, Diagnostics& diagnostics, std::string_view path) {
    diagnostics.resize(r.small(r.left()));
    for (Diagnostic& d : diagnostics) {
        d.path = r.flag() ? std::string(path) : r.str();
        d.line = r.small(kMaxUnsigned);
        d.column = r.small(kMaxUnsigned);
        d.severity = static_cast<Severity>(r.small(static_cast<unsigned>(Severity::error)));
        d.message = r.str();
        d.hint = r.str();
    }
}

} // namespace

// The summary: what crm check reads first (the class, a conflict, the
// diagnostics), then who the customer is, then what happened without the
// logs, and its last contact, so that a decode stops where its caller's
// needs end. The history: every log.
Record encode_record(const Parsed<Customer>& parsed, std::string_view path) {
    Record out;
    ByteWriter w(out.summary);
    w.flag(parsed.value.has_value());
    if (parsed.value)
        put_check(w, *parsed.value);
    put_diagnostics(w, parsed.diagnostics, path);
    if (parsed.value) {
        const Customer& c = *parsed.value;
        put_identity(w, c);
        put_events(w, c);
        const LogEntry* last = last_contact(c);
        w.flag(last != nullptr);
        if (last)
            put(w, *last);
        ByteWriter h(out.history);
        put(h, c.logs);
    }
    return out;
}

std::optional<Parsed<Customer>> decode_record(std::string_view summary,
                                              const HistorySource& history, std::string_view path,
                                              Logs logs) {
    ByteReader r(summary);
    Parsed<Customer> out;
    const bool value = r.flag();
    if (value) {
        Customer& c = out.value.emplace();
        c.id = id_from_path(path);
        c.path = std::string(path);
        get_check(r, c);
    }
    get_diagnostics(r, out.diagnostics, path);
    // A part left unread is not checked for its end: the summary's checksum
    // stands for it (read_entry).
    if (!value)
        return r.bad || !r.at_end() ? std::nullopt : std::optional(std::move(out));
    if (logs == Logs::check)
        return r.bad ? std::nullopt : std::optional(std::move(out));
    Customer& c = *out.value;
    get_identity(r, c);
    if (logs == Logs::none)
        return r.bad ? std::nullopt : std::optional(std::move(out));
    get_events(r, c);
    LogEntry last;
    const bool has_last = r.flag();
    if (has_last)
        get(r, last);
    if (r.bad || !r.at_end())
        return std::nullopt;
    // Plans are closed by logs: a customer with plans gets every one.
    if (logs == Logs::all || !c.plans.empty()) {
        const std::optional<std::string_view> bytes = history();
        if (!bytes)
            return std::nullopt;
        ByteReader h(*bytes);
        get(h, c.logs);
        if (h.bad || !h.at_end())
            return std::nullopt;
    } else if (has_last)
        c.logs.push_back(std::move(last));
    return out;
}

} // namespace crm
