#pragma once
// `crm list`: one row per customer, the customers chosen by the agenda's
// filters, a text search and how long since the last contact, in a total
// order. Pure: the customers, the settings and the day go in, rows come out.

#include "crm/agenda.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// A search that ignores case and Chinese script, as names are matched
// (match_customer): "张伟" finds "張偉", "acme" finds "ACME". Immutable once
// made, so threads may share one.
class LooseSearch {
  public:
    // An empty needle is found in every text.
    explicit LooseSearch(std::string_view needle);
    LooseSearch(LooseSearch&&) noexcept;
    LooseSearch& operator=(LooseSearch&&) noexcept;
    ~LooseSearch();

    // Whether the needle occurs in `haystack` once both are case-folded and
    // Traditional characters are written Simplified.
    bool found_in(std::string_view haystack) const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// LooseSearch(needle).found_in(haystack), for one search.
bool loose_contains(std::string_view haystack, std::string_view needle);

// Whether `search` occurs in the customer's name, id, phone, email, a tag,
// prefers, notes, a person's name, phone or email, or the note of a log
// entry, purchase or payment. The notes must have been parsed (Notes::keep).
bool grep_matches(const Customer& c, const LooseSearch& search);

// Whether the customer was last contacted at least `days` days before
// `today`; a customer never contacted always is.
bool is_dormant(const Customer& c, int days, Date today);

// The date the customer is next due for anything (a date before today when
// something is overdue), or nullopt when there is no reason at all.
std::optional<Date> next_due(const Customer& c, const Settings& s, Date today);

// One customer's line of the list: who, and the dates and amounts that
// matter before a visit. No history, so that 10,000 rows stay small.
struct ListRow {
    std::string id;
    std::string name;
    std::string class_name;
    std::string owner;
    std::vector<std::string> contacts;
    std::string region;
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    std::vector<std::string> tags;
    std::string path;
    std::optional<Date> last_contact; // the date of last_contact(), if any
    std::optional<Date> next_due;
    Money balance;
    Money value;                     // lifetime value
    std::vector<Person> people = {}; // the [[person]] entries, for the JSON list
};

// The row of `c` as of `today`.
ListRow row_of(const Customer& c, const Settings& s, Date today);

enum class ListSort { name, value, last, next, balance };

// "name", "value", "last", "next", "balance"; nullopt for anything else.
std::optional<ListSort> parse_list_sort(std::string_view name);

struct ListOptions {
    Filters filters;                 // as `crm due`'s; `kinds` is ignored
    std::optional<std::string> grep; // LooseSearch over grep_matches' fields
    std::optional<int> dormant;      // is_dormant for this many days
    ListSort sort = ListSort::name;
};

// Whether any option narrows the list (so a count says "3 of 25").
bool narrows(const ListOptions& o);

// Orders rows: name (zh_TW collation, as `crm due --sort name`); value and
// balance biggest first; last: longest since contact first, never contacted
// first of all; next: soonest first, none last. Ties by name, then id, so
// the order is total.
void sort_rows(std::vector<ListRow>& rows, ListSort sort);

struct Listing {
    Date today;
    std::size_t total = 0;     // customers looked at
    bool filtered = false;     // whether options narrowed the list
    std::vector<ListRow> rows; // those that passed, sorted
};

// Builds a listing one customer at a time, as the folder is parsed, keeping
// only the rows. Not thread-safe: one builder per thread, then join.
class ListBuilder {
  public:
    // `settings` must outlive the builder.
    ListBuilder(const Settings& settings, const ListOptions& options, Date today);
    ListBuilder(ListBuilder&&) noexcept;
    ListBuilder& operator=(ListBuilder&&) noexcept;
    ~ListBuilder();

    // Counts `c`, and keeps its row when it passes every option.
    void add(const Customer& c);
    // Takes over the counts and rows of `other`.
    void join(ListBuilder&& other);
    // The listing, sorted; its order does not depend on the order of add().
    Listing finish() &&;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace crm
