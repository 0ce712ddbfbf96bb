#include "filters.hpp"

#include "crm/i18n.hpp"
#include "crm/names.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>

namespace crm::cli {

void add_list_option(CLI::App& sub, const std::string& name, std::vector<std::string>& into,
                     const std::string& help, const std::string& value) {
    sub.add_option(name, into, help)->delimiter(',')->allow_extra_args(false)->option_text(value);
}

void add_customer_filters(CLI::App& sub, FilterOptions& o) {
    add_list_option(sub, "--owner", o.owners, tr("only customers this person owns or knows"),
                    "NAME");
    add_list_option(sub, "--region", o.regions, tr("only this region and the regions under it"),
                    "REGION");
    add_list_option(sub, "--tag", o.tags, tr("only customers with this tag"), "TAG");
    add_list_option(sub, "--class", o.classes, tr("only customers of this class"), "CLASS");
}

Filters to_filters(const FilterOptions& o) {
    Filters f;
    f.owners = o.owners;
    f.regions = o.regions;
    f.tags = o.tags;
    f.classes = o.classes;
    return f;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& names) {
    if (auto near = did_you_mean(word, names))
        return trf("did you mean '{}'?", *near);
    return trf("one of {}", fmt::join(names, tr(", ")));
}

std::optional<std::string> check_classes(const std::vector<std::string>& wanted,
                                         const Settings& s) {
    std::vector<std::string> names;
    for (const ClassCadence& c : s.classes)
        names.push_back(c.name);
    for (const std::string& w : wanted)
        if (std::none_of(names.begin(), names.end(),
                         [&](const auto& n) { return ascii_lower(n) == ascii_lower(w); }))
            return trf("unknown class '{}' ({})", w, suggestion(w, names));
    return std::nullopt;
}

} // namespace crm::cli
