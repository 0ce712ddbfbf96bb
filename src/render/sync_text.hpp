#pragma once
// What `crm sync` writes: the commit message of a folder's changes and the
// lines saying what came in and what went out. Names and authors come from
// files and commits, so every one goes through visible().

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crm::render {

// What one person's incoming commits changed.
struct Changes {
    std::string author;
    std::vector<std::string> customers; // the customers' names, in the order changed
    std::vector<std::string> others;    // other files of the folder: crm.toml, .gitattributes
};

// "crm sync: 張偉, Acme and 3 more": the customers by name, then the other
// files, at most three named ("A, B and C"; four or more: "A, B and 3 more").
std::string sync_commit_message(const std::vector<std::string>& names);

// "ben changed 3 customers: 張偉, Acme and Bob (and crm.toml)", up to five
// customers named (six or more: the first four and "and 2 more"); "ben
// changed crm.toml" when only other files changed.
std::string incoming_line(const Changes& changes);

// One line per author, or "nothing new from the others".
std::string incoming_text(const std::vector<Changes>& changes);

// "sent 2 commits to origin/main", "sent 1 commit to origin/main", or
// "nothing to send; origin/main has it all".
std::string sent_text(std::size_t commits, std::string_view upstream);

} // namespace crm::render
