#include "crm/settings.hpp"

#include <algorithm>

namespace crm {

const ClassCadence* Settings::find_class(std::string_view name) const {
    const auto it = std::find_if(classes.begin(), classes.end(),
                                 [&](const ClassCadence& c) { return c.name == name; });
    return it == classes.end() ? nullptr : &*it;
}

const Product* Settings::find_product(std::string_view key) const {
    const auto it = std::find_if(products.begin(), products.end(),
                                 [&](const Product& p) { return p.key == key; });
    return it == products.end() ? nullptr : &*it;
}

std::vector<ClassCadence> Settings::default_classes() {
    // The field practice in crm(5): prospects deciding this month weekly,
    // later ones monthly, clients every quarter.
    return {{"now", Interval::days(7), std::nullopt},
            {"later", Interval::days(30), std::nullopt},
            {"client", Interval::days(90), std::nullopt}};
}

} // namespace crm
