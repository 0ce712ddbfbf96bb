#pragma once
// What `crm import` does, as text for a person and as JSON for a script.

#include "crm/import.hpp"

#include <string>

namespace crm::render {

// One line a card ("new  customers/zhang-wei.toml  張偉  phone, birthday"),
// its conflicts and warnings indented under it, then the counts.
std::string import_text(const ImportPlan& plan, const ContactsRead& read, const std::string& file,
                        bool dry_run);

// {"file", "dry_run", "records": the cards as read, "actions": the steps,
// "notes", "summary"}.
std::string import_json(const ImportPlan& plan, const ContactsRead& read, const std::string& file,
                        bool dry_run);

} // namespace crm::render
