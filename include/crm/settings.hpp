#pragma once
// The folder's settings, read from crm.toml. Every field has a default, so an
// empty crm.toml is a valid one.

#include "crm/dates.hpp"
#include "crm/interval.hpp"
#include "crm/lunar.hpp"
#include "crm/money.hpp"

#include <optional>
#include <string>
#include <vector>

namespace crm {

// A revisit class: due after `ideal`, late after `maximum` (when given).
struct ClassCadence {
    std::string name;
    Interval ideal;
    std::optional<Interval> maximum;
};

// A product from [products.KEY]. `lasts` is how long one unit lasts (one
// person, when per_person); products without it never run out.
struct Product {
    std::string key;
    std::string name;
    std::optional<Interval> lasts;
    bool per_person = false;
    Interval warn = Interval::days(5);
    std::optional<Money> price; // of one unit: `crm sell`'s default price is price × qty
};

struct CalendarRules {
    Feb29Rule feb29 = Feb29Rule::feb28;
    LunarLeapRule lunar_leap = LunarLeapRule::regular;
    LunarDay30Rule lunar_day30 = LunarDay30Rule::last_day;
};

struct Settings {
    std::string currency;
    std::string me; // [me] name: who `crm log` records by default
    std::vector<ClassCadence> classes = default_classes();
    // Classes crm.toml names with a cadence that is wrong ("30 days"): the
    // error is reported there, once, not again for each of their customers,
    // who get no revisit until it is fixed.
    std::vector<std::string> broken_classes;
    Interval horizon = Interval::days(7);
    Interval birthday_window = Interval::days(30);
    std::vector<Interval> after_purchase = {Interval::days(3), Interval::days(7),
                                            Interval::days(30)};
    std::vector<Product> products;
    CalendarRules calendar;
    bool git_autocommit = false;

    const ClassCadence* find_class(std::string_view name) const;
    const Product* find_product(std::string_view key) const;
    static std::vector<ClassCadence> default_classes();
};

} // namespace crm
