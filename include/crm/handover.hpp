#pragma once
// `crm handover --from A --to B`: when an account manager leaves or hands a
// book over, every one of A's customers gets B as owner, a [[log]] that says
// so, an introduction visit by A and B, and a satisfaction check by B some
// weeks after. Pure: the customers, the request and the day go in; the
// changes to write come out, biggest customer first.

#include "crm/agenda.hpp"
#include "crm/customer.hpp"
#include "crm/edit.hpp"
#include "crm/interval.hpp"

#include <string>
#include <vector>

namespace crm {

struct HandoverRequest {
    std::string from;
    std::string to;
    std::string by;                      // who records it (the log's `by`)
    bool leaving = false;                // A leaves: not kept among the customer's contacts
    Interval intro = Interval::days(14); // the introduction visit, within this
    Interval check = Interval::days(30); // the satisfaction check, this after the visit
    Filters filters;                     // the `crm due` filters
    Date today;
};

// One customer handed over.
struct HandoverStep {
    std::string id;
    std::string path;
    std::string name;
    Money value;                       // lifetime value: the order of the briefing
    std::vector<std::string> contacts; // the team contacts after the handover
    Change change;
};

struct Handover {
    std::vector<HandoverStep> steps; // biggest first, then by name
    // Customers of B's that a handover (a [[log]] of kind "handover") gave
    // already: a re-run skips them, and says how many.
    std::size_t already = 0;
    // Paths of the old owner's customers left out because their file holds
    // a merge conflict: nothing writes to such a file.
    std::vector<std::string> conflicted;
};

// The handover of every customer `r.from` owns (ASCII case ignored, as
// --owner does) that passes the filters.
Handover plan_handover(const std::vector<Customer>& customers, const HandoverRequest& r);

// The team contacts after a handover from `from` to `to`: `to` leaves the
// list (they own the customer now), `from` joins it unless leaving.
std::vector<std::string> contacts_after(const std::vector<std::string>& contacts,
                                        const std::string& from, const std::string& to,
                                        bool leaving);

} // namespace crm
