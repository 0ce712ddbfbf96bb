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

std::string birthday_value(const MonthDay& b) {
    if (b.year)
        return fmt::format("{:04}-{:02}-{:02}", *b.year, b.month, b.day);
    return fmt::format("\"--{:02}-{:02}\"", b.month, b.day); // quoted: TOML has no yearless date
}

std::string lunar_value(const LunarMonthDay& b) {
    return fmt::format("{{ month = {}, day = {}{} }}", b.month, b.day,
                       b.leap ? ", leap = true" : "");
}

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
    if (!c.phone.empty())
        add(l, "phone", toml_string(c.phone));
    if (!c.email.empty())
        add(l, "email", toml_string(c.email));
    if (c.birthday)
        add(l, "birthday", birthday_value(*c.birthday));
    if (c.lunar_birthday)
        add(l, "lunar_birthday", lunar_value(*c.lunar_birthday),
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
    out += "\n# Purchases, payments and contacts follow as [[purchase]], [[payment]] and\n"
           "# [[log]] entries, oldest first; `crm log` appends them here.\n";
    return out;
}

} // namespace crm
