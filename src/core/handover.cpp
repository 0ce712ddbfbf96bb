#include "crm/handover.hpp"

#include "crm/names.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm {

namespace {

bool same_person(std::string_view a, std::string_view b) {
    return ascii_lower(a) == ascii_lower(b);
}

bool handed_over_before(const Customer& c, const std::string& to) {
    return same_person(c.owner, to) &&
           std::any_of(c.logs.begin(), c.logs.end(),
                       [](const LogEntry& l) { return l.kind == "handover"; });
}

Change change_for(const Customer& c, const HandoverRequest& r,
                  const std::vector<std::string>& contacts) {
    Change change;
    change.new_owner = r.to;
    if (contacts != c.contacts)
        change.new_contacts = contacts;
    change.log = LogDraft{r.today, r.by, "handover",
                          fmt::format("Handed over from {} to {}.", c.owner, r.to), std::nullopt};
    change.log->owner_to = r.to;
    change.log->owner_was = c.owner;
    const Date intro = add(r.today, r.intro);
    change.plans.push_back({intro,
                            "visit",
                            {c.owner, r.to},
                            fmt::format("introduction: {} introduces {}", c.owner, r.to),
                            r.by});
    change.plans.push_back({add(intro, r.check),
                            "call",
                            {r.to},
                            fmt::format("satisfaction check after the handover from {}", c.owner),
                            r.by});
    return change;
}

} // namespace

std::vector<std::string> contacts_after(const std::vector<std::string>& contacts,
                                        const std::string& from, const std::string& to,
                                        bool leaving) {
    std::vector<std::string> out;
    for (const std::string& name : contacts)
        if (!same_person(name, to) && !(leaving && same_person(name, from)))
            out.push_back(name);
    const bool known = std::any_of(out.begin(), out.end(),
                                   [&](const std::string& n) { return same_person(n, from); });
    if (!leaving && !known)
        out.push_back(from);
    return out;
}

Handover plan_handover(const std::vector<Customer>& customers, const HandoverRequest& r) {
    Handover out;
    for (const Customer& c : customers) {
        if (!matches(c, r.filters))
            continue;
        if (handed_over_before(c, r.to)) {
            ++out.already;
            continue;
        }
        if (!same_person(c.owner, r.from))
            continue;
        if (c.conflict_line) {
            out.conflicted.push_back(c.path);
            continue;
        }
        std::vector<std::string> contacts = contacts_after(c.contacts, c.owner, r.to, r.leaving);
        out.steps.push_back(
            {c.id, c.path, c.name, lifetime_value(c), contacts, change_for(c, r, contacts)});
    }
    std::stable_sort(out.steps.begin(), out.steps.end(),
                     [](const HandoverStep& a, const HandoverStep& b) {
                         if (a.value != b.value)
                             return b.value < a.value;
                         return a.name < b.name;
                     });
    return out;
}

} // namespace crm
