// crm.toml: every table and key, each with its default; a bad value is
// reported and its default kept, so one typo never stops the agenda.

#include "crm/i18n.hpp"
#include "crm/parse.hpp"
#include "toml_reader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>

namespace crm {

namespace {

using detail::Reader;

template <class Enum>
std::optional<Enum> choice(Reader& r, const toml::node& n, std::string_view key,
                           std::initializer_list<std::pair<std::string_view, Enum>> options) {
    const auto text = r.string(n, key);
    if (!text)
        return std::nullopt;
    std::string names;
    for (const auto& [name, value] : options) {
        if (name == *text)
            return value;
        names += fmt::format("{}'{}'", names.empty() ? "" : tr(" or "), name);
    }
    r.error(n.source(), trf("'{}' must be {}, not '{}'", key, names, *text));
    return std::nullopt;
}

void read_classes(Reader& r, const toml::table& t, Settings& s) {
    s.classes.clear();
    s.broken_classes.clear();
    for (const auto& [key_ptr, node_ptr] : detail::in_file_order(t)) {
        const toml::key& key = *key_ptr;
        const toml::node& node = *node_ptr;
        ClassCadence c{std::string(key.str()), Interval::days(0), std::nullopt};
        if (const auto* pair = node.as_array()) {
            if (pair->size() != 2) {
                r.error(node.source(), trf("class '{}' takes one interval or two", c.name),
                        tr("write an ideal and a maximum, e.g. [\"7d\", \"10d\"]"));
                s.broken_classes.push_back(c.name);
                continue;
            }
            const auto ideal = r.interval(*pair->get(0), c.name);
            const auto maximum = r.interval(*pair->get(1), c.name);
            if (!ideal || !maximum) {
                s.broken_classes.push_back(c.name);
                continue;
            }
            if (approx_days(*maximum) < approx_days(*ideal))
                r.error(pair->get(1)->source(),
                        trf("class '{}': the maximum is shorter than the ideal", c.name));
            c.ideal = *ideal;
            c.maximum = maximum;
        } else if (auto one = r.interval(node, c.name)) {
            c.ideal = *one;
        } else {
            s.broken_classes.push_back(c.name);
            continue;
        }
        s.classes.push_back(std::move(c));
    }
}

void read_product(Reader& r, const toml::key& key, const toml::node& node, Settings& s) {
    const auto* t = node.as_table();
    if (!t) {
        r.error(node.source(), trf("product '{}' must be a table", key.str()),
                trf("write [products.{}] and its keys below", key.str()));
        return;
    }
    Product p{std::string(key.str()), std::string(key.str()),
              std::nullopt,           false,
              Interval::days(5),      std::nullopt};
    static const std::vector<std::string> known = {"name", "lasts", "per_person", "warn", "price"};
    for (const auto& [k, v] : *t) {
        if (k == "name")
            p.name = r.string(v, "name").value_or(p.name);
        else if (k == "lasts")
            p.lasts = r.interval(v, "lasts");
        else if (k == "per_person")
            p.per_person = r.boolean(v, "per_person").value_or(false);
        else if (k == "warn")
            p.warn = r.interval(v, "warn").value_or(p.warn);
        else if (k == "price") {
            p.price = r.money(v, "price");
            if (p.price && *p.price < Money{}) {
                r.error(v.source(), trf("product '{}': the price is negative", key.str()));
                p.price.reset();
            }
        } else
            r.unknown_key(k, known, trf(" in product '{}'", key.str()));
    }
    s.products.push_back(std::move(p));
}

void read_calendar(Reader& r, const toml::table& t, CalendarRules& c) {
    static const std::vector<std::string> known = {"feb29", "lunar_leap", "lunar_day30"};
    for (const auto& [k, v] : t) {
        if (k == "feb29")
            c.feb29 = choice<Feb29Rule>(r, v, "feb29",
                                        {{"feb28", Feb29Rule::feb28}, {"mar1", Feb29Rule::mar1}})
                          .value_or(c.feb29);
        else if (k == "lunar_leap")
            c.lunar_leap = choice<LunarLeapRule>(
                               r, v, "lunar_leap",
                               {{"regular", LunarLeapRule::regular}, {"both", LunarLeapRule::both}})
                               .value_or(c.lunar_leap);
        else if (k == "lunar_day30")
            c.lunar_day30 = choice<LunarDay30Rule>(r, v, "lunar_day30",
                                                   {{"last-day", LunarDay30Rule::last_day},
                                                    {"skip", LunarDay30Rule::skip}})
                                .value_or(c.lunar_day30);
        else
            r.unknown_key(k, known, trf(" in [{}]", "calendar"));
    }
}

const toml::table* section(Reader& r, const toml::node& n, std::string_view name) {
    if (const auto* t = n.as_table())
        return t;
    r.error(n.source(), trf("'{}' must be a table", name),
            trf("write [{}] on a line of its own and the keys below it", name));
    return nullptr;
}

void read_keys(Reader& r, const toml::table& t, std::string_view where,
               const std::vector<std::string>& known,
               const std::function<void(std::string_view, const toml::node&)>& read) {
    for (const auto& [k, v] : t) {
        if (std::find(known.begin(), known.end(), k.str()) != known.end())
            read(k.str(), v);
        else
            r.unknown_key(k, known, where);
    }
}

void read_root(Reader& r, const toml::table& root, Settings& s) {
    static const std::vector<std::string> known = {"currency", "me",       "classes",  "agenda",
                                                   "followup", "products", "calendar", "git"};
    read_keys(r, root, "", known, [&](std::string_view key, const toml::node& v) {
        if (key == "currency") {
            s.currency = r.string(v, key).value_or("");
            return;
        }
        const toml::table* t = section(r, v, key);
        if (!t)
            return;
        if (key == "me")
            read_keys(r, *t, trf(" in [{}]", "me"), {"name"},
                      [&](std::string_view k, const toml::node& n) {
                          s.me = r.string(n, k).value_or("");
                      });
        else if (key == "classes")
            read_classes(r, *t, s);
        else if (key == "agenda")
            read_keys(r, *t, trf(" in [{}]", "agenda"), {"horizon", "birthdays"},
                      [&](std::string_view k, const toml::node& n) {
                          auto& field = k == "horizon" ? s.horizon : s.birthday_window;
                          field = r.interval(n, k).value_or(field);
                      });
        else if (key == "followup")
            read_keys(r, *t, trf(" in [{}]", "followup"), {"after_purchase"},
                      [&](std::string_view k, const toml::node& n) {
                          const auto steps = r.strings(n, k);
                          if (!steps)
                              return;
                          s.after_purchase.clear();
                          for (const toml::node& step : *n.as_array())
                              if (auto i = r.interval(step, k))
                                  s.after_purchase.push_back(*i);
                      });
        else if (key == "products")
            for (const auto& [pk, pv] : detail::in_file_order(*t))
                read_product(r, *pk, *pv, s);
        else if (key == "calendar")
            read_calendar(r, *t, s.calendar);
        else if (key == "git")
            read_keys(r, *t, trf(" in [{}]", "git"), {"autocommit"},
                      [&](std::string_view k, const toml::node& n) {
                          s.git_autocommit = r.boolean(n, k).value_or(false);
                      });
    });
}

} // namespace

Parsed<Settings> parse_settings(std::string_view text, std::string_view path) {
    return detail::parse_document<Settings>(text, path, [](Reader& r, const toml::table& root) {
        Settings s;
        read_root(r, root, s);
        return s;
    });
}

} // namespace crm
