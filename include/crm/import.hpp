#pragma once
// What `crm import` does with contact cards, decided before anything is
// written: each card is a new customer, fills the empty values of the
// customer it matches (same phone, or same name), becomes a [[person]] of
// the company it works at, is already there, or is skipped with the reason.
// A value the file has is never overwritten: a card that says otherwise is
// listed as a conflict. Pure: cards and customers in, a plan out.

#include "crm/contacts.hpp"
#include "crm/customer.hpp"
#include "crm/edit.hpp"

#include <string>
#include <vector>

namespace crm {

enum class ImportAction { add, update, add_person, unchanged, skip };

// A value of the card that the file already has otherwise: kept as it is.
struct ImportConflict {
    std::string key;
    std::string in_file;
    std::string in_card;
};

// What one card does.
struct ImportStep {
    ImportAction action = ImportAction::skip;
    unsigned line = 0;                     // the card's line in the imported file
    std::string path;                      // the customer file concerned; "" for a skip
    std::string name;                      // the customer's name
    std::string person;                    // add_person, and unchanged persons: who
    std::vector<std::string> keys;         // what is written: "phone", "birthday", …
    std::vector<ImportConflict> conflicts; // what is kept instead of the card's value
    std::vector<std::string> warnings;     // the card's values left out, and why
    std::string reason;                    // skip: why
};

struct ImportPlan {
    std::vector<ImportStep> steps; // in the file's order
    struct NewFile {
        std::string path;
        std::string name;
        NewCustomer customer;
    };
    struct Update {
        std::string path;
        std::string name;
        Change change;
    };
    std::vector<NewFile> new_files;
    std::vector<Update> updates;
    bool writes() const { return !new_files.empty() || !updates.empty(); }
};

// What a new customer gets when the card does not say.
struct ImportDefaults {
    std::string class_name;                 // a class of crm.toml
    std::vector<std::string> known_classes; // a card's class must be one of them
    std::string owner;
    Date today;
};

// Plans the import of `cards` (and the reader's `skipped`) into a folder
// holding `customers`; `taken_ids` are the ids of every customer file,
// readable or not, so that a new file never takes one.
ImportPlan plan_import(const ContactsRead& read, const std::vector<Customer>& customers,
                       const std::vector<std::string>& taken_ids, const ImportDefaults& defaults);

// "new", "update", "person", "unchanged", "skip".
std::string_view action_name(ImportAction a);

} // namespace crm
