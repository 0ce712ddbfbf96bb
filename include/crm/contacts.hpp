#pragma once
// Contacts as phones and spreadsheets export them: vCard (2.1, 3.0, 4.0)
// and CSV with a header row, read into one shape that `crm import` plans
// from. Pure: bytes in (UTF-8, or a vCard property's own CHARSET), values
// out; the CLI reads the file and converts a whole file's encoding.

#include "crm/dates.hpp"
#include "crm/lunar.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// One card, or one row of a spreadsheet.
struct ContactCard {
    unsigned line = 0; // where the card (BEGIN:VCARD) or the row starts
    std::string name;
    std::vector<std::string> phones; // in the file's order
    std::vector<std::string> emails;
    std::optional<MonthDay> birthday;
    std::optional<LunarMonthDay> lunar_birthday;
    std::string org;   // the company the person works at (ORG's first part)
    std::string title; // their job title
    std::string note;
    std::vector<std::string> tags;
    bool organisation = false; // a company's own card (KIND:org, X-ABShowAs:COMPANY)
    // Columns a spreadsheet may carry; vCards leave them empty.
    std::string region;
    std::string class_name;
    std::string owner;
    std::optional<unsigned> payday;
    std::optional<unsigned> household;
    // Values left out, each with why ("BDAY '1975-13-01' is not a date").
    std::vector<std::string> warnings;
};

// A card or row that cannot be imported, and why.
struct SkippedCard {
    unsigned line = 0;
    std::string reason;
};

struct ContactsRead {
    std::vector<ContactCard> cards;
    std::vector<SkippedCard> skipped;
    std::vector<std::string> notes; // about the whole file: columns not imported
};

// Every BEGIN:VCARD … END:VCARD of `text`. Folding, QUOTED-PRINTABLE,
// CHARSET and the property grammar are libvformat's; crm adds what that
// library leaves to its caller: vCard 3.0/4.0 backslash escapes, TYPE
// parameters, "tel:" URIs, birthdays without a year, and lunar birthdays
// (BDAY or X-ALTBDAY with CALSCALE=chinese).
ContactsRead read_vcards(std::string_view text);

// How a spreadsheet's columns become a card's fields.
struct ColumnMap {
    // --map COLUMN=KEY, in the order given; KEY "skip" ignores the column.
    std::vector<std::pair<std::string, std::string>> given;
};

// The keys a column can map to, for --map and its error message.
const std::vector<std::string>& contact_keys();

// The rows of a CSV file (RFC 4180, through libcsv) with a header row:
// crm's own key names, the common exports' headers (Google, Outlook, a
// spreadsheet's "Name, Phone, Birthday, Notes", their Chinese forms) and
// `map` name the columns. `text` is UTF-8; a byte-order mark is skipped.
ContactsRead read_contacts_csv(std::string_view text, const ColumnMap& map);

// `text` converted from `encoding` (an iconv name: big5, gb18030, utf-16…)
// to UTF-8; false when the encoding is unknown or the text is not valid in it.
bool convert_to_utf8(std::string& text, const std::string& encoding);

// Whether an encoding name means UTF-8 (or its ASCII subset): no conversion.
bool utf8_encoding(std::string_view name);

// A birthday as exports write it: 1975-03-14, 19750314, 1975/3/14,
// --03-14, --0314, 03-14, and 8/16/1979 or 16/8/1979 when only one of the
// two numbers can be the month (3/4/1979 is refused: it is either); a year of 1604 (Apple's "no
// year") or 0 is dropped. nullopt when it is none of these or not a real day.
std::optional<MonthDay> parse_contact_birthday(std::string_view text);

// A lunar birthday: "8/15", "L6/3" or "閏6/3" (a leap month), "08-15",
// "--0815", "19750815", and Apple's X-ALTBDAY: era, year of the era, month,
// an L for a leap month, day ("007700470415", "0078000406L03").
std::optional<LunarMonthDay> parse_contact_lunar(std::string_view text);

} // namespace crm
