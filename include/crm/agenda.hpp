#pragma once
// The morning agenda: whom to contact, when and why. Pure: the ledger and the
// day go in, the items come out; the rules are written in crm(5).

#include "crm/ledger.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm {

enum class Kind { conflict, revisit, followup, plan, birthday, runout, collect };

// "conflict", "revisit", "follow-up", "plan", "birthday", "run-out", "collect".
std::string_view kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view name);

// One reason to contact a customer. `text` is a short phrase, one form per
// kind (crm(5) lists them all), e.g.
//   conflict   "merge conflict at customers/x.toml:12: resolve it, then crm check"
//              (the file's only reason, due today, whatever the kinds asked)
//   revisit    "last contact 2026-11-16", "never contacted"
//   follow-up  "7d after buying rice-10kg on 2026-11-01"
//   plan       "planned visit with amy, ben: introduction of ben", "planned call"
//   birthday   "birthday Fri (50)", "birthday Sun (47), Feb 29 → Feb 28",
//              "lunar 8/15 → Fri 2026-09-25", "lunar L6/3 as 6/3 → Thu 2026-07-16",
//              "birthday of 李經理 (purchasing) Fri (50)",
//              "birthday of 李經理 (purchasing), lunar 8/15 → Fri 2026-09-25"
//   run-out    "rice-10kg runs out Mon 2026-12-07" ("ran out" once past)
//   collect    "owes 600 TWD for rice-10kg of 2026-11-02"
// Neither `late` nor `days_late` is in the text: renderers show them.
struct Reason {
    Kind kind = Kind::revisit;
    Date date;                   // when it is due (for an overdue item, the original date)
    int days_late = 0;           // today - date when positive, else 0
    bool late = false;           // past a class's maximum interval (revisit only)
    std::string text;            // readable detail, e.g. "lunar 8/15 → Fri 2026-09-25"
    std::optional<Money> amount; // collect: the balance
    // What the reason is about, the same from one day to the next whatever
    // its date, so that a calendar event keeps its UID when a revisit moves:
    // "" (revisit, conflict), the sale's date (follow-up), the plan's date
    // and kind (plan), the product (run-out), the oldest purchase's date and
    // product (collect), whose birthday (birthday). Parts are written by
    // key_part() and joined by '.'.
    std::string key;
};

// `s` with every byte that is not an ASCII letter or digit, '-', '_' or
// part of a non-ASCII UTF-8 character written as =XX ("a.b" is "a=2Eb"):
// nothing in a calendar UID to escape, and no '.', which joins the parts
// of a key. Not %XX: Python's icalendar 4 turns a "%2C" in any value into ",".
std::string key_part(std::string_view s);

// One line of the agenda: one customer on one day with all its reasons.
// Overdue reasons join today's line.
struct Item {
    // Who and where, without the history (purchases, payments, contacts and
    // notes are left out): an agenda outlives the customers it was computed
    // from, so a folder of 100,000 files never has to be held in memory.
    // Shared by the customer's lines.
    std::shared_ptr<const Customer> customer;
    Date date;         // the day of the line (today for overdue ones)
    int days_late = 0; // the most late of its reasons
    std::vector<Reason> reasons;
    Money value; // the customer's lifetime value, for ordering
};

enum class Section { overdue, today, upcoming, birthdays };
// Overdue when late, today when due today, birthdays when every reason is a
// birthday beyond the horizon, else upcoming.
Section section_of(const Item& item, Date today, Date horizon_end);

// Whether an overdue reason is past every grace the rules allow: a revisit of
// a class with a maximum interval is only "due" until that maximum passes;
// every other overdue reason is late. False when not overdue.
bool past_grace(const Reason& r, const Customer& c, const Settings& s);

// How late a line is, as its when-column says: the lead reason is the most
// late reason past every grace, else the most overdue one (ties: the first
// in Kind order). `days` is 0 and `late` false for a line that is not overdue.
struct Lateness {
    int days = 0;
    bool late = false;      // the lead reason is past every grace ("late", not "due")
    std::size_t reason = 0; // index of the lead reason in item.reasons
};
Lateness lateness_of(const Item& item, const Settings& s);

enum class SortKey { date, value, name, region };

struct Filters {
    std::vector<std::string> owners;  // any of; matches owner or contacts
    std::vector<std::string> regions; // any of; prefix on '/' boundaries
    std::vector<std::string> tags;    // any of
    std::vector<std::string> classes; // any of
    std::vector<Kind> kinds;          // keep only these reasons
};

// Whether a customer passes the customer filters (all but `kinds`): each
// non-empty list must match. Owners, tags and classes compare ignoring ASCII
// case.
bool matches(const Customer& c, const Filters& f);

// "Taipei" matches "Taipei" and "Taipei/Da'an" but not "Taipeix"; ASCII case
// is ignored and a trailing '/' in `prefix` is allowed.
bool region_matches(std::string_view region, std::string_view prefix);

struct AgendaOptions {
    std::optional<int> days; // overrides the horizon
    Filters filters;
    SortKey sort = SortKey::date;
};

// today + options.days when given (negative counts as 0), else today +
// settings.horizon.
Date horizon_end_of(const Settings& s, const AgendaOptions& options, Date today);

// today + settings.birthday_window, or the horizon's end when that is later
// (so `--days 60` shows 60 days of birthdays too).
Date birthday_end_of(const Settings& s, const AgendaOptions& options, Date today);

struct Agenda {
    Date today;
    Date horizon_end;  // last day of the horizon (inclusive)
    Date birthday_end; // last day of the birthday window (inclusive)
    // Sorted: overdue lines first, most late first (past grace before
    // within it, then by days), or biggest customers first with
    // SortKey::value; then by `sort`, date, value, name and id.
    std::vector<Item> items;
};

// Builds an agenda one customer at a time, so that a folder's customers can
// go through it as they are parsed and be dropped. Not thread-safe: give each
// thread its own builder (same settings, options and day) and join them.
class AgendaBuilder {
  public:
    // `settings` must outlive the builder.
    AgendaBuilder(const Settings& settings, const AgendaOptions& options, Date today);
    AgendaBuilder(AgendaBuilder&&) noexcept;
    AgendaBuilder& operator=(AgendaBuilder&&) noexcept;
    ~AgendaBuilder();

    // Adds the lines of `c`, when it passes the filters; from an rvalue,
    // the lines take its identity instead of a copy.
    void add(const Customer& c);
    void add(Customer&& c);
    // Takes over the lines of `other`.
    void join(AgendaBuilder&& other);
    // The agenda, sorted; the order does not depend on the order of add().
    Agenda finish() &&;

  private:
    struct State;
    std::unique_ptr<State> state_;
    void add(const Customer& c, Customer* own);
};

// The agenda of `ledger` as of `today`. Customers whose files failed to
// parse are not in the ledger and so not here.
Agenda compute_agenda(const Ledger& ledger, const AgendaOptions& options, Date today);

// The reasons of one customer, unmerged and unfiltered (for `crm show`):
// birthdays in [today, birthday_end], the other kinds due by horizon_end
// (overdue ones included), in Kind order.
std::vector<Reason> reasons_for(const Customer& c, const Settings& s, Date today, Date horizon_end,
                                Date birthday_end);

} // namespace crm
