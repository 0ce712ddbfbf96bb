// Planning an import: which card goes where, and what it may write.

#include "crm/i18n.hpp"
#include "crm/import.hpp"
#include "crm/match.hpp"
#include "crm/names.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace crm {

namespace {

// What the plan knows of a customer: as the file has it, with what earlier
// cards of the same import have filled.
struct Target {
    std::string id;
    std::string path;
    bool is_new = false;
    bool organisation = false;
    std::string name;
    std::vector<std::string> phones, emails, tags;
    std::optional<MonthDay> birthday;
    std::optional<LunarMonthDay> lunar;
    std::string notes, region, class_name, owner;
    std::optional<unsigned> payday;
    unsigned household = 1;
    bool household_set = false;
    std::vector<Person> people;     // the file's and the import's
    std::vector<std::string> keys;  // filled by the import, in order
    std::vector<Person> new_people; // added by the import
    std::optional<Date> since;
};

Target target_of(const Customer& c) {
    Target t;
    t.id = c.id;
    t.path = c.path;
    t.name = c.name;
    t.phones = c.phones;
    t.emails = c.emails;
    t.tags = c.tags;
    t.birthday = c.birthday;
    t.lunar = c.lunar_birthday;
    t.notes = c.notes;
    t.region = c.region;
    t.class_name = c.class_name;
    t.owner = c.owner;
    t.payday = c.payday;
    t.household = c.household;
    t.household_set = c.household != 1;
    t.people = c.people;
    return t;
}

bool same_name(std::string_view a, std::string_view b) {
    return !a.empty() && !b.empty() && (a == b || fold_case(a) == fold_case(b));
}

bool has_phone(const std::vector<std::string>& phones, std::string_view p) {
    return std::any_of(phones.begin(), phones.end(),
                       [&](const std::string& q) { return same_phone(p, q); });
}

bool has_email(const std::vector<std::string>& emails, std::string_view e) {
    return std::any_of(emails.begin(), emails.end(),
                       [&](const std::string& q) { return ascii_lower(q) == ascii_lower(e); });
}

bool shares_phone(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& p) { return has_phone(b, p); });
}

std::string birthday_text(const MonthDay& b) {
    return b.year ? fmt::format("{:04}-{:02}-{:02}", *b.year, b.month, b.day)
                  : fmt::format("--{:02}-{:02}", b.month, b.day);
}

std::string lunar_text(const LunarMonthDay& l) {
    return fmt::format("{}{}/{}", l.leap ? "L" : "", l.month, l.day);
}

// The same day, a year on one side only being no difference.
bool same_birthday(const MonthDay& a, const MonthDay& b) {
    return a.month == b.month && a.day == b.day && (!a.year || !b.year || *a.year == *b.year);
}

std::string joined(const std::vector<std::string>& v) {
    return fmt::format("{}", fmt::join(v, ", "));
}

// The notes a card gives: where the person works when no company customer
// takes them as a [[person]], then the card's note.
std::string notes_of(const ContactCard& card, bool with_org) {
    std::string out;
    if (with_org && !card.org.empty())
        out = card.title.empty() ? card.org : card.org + " · " + card.title;
    if (!card.note.empty())
        out += (out.empty() ? "" : "\n") + card.note;
    return out;
}

class Planner {
  public:
    Planner(const std::vector<Customer>& customers, const std::vector<std::string>& taken,
            const ImportDefaults& d)
        : defaults_(d) {
        for (const Customer& c : customers)
            targets_.push_back(target_of(c));
        for (const std::string& id : taken)
            taken_.push_back(ascii_lower(id));
    }

    ImportStep card(const ContactCard& card, const std::vector<std::string>& companies) {
        ImportStep step;
        step.line = card.line;
        step.warnings = card.warnings;
        const bool works_at_company =
            !card.organisation && !card.org.empty() &&
            std::any_of(companies.begin(), companies.end(),
                        [&](const std::string& c) { return same_name(c, card.org); });
        std::vector<std::size_t> found = matches(card);
        // A person who is a customer of their own (the same name) stays one,
        // whatever company their card names.
        const bool own_customer = found.size() == 1 && targets_[found[0]].name == card.name;
        if (works_at_company && !own_customer)
            if (Target* company = find_company(card.org))
                return person(card, *company, std::move(step));
        if (found.size() > 1) {
            step.reason = trf("it matches {} and {} alike (by phone or name); import it by hand",
                              targets_[found[0]].path, targets_[found[1]].path);
            return step;
        }
        if (found.empty())
            return add(card, std::move(step));
        return fill(card, targets_[found.front()], std::move(step));
    }

    ImportPlan finish(std::vector<ImportStep> steps) {
        ImportPlan plan;
        plan.steps = std::move(steps);
        for (Target& t : targets_) {
            if (t.is_new)
                plan.new_files.push_back({t.path, t.name, new_customer(t)});
            else if (!t.keys.empty() || !t.new_people.empty())
                plan.updates.push_back({t.path, t.name, change_of(t)});
        }
        return plan;
    }

  private:
    Target* find_company(const std::string& org) {
        for (Target& t : targets_)
            if (same_name(t.name, org))
                return &t;
        return nullptr;
    }

    // The customers the card is most likely: the same name and a phone in
    // common first, then the same name as written, then a phone in common,
    // then the name ignoring case and Traditional/Simplified forms. More
    // than one at the best level is for a person to decide.
    std::vector<std::size_t> matches(const ContactCard& card) const {
        std::vector<std::size_t> out;
        int best = 0;
        for (std::size_t i = 0; i < targets_.size(); ++i) {
            const Target& t = targets_[i];
            const bool exact = !card.name.empty() && card.name == t.name;
            const int score = (exact                          ? 4
                               : same_name(card.name, t.name) ? 1
                                                              : 0) +
                              (shares_phone(card.phones, t.phones) ? 2 : 0);
            if (score == 0 || score < best)
                continue;
            if (score > best)
                out.clear();
            best = score;
            out.push_back(i);
        }
        return out;
    }

    ImportStep person(const ContactCard& card, Target& company, ImportStep step) {
        step.path = company.path;
        step.name = company.name;
        step.person = card.name;
        for (const Person& p : company.people)
            if (same_name(p.name, card.name) || shares_phone(card.phones, p.phones)) {
                step.action = ImportAction::unchanged;
                step.person = p.name;
                return step;
            }
        Person p;
        p.name = card.name;
        p.role = card.title;
        p.phones = card.phones;
        p.emails = card.emails;
        p.birthday = card.birthday;
        p.lunar_birthday = card.lunar_birthday;
        p.note = card.note;
        company.people.push_back(p);
        company.new_people.push_back(std::move(p));
        step.action = ImportAction::add_person;
        return step;
    }

    std::string new_id(const std::string& name) {
        const std::string base = id_from_name(name);
        if (base.empty())
            return "";
        std::string id = base;
        for (int n = 2; std::find(taken_.begin(), taken_.end(), id) != taken_.end(); ++n)
            id = fmt::format("{}-{}", base, n);
        taken_.push_back(id);
        return id;
    }

    ImportStep add(const ContactCard& card, ImportStep step) {
        const std::string id = new_id(card.name);
        if (id.empty()) {
            step.reason = trf("no file name can be made from '{}'; add them with crm add --id",
                              visible(card.name));
            return step;
        }
        Target t;
        t.id = id;
        t.path = fmt::format("customers/{}.toml", id);
        t.is_new = true;
        t.organisation = card.organisation;
        t.name = card.name;
        t.class_name = known_class(card.class_name) ? card.class_name : defaults_.class_name;
        t.owner = card.owner.empty() ? defaults_.owner : card.owner;
        t.since = defaults_.today;
        targets_.push_back(std::move(t));
        step = fill(card, targets_.back(), std::move(step));
        step.action = ImportAction::add;
        return step;
    }

    bool known_class(const std::string& name) const {
        return std::find(defaults_.known_classes.begin(), defaults_.known_classes.end(), name) !=
               defaults_.known_classes.end();
    }

    void note_key(Target& t, ImportStep& step, std::string key) {
        if (std::find(t.keys.begin(), t.keys.end(), key) == t.keys.end())
            t.keys.push_back(key);
        if (std::find(step.keys.begin(), step.keys.end(), key) == step.keys.end())
            step.keys.push_back(std::move(key));
    }

    void conflict(ImportStep& step, std::string key, std::string in_file, std::string in_card) {
        step.conflicts.push_back({std::move(key), std::move(in_file), std::move(in_card)});
    }

    // A text value: filled when empty, a conflict when different.
    void text_value(Target& t, ImportStep& step, const char* key, std::string& field,
                    const std::string& value) {
        if (value.empty() || field == value)
            return;
        if (field.empty()) {
            field = value;
            note_key(t, step, key);
        } else
            conflict(step, key, field, value);
    }

    ImportStep fill(const ContactCard& card, Target& t, ImportStep step) {
        step.action = ImportAction::unchanged;
        step.path = t.path;
        step.name = t.name;
        const auto list = [&](const char* key, std::vector<std::string>& field,
                              const std::vector<std::string>& values, auto same) {
            if (values.empty())
                return;
            if (field.empty()) {
                field = values;
                note_key(t, step, key);
                return;
            }
            for (const std::string& v : values)
                if (!same(field, v))
                    conflict(step, key, joined(field), v);
        };
        list("phone", t.phones, card.phones, has_phone);
        list("email", t.emails, card.emails, has_email);
        if (card.birthday) {
            if (!t.birthday) {
                t.birthday = card.birthday;
                note_key(t, step, "birthday");
            } else if (!same_birthday(*t.birthday, *card.birthday))
                conflict(step, "birthday", birthday_text(*t.birthday),
                         birthday_text(*card.birthday));
        }
        if (card.lunar_birthday) {
            if (!t.lunar) {
                t.lunar = card.lunar_birthday;
                note_key(t, step, "lunar_birthday");
            } else if (!(*t.lunar == *card.lunar_birthday))
                conflict(step, "lunar_birthday", lunar_text(*t.lunar),
                         lunar_text(*card.lunar_birthday));
        }
        if (const std::string notes = notes_of(card, !card.organisation); !notes.empty()) {
            if (t.notes.empty()) {
                t.notes = notes;
                note_key(t, step, "notes");
            } else if (t.notes.find(notes) == std::string::npos)
                conflict(step, "notes", visible(t.notes.substr(0, t.notes.find('\n'))),
                         visible(notes.substr(0, notes.find('\n'))));
        }
        if (!card.tags.empty()) {
            if (t.tags.empty()) {
                t.tags = card.tags;
                note_key(t, step, "tags");
            } else
                for (const std::string& tag : card.tags)
                    if (std::find(t.tags.begin(), t.tags.end(), tag) == t.tags.end())
                        conflict(step, "tags", joined(t.tags), tag);
        }
        text_value(t, step, "region", t.region, card.region);
        text_value(t, step, "owner", t.owner, card.owner);
        if (!card.class_name.empty() && !known_class(card.class_name))
            step.warnings.push_back(
                trf("class '{}' is not a class of crm.toml; left out", visible(card.class_name)));
        else
            text_value(t, step, "class", t.class_name, card.class_name);
        if (card.payday) {
            if (!t.payday) {
                t.payday = card.payday;
                note_key(t, step, "payday");
            } else if (*t.payday != *card.payday)
                conflict(step, "payday", std::to_string(*t.payday), std::to_string(*card.payday));
        }
        if (card.household && *card.household != t.household) {
            if (t.is_new && !t.household_set) {
                t.household = *card.household;
                t.household_set = true;
                note_key(t, step, "household");
            } else
                conflict(step, "household", std::to_string(t.household),
                         std::to_string(*card.household));
        }
        if (!step.keys.empty())
            step.action = ImportAction::update;
        return step;
    }

    NewCustomer new_customer(const Target& t) const {
        NewCustomer c;
        c.name = t.name;
        c.class_name = t.class_name;
        c.owner = t.owner;
        c.region = t.region;
        c.phones = t.phones;
        c.emails = t.emails;
        c.birthday = t.birthday;
        c.lunar_birthday = t.lunar;
        if (t.household_set)
            c.household = t.household;
        c.payday = t.payday;
        c.tags = t.tags;
        c.since = t.since;
        c.notes = t.notes;
        c.people = t.new_people;
        return c;
    }

    static Change change_of(const Target& t) {
        Change c;
        for (const std::string& key : t.keys) {
            std::string literal;
            if (key == "phone")
                literal = toml_one_or_more(t.phones);
            else if (key == "email")
                literal = toml_one_or_more(t.emails);
            else if (key == "birthday")
                literal = toml_birthday(*t.birthday);
            else if (key == "lunar_birthday")
                literal = toml_lunar(*t.lunar);
            else if (key == "notes")
                literal = toml_string(t.notes);
            else if (key == "tags")
                literal = toml_list(t.tags);
            else if (key == "region")
                literal = toml_string(t.region);
            else if (key == "owner")
                literal = toml_string(t.owner);
            else if (key == "class")
                literal = toml_string(t.class_name);
            else if (key == "payday")
                literal = std::to_string(*t.payday);
            else
                continue; // household is never filled in an existing file
            c.fill.push_back({key, literal});
        }
        c.people = t.new_people;
        return c;
    }

    const ImportDefaults& defaults_;
    std::vector<Target> targets_;
    std::vector<std::string> taken_;
};

} // namespace

std::string_view action_name(ImportAction a) {
    switch (a) {
    case ImportAction::add:
        return "new";
    case ImportAction::update:
        return "update";
    case ImportAction::add_person:
        return "person";
    case ImportAction::unchanged:
        return "unchanged";
    case ImportAction::skip:
        break;
    }
    return "skip";
}

ImportPlan plan_import(const ContactsRead& read, const std::vector<Customer>& customers,
                       const std::vector<std::string>& taken_ids, const ImportDefaults& defaults) {
    Planner planner(customers, taken_ids, defaults);
    // Companies first, so that the people working there find them whatever
    // the order of the cards; the steps are listed in the file's order.
    std::vector<std::string> companies;
    for (const Customer& c : customers)
        companies.push_back(c.name);
    for (const ContactCard& card : read.cards)
        if (card.organisation)
            companies.push_back(card.name);
    std::vector<ImportStep> steps;
    for (const bool organisations : {true, false})
        for (const ContactCard& card : read.cards)
            if (card.organisation == organisations)
                steps.push_back(planner.card(card, companies));
    for (const SkippedCard& s : read.skipped) {
        ImportStep step;
        step.line = s.line;
        step.reason = s.reason;
        steps.push_back(std::move(step));
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const ImportStep& a, const ImportStep& b) { return a.line < b.line; });
    return planner.finish(std::move(steps));
}

} // namespace crm
