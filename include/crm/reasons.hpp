#pragma once
// `crm reasons`: why customers buy, keep buying and would stop, answered in
// their own words (the `why`, `said` and `themes` of their [[log]]s). Pure:
// the customers, the settings and the period go in, the quotes come out.

#include "crm/agenda.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crm {

// One thing a customer said, as a [[log]] recorded it.
struct Quote {
    std::string id;   // the customer's
    std::string name; // the customer's display name
    std::string path;
    Date date;
    std::string by; // who heard it
    std::string why;
    std::string said; // empty: the log has a `why` but not the words
    std::vector<std::string> themes;
    unsigned line = 0; // the [[log]]'s header
};

struct ThemeCount {
    std::string theme;
    std::size_t count = 0;
};

// The answers to one question ("buy", "keep", "stop").
struct ReasonGroup {
    std::string why;
    std::vector<Quote> quotes;      // with words, newest first
    std::size_t without_words = 0;  // logs tagged with this `why` but no `said`
    std::vector<ThemeCount> themes; // over all its logs, the most frequent first
    std::size_t customers = 0;      // how many customers gave these answers
};

struct ReasonsOptions {
    Filters filters;                 // the customer filters (no kinds)
    std::optional<Date> since;       // the first day; nullopt: from the start
    Date until;                      // the last day
    std::vector<std::string> why;    // only these questions; empty: all three
    std::vector<std::string> themes; // only logs with one of these themes
};

struct Reasons {
    std::optional<Date> since;
    Date until;
    std::vector<ReasonGroup> groups; // buy, keep, stop (as `why` asks), always in that order
    std::vector<Quote> untagged;     // words without a `why`, newest first
};

// The three questions, in the order crm reasons asks them.
const std::vector<std::string>& reason_questions();

// Collects the quotes of customers one at a time (one builder per thread,
// then join), as ListBuilder does for crm list.
class ReasonsBuilder {
  public:
    explicit ReasonsBuilder(ReasonsOptions options);
    void add(const Customer& c);
    void join(ReasonsBuilder&& other);
    Reasons finish() &&;

  private:
    ReasonsOptions options_;
    std::vector<Quote> quotes_;
};

// A theme as it is counted: trimmed, ASCII lower case ("Price " is "price").
std::string theme_key(std::string_view theme);

} // namespace crm
