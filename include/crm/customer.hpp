#pragma once
// One customer, as read from customers/<id>.toml. Positions are kept for the
// entries so that later checks can still point at the right line.

#include "crm/dates.hpp"
#include "crm/interval.hpp"
#include "crm/lunar.hpp"
#include "crm/money.hpp"

#include <optional>
#include <string>
#include <vector>

namespace crm {

struct Purchase {
    Date date;
    std::string product; // a key of [products], or free text
    double qty = 1;
    Money price;
    Money paid; // defaults to price: a purchase without `paid` is settled
    std::string by;
    std::optional<Date> due; // when the balance is to be collected
    std::optional<Interval> lasts;
    std::string note;
    unsigned line = 0; // where the [[purchase]] header is, for messages

    bool operator==(const Purchase&) const = default;
};

struct Payment {
    Date date;
    Money amount;
    std::string by;
    std::string note;
    unsigned line = 0;

    bool operator==(const Payment&) const = default;
};

struct LogEntry {
    Date date;
    std::string by;
    std::string kind;
    std::string note;
    std::optional<Date> next;
    bool done = false; // `done = true`: closes a planned item (crm log --done)
    // What the customer said and why (crm reasons): `why` is "buy", "keep"
    // or "stop" (any other word is kept and warned about), `said` their
    // words verbatim, `themes` what they were about.
    std::string why;
    std::string said;
    std::vector<std::string> themes;
    std::optional<unsigned> satisfaction; // 1..5
    // A move between classes recorded with the contact (crm log --class):
    // `class_was` → `class`. Empty when the contact moved nothing.
    std::string class_to;
    std::string class_was;
    // A handover's move between owners (crm handover): `owner_was` → `owner`.
    std::string owner_to;
    std::string owner_was;
    unsigned line = 0;

    bool operator==(const LogEntry&) const = default;
};

// A contact planned ahead, a [[plan]] entry: on the agenda from its date
// until a contact of its kind is logged on or after that day, or a log with
// `done = true` closes it (crm(5), WHAT CRM COMPUTES, Plan).
struct PlanEntry {
    Date date;
    std::string kind = "visit";    // as written; "visit" when the entry has none
    std::vector<std::string> with; // who of the team goes along
    std::string note;              // what it is for; kept even when notes are skipped
    std::string by;                // who planned it
    unsigned line = 0;

    bool operator==(const PlanEntry&) const = default;
};

// Someone at the customer, a [[person]] entry: the buyer at a company, a
// customer's spouse. Their birthdays are the customer's agenda reasons, and
// a command finds the customer by their name or phone.
struct Person {
    std::string name;
    std::string role;
    std::vector<std::string> phones; // `phone`: a string or a list in the file
    std::vector<std::string> emails; // `email`: likewise
    std::optional<MonthDay> birthday;
    std::optional<LunarMonthDay> lunar_birthday;
    std::string note;
    unsigned line = 0;

    bool operator==(const Person&) const = default;
};

// Per-customer calendar overrides; unset fields follow crm.toml.
struct CalendarOverrides {
    std::optional<Feb29Rule> feb29;
    std::optional<LunarLeapRule> lunar_leap;
    std::optional<LunarDay30Rule> lunar_day30;

    bool operator==(const CalendarOverrides&) const = default;
};

// Every field is also in the index's record (src/core/index_record.cpp): a
// field added here is added there, and the index's format version raised.
struct Customer {
    std::string id;   // the file name without .toml
    std::string path; // relative to the folder: "customers/<id>.toml"
    std::string name;
    std::string class_name;
    unsigned class_line = 0, class_column = 0; // where `class` is written; 0 when it is not
    std::string owner;
    std::vector<std::string> contacts;
    std::string region;
    std::vector<std::string> phones; // `phone`: a string or a list in the file
    std::vector<std::string> emails; // `email`: likewise
    std::optional<MonthDay> birthday;
    std::optional<LunarMonthDay> lunar_birthday;
    std::optional<unsigned> payday; // 1..31
    unsigned household = 1;
    std::vector<std::string> tags;
    std::string prefers;
    std::string notes;
    std::optional<Date> since;
    CalendarOverrides calendar;
    std::vector<Person> people;
    std::vector<PlanEntry> plans;
    std::vector<Purchase> purchases;
    std::vector<Payment> payments;
    std::vector<LogEntry> logs; // in file order; may be out of date order
    // Set when the file holds a git merge conflict: the line of its first
    // <<<<<<< marker. The customer is then read from "our" side of each
    // conflict, so that it can still be found and shown on the agenda; no
    // command writes to it until the conflict is resolved.
    std::optional<unsigned> conflict_line;

    bool operator==(const Customer&) const = default;
};

// Who the customer is without what happened: every field but the plans,
// purchases, payments, logs and notes, which are most of a customer's
// memory. The people are kept (a name typed may be one of theirs).
Customer without_history(const Customer& c);
// The same, moving those fields out of `c` (which keeps its history).
Customer without_history(Customer&& c);

// Total of all purchase prices: the customer's lifetime value.
Money lifetime_value(const Customer& c);

// What is still owed: prices - paid at purchase - payments.
Money balance(const Customer& c);

// Whether a [[log]] records a contact with the customer. A handover (kind
// "handover", written by crm handover) is the team's business: it does not
// move the next revisit nor do a follow-up.
bool is_contact(const LogEntry& e);

// What a scan's customers hold of their [[log]]s: all of them, or only what
// the agenda, `crm check` and `crm list` read of them: the last contact
// (last_contact), and every log of a customer with [[plan]]s, which logs
// close. Most of a file is its logs; the index keeps the short form apart.
// Logs::none: no logs, and nothing of what happened (plans, purchases,
// payments): who the customer is, as without_history() has it.
// Logs::check: only what crm check reads, the class and a merge conflict
// (check_with_settings); from the index, nothing else is there.
enum class Logs { all, last, none, check };

// Cuts `c` to Logs::last.
void keep_last_contact(Customer& c);

// The most recent contact by date (a back-dated entry counts by its date);
// among entries of the same date, the last one in the file.
const LogEntry* last_contact(const Customer& c);

} // namespace crm
