// A new customer file, as a person would lay it out: the identity first, then
// the dates and numbers the agenda uses, comments aligned where they help.

#include "crm/edit.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm {

namespace {

struct Line {
    std::string text;    // key = value
    std::string comment; // without '#'; empty for none
};

std::string tags_value(const std::vector<std::string>& tags) {
    std::vector<std::string> quoted;
    for (const auto& t : tags)
        quoted.push_back(toml_string(t));
    return fmt::format("[{}]", fmt::join(quoted, ", "));
}

void add(std::vector<Line>& lines, std::string_view key, const std::string& value,
         std::string comment = {}) {
    lines.push_back({fmt::format("{} = {}", key, value), std::move(comment)});
}

std::vector<Line> lines_of(const NewCustomer& c) {
    std::vector<Line> l;
    add(l, "name", toml_string(c.name));
    if (!c.class_name.empty())
        add(l, "class", toml_string(c.class_name), "revisit class, from [classes] in crm.toml");
    if (!c.owner.empty())
        add(l, "owner", toml_string(c.owner), "account manager");
    if (!c.region.empty())
        add(l, "region", toml_string(c.region));
    if (!c.phones.empty())
        add(l, "phone", toml_one_or_more(c.phones));
    if (!c.emails.empty())
        add(l, "email", toml_one_or_more(c.emails));
    if (c.birthday)
        add(l, "birthday", toml_birthday(*c.birthday));
    if (c.lunar_birthday)
        add(l, "lunar_birthday", toml_lunar(*c.lunar_birthday),
            fmt::format("農曆{}{}/{}", c.lunar_birthday->leap ? "閏" : " ", c.lunar_birthday->month,
                        c.lunar_birthday->day));
    if (c.household)
        add(l, "household", std::to_string(*c.household), "people sharing consumable products");
    if (c.payday)
        add(l, "payday", std::to_string(*c.payday), "day of the month they are paid");
    if (!c.tags.empty())
        add(l, "tags", tags_value(c.tags));
    if (c.since)
        add(l, "since", format_date(*c.since), "revisits count from here until a first contact");
    if (!c.notes.empty())
        add(l, "notes", toml_string(c.notes));
    return l;
}

// Comments start in one column; a line too long for it (a lunar birthday
// with its braces) keeps its comment two spaces away instead of pushing
// every other comment to the right.
std::size_t comment_column(const std::vector<Line>& lines) {
    constexpr std::size_t kLongest = 30;
    std::size_t widest = 0;
    for (const Line& l : lines)
        if (!l.comment.empty() && display_width(l.text) <= kLongest)
            widest = std::max(widest, display_width(l.text));
    return widest + 2;
}

} // namespace

std::string render_customer(const NewCustomer& c) {
    const std::vector<Line> lines = lines_of(c);
    const std::size_t column = comment_column(lines);
    std::string out = "# One customer of this crm folder; crm(5) describes every key. Edit it\n"
                      "# freely: crm keeps comments and layout when it writes.\n";
    for (const Line& l : lines) {
        if (l.comment.empty())
            out += l.text + "\n";
        else
            out += fmt::format("{}# {}\n", pad_right(l.text + "  ", column), l.comment);
    }
    // Appended in two steps: `"\n" + string` makes GCC 12 at -O3 warn a
    // false -Wrestrict.
    for (const Person& p : c.people) {
        out += '\n';
        out += render_person(p, Layout{});
    }
    out += "\n# Purchases, payments and contacts follow as [[purchase]], [[payment]] and\n"
           "# [[log]] entries, oldest first; `crm log` appends them here.\n";
    return out;
}

} // namespace crm
