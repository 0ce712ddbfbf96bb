#include "import_render.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

struct Counts {
    std::size_t added = 0, updated = 0, people = 0, unchanged = 0, skipped = 0, conflicts = 0;
};

Counts counts_of(const ImportPlan& plan) {
    Counts c;
    for (const ImportStep& s : plan.steps) {
        c.conflicts += s.conflicts.size();
        switch (s.action) {
        case ImportAction::add:
            ++c.added;
            break;
        case ImportAction::update:
            ++c.updated;
            break;
        case ImportAction::add_person:
            ++c.people;
            break;
        case ImportAction::unchanged:
            ++c.unchanged;
            break;
        case ImportAction::skip:
            ++c.skipped;
            break;
        }
    }
    return c;
}

std::string where(const ImportStep& s, const std::string& file) {
    return s.path.empty() ? fmt::format("{}:{}", file, s.line) : s.path;
}

std::string detail(const ImportStep& s) {
    switch (s.action) {
    case ImportAction::add:
        return fmt::format("{}", fmt::join(s.keys, ", "));
    case ImportAction::update:
        return fmt::format("+ {}", fmt::join(s.keys, ", "));
    case ImportAction::add_person:
        return fmt::format("+ [[person]] {}", visible(s.person));
    case ImportAction::unchanged:
        return s.person.empty() ? "" : trf("[[person]] {} is there", visible(s.person));
    case ImportAction::skip:
        break;
    }
    return visible(s.reason);
}

std::string birthday_json(const std::optional<MonthDay>& b) {
    if (!b)
        return "";
    return b->year ? fmt::format("{:04}-{:02}-{:02}", *b->year, b->month, b->day)
                   : fmt::format("--{:02}-{:02}", b->month, b->day);
}

ordered_json card_json(const ContactCard& c, const std::string& file) {
    ordered_json j = {{"source", fmt::format("{}:{}", file, c.line)},
                      {"name", c.name},
                      {"phones", c.phones},
                      {"emails", c.emails},
                      {"birthday", nullptr},
                      {"lunar_birthday", nullptr},
                      {"lunar_leap", c.lunar_birthday && c.lunar_birthday->leap},
                      {"org", c.org},
                      {"title", c.title},
                      {"note", c.note},
                      {"tags", c.tags},
                      {"kind", c.organisation ? "org" : "person"}};
    if (c.birthday)
        j["birthday"] = birthday_json(c.birthday);
    if (c.lunar_birthday)
        j["lunar_birthday"] =
            fmt::format("{:02}-{:02}", c.lunar_birthday->month, c.lunar_birthday->day);
    return j;
}

// action_name() as a person reads it.
std::string action_label(ImportAction a) {
    switch (a) {
    case ImportAction::add:
        return tr("new");
    case ImportAction::update:
        return tr("update");
    case ImportAction::add_person:
        return tr("person");
    case ImportAction::unchanged:
        return tr("unchanged");
    case ImportAction::skip:
        break;
    }
    return tr("skip");
}

} // namespace

std::string import_text(const ImportPlan& plan, const ContactsRead& read, const std::string& file,
                        bool dry_run) {
    std::string out;
    for (const std::string& n : read.notes)
        out += fmt::format("{}: {}\n", visible(file), visible(n));
    std::size_t wide = 0;
    std::size_t actions = 9; // "unchanged"
    for (const ImportStep& s : plan.steps) {
        wide = std::max(wide, display_width(visible(where(s, file))));
        actions = std::max(actions, display_width(action_label(s.action)));
    }
    for (const ImportStep& s : plan.steps) {
        const std::string name = s.name.empty() ? "" : visible(s.name) + "  ";
        std::string line = fmt::format("{}  {}  {}{}", pad_right(action_label(s.action), actions),
                                       pad_right(visible(where(s, file)), wide), name, detail(s));
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
        for (const ImportConflict& c : s.conflicts)
            out += trf("  conflict: {} is {} in the file, {} on the card ({}:{}); kept "
                       "the file's\n",
                       c.key, visible(c.in_file), visible(c.in_card), visible(file), s.line);
        for (const std::string& w : s.warnings)
            out += trf("  left out: {} ({}:{})\n", visible(w), visible(file), s.line);
    }
    const Counts c = counts_of(plan);
    out += trf("{} new, {} updated, {} added, {} unchanged, {} skipped, {}{}\n", c.added, c.updated,
               trnf("{} person", "{} people", c.people, c.people), c.unchanged, c.skipped,
               trnf("{} conflict", "{} conflicts", c.conflicts, c.conflicts),
               dry_run ? tr(" (dry run: nothing written)") : "");
    return out;
}

std::string import_json(const ImportPlan& plan, const ContactsRead& read, const std::string& file,
                        bool dry_run) {
    ordered_json records = ordered_json::array();
    for (const ContactCard& c : read.cards)
        records.push_back(card_json(c, file));
    ordered_json actions = ordered_json::array();
    for (const ImportStep& s : plan.steps) {
        ordered_json conflicts = ordered_json::array();
        for (const ImportConflict& c : s.conflicts)
            conflicts.push_back({{"key", c.key}, {"file", c.in_file}, {"card", c.in_card}});
        actions.push_back({{"action", action_name(s.action)},
                           {"source", fmt::format("{}:{}", file, s.line)},
                           {"path", s.path},
                           {"name", s.name},
                           {"person", s.person},
                           {"keys", s.keys},
                           {"conflicts", std::move(conflicts)},
                           {"warnings", s.warnings},
                           {"reason", s.reason}});
    }
    const Counts c = counts_of(plan);
    const ordered_json j = {{"file", file},
                            {"dry_run", dry_run},
                            {"records", std::move(records)},
                            {"actions", std::move(actions)},
                            {"notes", read.notes},
                            {"summary",
                             {{"new", c.added},
                              {"updated", c.updated},
                              {"people", c.people},
                              {"unchanged", c.unchanged},
                              {"skipped", c.skipped},
                              {"conflicts", c.conflicts}}}};
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace crm::render
