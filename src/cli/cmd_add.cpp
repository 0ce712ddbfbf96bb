// crm add NAME: a new customers/<id>.toml, laid out as a person would write
// it. The id comes from the name (crm/match.hpp says how); an existing id or
// a customer with the same phone or email is refused, naming that customer.

#include "commands.hpp"
#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/match.hpp"
#include "crm/names.hpp"
#include "crm/parse.hpp"
#include "crm/text.hpp"
#include "folder.hpp"
#include "writing.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <ostream>

namespace crm::cli {

namespace {

struct AddOptions {
    std::string name;
    std::optional<std::string> id;
    std::optional<std::string> class_name;
    std::optional<std::string> owner;
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    std::string region;
    std::optional<std::string> birthday;
    std::optional<std::string> lunar_birthday;
    std::optional<unsigned> household;
    std::optional<unsigned> payday;
    std::vector<std::string> tags;
    bool force = false;
};

[[noreturn]] void usage(const std::string& message) {
    throw UsageError(message);
}

// "1975-03-14", or "--03-14" / "03-14" when the year is unknown.
MonthDay birthday(const std::string& text) {
    std::string full = text;
    if (text.size() == 5)
        full = "2000-" + text; // a leap year: 02-29 is a birthday too
    else if (text.starts_with("--"))
        full = "2000" + text.substr(1);
    const auto d = parse_date(full);
    if (!d)
        usage(trf("--birthday '{}' is not a date like 1975-03-14 or 03-14", text));
    const date::year_month_day ymd{*d};
    std::optional<int> year;
    if (full == text)
        year = static_cast<int>(ymd.year());
    return {year, static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

// "8/15"; "L6/3" (or "閏6/3") for the 3rd of the leap sixth month.
LunarMonthDay lunar(const std::string& text) {
    LunarMonthDay out;
    std::string_view rest = text;
    for (std::string_view leap : {"L", "l", "閏", "闰"})
        if (rest.starts_with(leap)) {
            out.leap = true;
            rest.remove_prefix(leap.size());
        }
    unsigned month = 0, day = 0;
    char slash = 0, extra = 0;
    const std::string s(rest);
    if (std::sscanf(s.c_str(), "%u%c%u%c", &month, &slash, &day, &extra) != 3 || slash != '/' ||
        month < 1 || month > 12 || day < 1 || day > 30)
        usage(trf("--lunar-birthday '{}' is not a lunar month/day like 8/15, or L6/3 "
                  "for a leap month",
                  text));
    out.month = month;
    out.day = day;
    return out;
}

// Text for a value of the file: UTF-8 without control characters (a newline,
// a carriage return, an escape), which would make a line of its own or
// drive a terminal when the value is shown.
bool one_line(const std::string& s) {
    return !first_invalid_utf8(s) && visible(s) == s;
}

std::string class_of(const AddOptions& o, const Settings& s) {
    std::vector<std::string> known;
    for (const auto& c : s.classes)
        known.push_back(c.name);
    // A new acquaintance is revisited soonest: better a call too early than a
    // prospect forgotten.
    const std::string name = o.class_name.value_or("now");
    if (s.find_class(name))
        return name;
    const auto near = did_you_mean(name, known);
    usage(trf("{} '{}' is not a class of crm.toml ({})",
              o.class_name ? "--class" : tr("the default class"), name,
              near ? trf("did you mean '{}'?", *near)
                   : trf("the classes are: {}", fmt::join(known, tr(", ")))));
}

std::vector<std::string> split_tags(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const std::string& t : given) {
        std::size_t start = 0;
        while (start <= t.size()) {
            const std::size_t end = std::min(t.find(',', start), t.size());
            std::string tag = t.substr(start, end - start);
            tag.erase(0, tag.find_first_not_of(' '));
            tag.erase(tag.find_last_not_of(' ') + 1);
            if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end())
                out.push_back(tag);
            start = end + 1;
        }
    }
    return out;
}

// The values given, trimmed, each once, in the order given.
std::vector<std::string> without_blanks(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (std::string v : given) {
        v.erase(0, v.find_first_not_of(' '));
        v.erase(v.find_last_not_of(' ') + 1);
        if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end())
            out.push_back(std::move(v));
    }
    return out;
}

NewCustomer new_customer(const Context& ctx, const AddOptions& o, const Ledger& ledger,
                         const std::filesystem::path& root) {
    NewCustomer c;
    c.name = o.name.substr(0, o.name.find_last_not_of(' ') + 1);
    if (c.name.empty() || !one_line(c.name))
        usage(tr("the name must be one line of text"));
    for (const auto& [option, value] :
         {std::pair<const char*, const std::string*>{"--owner", o.owner ? &*o.owner : nullptr},
          {"--region", &o.region}})
        if (value && !one_line(*value))
            usage(trf("{} must be one line of text, without control characters", option));
    for (const auto& [option, values] : {std::pair{"--phone", &o.phones}, {"--email", &o.emails}})
        for (const std::string& value : *values)
            if (!one_line(value))
                usage(trf("{} must be one line of text, without control characters", option));
    for (const std::string& tag : o.tags)
        if (!one_line(tag))
            usage(tr("--tag must be one line of text, without control characters"));
    c.class_name = class_of(o, ledger.settings);
    c.owner = o.owner ? *o.owner : default_by(ctx, ledger.settings, root);
    c.region = o.region;
    c.phones = without_blanks(o.phones);
    c.emails = without_blanks(o.emails);
    if (o.birthday)
        c.birthday = birthday(*o.birthday);
    if (o.lunar_birthday)
        c.lunar_birthday = lunar(*o.lunar_birthday);
    c.household = o.household;
    c.payday = o.payday;
    c.tags = split_tags(o.tags);
    c.since = ctx.today();
    return c;
}

std::string id_for(const AddOptions& o) {
    if (o.id) {
        if (!valid_id(*o.id))
            usage(trf("--id '{}' cannot be a file name everywhere: use lowercase letters, "
                      "digits, '-' and '_'",
                      *o.id));
        return *o.id;
    }
    std::string id = id_from_name(o.name);
    if (id.empty())
        usage(trf("no id can be made from '{}'; give one with --id", o.name));
    return id;
}

// Under the lock, against the folder as it is now.
void refuse_duplicates(const NewCustomer& n, const std::string& id, const Ledger& ledger,
                       const std::filesystem::path& root, bool force) {
    for (const std::string& path : io::list_customer_files(root))
        if (ascii_lower(id_from_path(path)) == id) {
            const Customer* c = ledger.find(id_from_path(path));
            throw Error(trf("'{}' exists already{}; give the new customer another id "
                            "with --id",
                            path, c ? trf(" ({})", c->name) : ""));
        }
    for (const Customer& c : ledger.customers) {
        if (force)
            break;
        for (const std::string& phone : n.phones)
            if (std::any_of(c.phones.begin(), c.phones.end(),
                            [&](const std::string& p) { return same_phone(phone, p); }))
                throw Error(trf("phone '{}' is already {}'s ({}); if they share it, add "
                                "--force",
                                phone, c.name, c.path));
        for (const std::string& email : n.emails)
            if (std::any_of(c.emails.begin(), c.emails.end(), [&](const std::string& e) {
                    return ascii_lower(e) == ascii_lower(email);
                }))
                throw Error(trf("email '{}' is already {}'s ({}); if they share it, add "
                                "--force",
                                email, c.name, c.path));
    }
}

int run_add(const Context& ctx, const AddOptions& o) {
    const std::filesystem::path root = ctx.folder();
    const Ledger first = ctx.load();
    const NewCustomer fresh = new_customer(ctx, o, first, root);
    const std::string id = id_for(o);
    const std::string path = fmt::format("customers/{}.toml", id);
    const std::string text = render_customer(fresh);
    std::error_code ec;
    std::filesystem::create_directories(root / "customers", ec);
    write_customer(
        ctx, first.settings, root, path, {"add", fmt::format("add: {}", fresh.name)},
        [&](const io::Content& current) -> io::Content {
            // Under the lock, against the folder as it is now: another crm may
            // have added meanwhile.
            refuse_duplicates(fresh, id, ctx.load(), root, o.force);
            if (current)
                throw Error(trf("'{}' exists already; nothing was written", path));
            return text;
        },
        [&](const io::Content&, std::string_view written) {
            const auto parsed = parse_customer(written, path, first.settings);
            if (!parsed.value || !parsed.diagnostics.empty() || parsed.value->name != fresh.name)
                return std::string(tr("the new file would not read back as written"));
            return std::string();
        });
    ctx.out << trf("{}: added {}\n", path, visible(fresh.name));
    return static_cast<int>(Exit::ok);
}

} // namespace

std::function<int()> setup_add(CLI::App& sub, Context& ctx) {
    auto o = std::make_shared<AddOptions>();
    sub.add_option("NAME", o->name, tr("the customer's name, as they write it"))->required();
    sub.add_option("--id", o->id, tr("the file name (default: made from the name)"))
        ->option_text("ID");
    sub.add_option("--class", o->class_name, tr("revisit class (default: now)"))
        ->option_text("CLASS");
    sub.add_option("--owner", o->owner, tr("account manager (default: as log's --by)"))
        ->option_text("NAME");
    sub.add_option("--phone", o->phones, tr("phone number; repeat for several"))
        ->allow_extra_args(false)
        ->option_text("PHONE");
    sub.add_option("--email", o->emails, tr("email address; repeat for several"))
        ->allow_extra_args(false)
        ->option_text("EMAIL");
    sub.add_option("--region", o->region, tr("region, '/' for sub-regions: Taipei/Da'an"))
        ->option_text("REGION");
    sub.add_option("--birthday", o->birthday, tr("Gregorian birthday"))
        ->option_text("YYYY-MM-DD|MM-DD");
    sub.add_option("--lunar-birthday", o->lunar_birthday, tr("lunar birthday; L for a leap month"))
        ->option_text("M/D|LM/D");
    sub.add_option("--household", o->household, tr("people sharing consumable products"))
        ->check(CLI::Range(1u, 1000u))
        ->option_text("N");
    sub.add_option("--payday", o->payday, tr("day of the month they are paid"))
        ->check(CLI::Range(1u, 31u))
        ->option_text("DAY");
    sub.add_option("--tag", o->tags, tr("a tag; repeat or separate with commas"))
        ->allow_extra_args(false) // one tag per --tag, so a NAME after it stays the name
        ->option_text("TAG");
    sub.add_flag("--force", o->force, tr("add even when the phone or email is another customer's"));
    return [&ctx, o] { return catching_usage(ctx, [&] { return run_add(ctx, *o); }); };
}

} // namespace crm::cli
