#pragma once
// The customer filters that `crm due` and `crm list` share: --owner,
// --region, --tag, --class, with one meaning and one set of messages.

#include "crm/agenda.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace crm::cli {

// The filters as given on the command line; each may be repeated, and each
// value may be a comma-separated list.
struct FilterOptions {
    std::vector<std::string> owners;
    std::vector<std::string> regions;
    std::vector<std::string> tags;
    std::vector<std::string> classes;
};

// Adds --owner, --region, --tag and --class to `sub`.
void add_customer_filters(CLI::App& sub, FilterOptions& o);

// An option that may be repeated, each value a comma-separated list.
void add_list_option(CLI::App& sub, const std::string& name, std::vector<std::string>& into,
                     const std::string& help, const std::string& value);

// The filters for crm::matches (kinds left empty).
Filters to_filters(const FilterOptions& o);

// "did you mean 'now'?", else "one of now, later, client".
std::string suggestion(std::string_view word, const std::vector<std::string>& names);

// "unknown class 'nwo' (did you mean 'now'?)" for the first --class crm.toml
// does not define (ignoring ASCII case, as the filter does), else nullopt.
// Classes are named in crm.toml, so this runs once it is read.
std::optional<std::string> check_classes(const std::vector<std::string>& wanted, const Settings& s);

} // namespace crm::cli
