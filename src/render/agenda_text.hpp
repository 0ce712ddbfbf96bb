#pragma once
// `crm due` as text a person reads at a glance, and the pieces of it that the
// JSON and mail renderers share (section names, counts, "late" versus "due").

#include "crm/agenda.hpp"
#include "crm/settings.hpp"
#include "phrases.hpp"

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
    // The terminal's width: the header, long names and reasons are wrapped
    // to it at word boundaries, continuing in their own column (reasons
    // never narrower than 20 columns). Nullopt: nothing is wrapped.
    std::optional<std::size_t> width;
    // Written to a terminal: columns are laid out counting ambiguous-width
    // characters (·, ‧) as two columns, and a line whose name holds one moves
    // to the next column with ESC [ n G, so columns line up whatever width
    // the terminal gives them. Otherwise they count one and spaces pad.
    bool terminal = false;
    // Each line shows the customer's lifetime value, right-aligned after the
    // name ("72000 TWD", with the currency of crm.toml when set).
    bool value = false;
    // A long agenda's lines are made on this many threads (the output is
    // the same on any number).
    unsigned threads = 1;
};

// A reason as the agenda writes it, labelled where its text does not say
// what it is: "revisit, last contact 2026-11-16", "follow-up 7d after …",
// "birthday, lunar 8/15 → …"; the others as they are. Not made visible().
// The labels are in the user's language, or in English for files programs
// read (CSV).
std::string reason_phrase(const Reason& r, Words words = Words::user);

// kind_name() in the user's language: "revisit"; "回訪".
std::string kind_label(Kind k);

// A [[log]]'s kind as a person reads it: visit, call, message and email in
// the user's language, any other word as written (made visible()).
std::string log_kind_label(std::string_view kind);

// "overdue", "today", "upcoming", "birthdays".
std::string_view section_name(Section s);

struct SectionCounts {
    std::size_t overdue = 0;
    std::size_t today = 0;
    std::size_t upcoming = 0;
    std::size_t birthdays = 0;
};
SectionCounts count_sections(const Agenda& agenda);

// Whether an overdue reason is past every grace the rules allow (see
// crm::past_grace): "late" rather than "due". False when not overdue.
bool is_late(const Reason& r, const Customer& c, const Settings& s);

// The agenda: a header line with the day and the counts, then one section
// per Section kind (empty ones left out), one line per item with its
// reasons merged; with a group, one block per region, owner or kind holding
// those sections. Columns are aligned by display width, so CJK names line up.
// In an overdue line of several reasons the one its lateness belongs to comes
// first and each overdue reason says how late it is: "rice-10kg ran out Mon
// 2026-10-19 (35 days late) · revisit, last contact 2026-09-22 (2 days late)".
// Text from the files goes through crm::visible().
std::string agenda_text(const Agenda& agenda, const Settings& settings, const TextOptions& options);

} // namespace crm::render
