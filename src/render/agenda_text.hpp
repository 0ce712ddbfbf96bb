#pragma once
// `crm due` as text a person reads at a glance, and the pieces of it that the
// JSON and mail renderers share (section names, counts, "late" versus "due").

#include "crm/agenda.hpp"
#include "crm/settings.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace crm::render {

enum class GroupBy { none, region, owner, kind };

// "region", "owner", "kind" (and "none"); nullopt for anything else.
std::optional<GroupBy> parse_group(std::string_view name);

struct TextOptions {
    bool color = false; // ANSI colours; decided by the caller from --color
    GroupBy group = GroupBy::none;
};

// "overdue", "today", "upcoming", "birthdays".
std::string_view section_name(Section s);

struct SectionCounts {
    std::size_t overdue = 0;
    std::size_t today = 0;
    std::size_t upcoming = 0;
    std::size_t birthdays = 0;
};
SectionCounts count_sections(const Agenda& agenda);

// Whether an overdue reason is past every grace the rules allow: a revisit of
// a class with a maximum interval is only "due" until that maximum passes;
// every other overdue reason is late. False when not overdue.
bool is_late(const Reason& r, const Customer& c, const Settings& s);

// The agenda: a header line with the day and the counts, then one section
// per Section kind (empty ones left out), one line per item with its
// reasons merged; with a group, one block per region, owner or kind holding
// those sections. Columns are aligned by display width, so CJK names line up.
std::string agenda_text(const Agenda& agenda, const Settings& settings, const TextOptions& options);

} // namespace crm::render
