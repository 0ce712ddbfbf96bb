#pragma once
// Finding a customer from what the user typed, and naming a new one.

#include "crm/customer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// What a customer can be found by. Files that do not parse are candidates
// too (by id only), so that `crm log` can say why it refuses them.
struct Candidate {
    std::string id;
    std::string name;
    std::string region;
    std::vector<std::string> phones;
    // The customer's [[person]] entries, found by name and phone as the
    // customer is.
    struct Person {
        std::string name;
        std::vector<std::string> phones;
    };
    std::vector<Person> people = {};
};

Candidate candidate_of(const Customer& c);

// The id a query names when taken as one: "zhang-wei" and
// "customers/zhang-wei.toml" both give "zhang-wei"; trailing blanks are
// ignored. The first stage of match_customer compares candidates' ids to it.
std::string_view id_in_query(std::string_view query);

// How the match was made, in the order the stages are tried.
enum class MatchBy { id, name, name_folded, substring, phone };

struct Match {
    std::vector<std::size_t> found;   // indexes into the candidates; one when unique
    std::optional<MatchBy> by;        // the stage that found them; nullopt for none
    std::vector<std::size_t> nearest; // when none: up to 3 names close to the query
    // Beside `found`: the name of the person through whom each was found, ""
    // when found by its own id, name or phone.
    std::vector<std::string> via = {};
};

// Tries, in order, stopping at the first stage that finds anyone: the id
// (also as "customers/<id>.toml"), the name exactly, the name ignoring case
// and Traditional/Simplified Chinese variants, a part of the name or id
// (one Chinese character is enough), then phone digits (at least 4, national
// or international form). Each stage looks at the customer's people's names
// and phones too (after the customer's own: a customer is found once).
// More than one found means ambiguous.
Match match_customer(const std::vector<Candidate>& candidates, std::string_view query);

// Phone digits for comparing numbers however they are written: digits only,
// leading zeros (trunk or international prefix) dropped.
std::string phone_digits(std::string_view phone);

// Whether two phone numbers are likely the same line: equal digits, or one
// the other's national form ("0912 345 678" and "+886 912 345 678").
bool same_phone(std::string_view a, std::string_view b);

// The id a new customer gets from its name: the name transliterated to ASCII
// Latin (ICU "Any-Latin; Latin-ASCII": Chinese becomes toneless pinyin, 張偉
// -> "zhang wei"), lowercased, every run of other characters turned into one
// '-', trimmed, and cut to 60 characters at a '-'. Windows device names (con,
// nul, com1…) get "-1" appended. Empty when nothing usable remains (emoji).
std::string id_from_name(std::string_view name);

// Whether `id` can be a file name everywhere crm folders travel (Linux,
// macOS, Windows, git): lowercase ASCII letters, digits, '-' and '_',
// starting with a letter or digit, at most 60 characters, no device name.
bool valid_id(std::string_view id);

} // namespace crm
