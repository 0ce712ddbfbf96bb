#pragma once
// Writing customer files as text. toml++ cannot write a document back with
// its comments, so crm never re-serialises a file: it appends entries and
// replaces single values, and every other byte (comments, key order, blank
// lines, quoting, tabs, CRLF line endings, a byte-order mark) stays as it was.
// Pure: text in, text out; the io layer reads, locks and writes.

#include "crm/customer.hpp"
#include "crm/dates.hpp"
#include "crm/lunar.hpp"
#include "crm/money.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm {

// One contact to record as a [[log]] entry.
struct LogDraft {
    LogDraft() = default;
    LogDraft(Date date_, std::string by_, std::string kind_, std::string note_ = {},
             std::optional<Date> next_ = {}, bool done_ = false)
        : date(date_), by(std::move(by_)), kind(std::move(kind_)), note(std::move(note_)),
          next(next_), done(done_) {}

    Date date;
    std::string by;
    std::string kind;
    std::string note; // lines separated by '\n'; empty: the entry has no note
    std::optional<Date> next;
    bool done = false; // writes `done = true`: the contact closes a planned item
    std::string why;   // "buy", "keep" or "stop"; empty: no `why`
    std::string said;  // the customer's words; empty: no `said`
    std::vector<std::string> themes;
    std::optional<unsigned> satisfaction;
    // The class move the same command makes (Change::new_class): written as
    // `class` and `class_was`, so that crm report sees the pipeline move.
    std::string class_to;
    std::string class_was;
    // The owner move of a handover: written as `owner` and `owner_was`.
    std::string owner_to;
    std::string owner_was;
};

// A contact planned ahead, recorded as a [[plan]] entry.
struct PlanDraft {
    Date date;
    std::string kind = "visit";    // always written
    std::vector<std::string> with; // written as a list; empty: no `with` key
    std::string note;              // one line or several; empty: no note
    std::string by;                // who planned it; empty: no `by` key
};

// Money received, recorded as a [[payment]] entry.
struct PaymentDraft {
    Date date;
    Money amount;
    std::string by;
    std::string note; // one line or several; empty: no note
};

// A sale, recorded as a [[purchase]] entry.
struct PurchaseDraft {
    Date date;
    std::string product;
    std::string qty;           // as written in TOML: "2", "0.5"
    Money price;               // the total
    std::optional<Money> paid; // nullopt: paid in full (no `paid` key)
    std::string by;
    std::optional<Date> due;
    std::string note;
};

// A top-level key that `crm import` fills: `literal` is its TOML value as
// written (a string, a list, a date, an inline table). The key is added after
// `name` when missing, or its value replaced when it is empty ("" or []).
struct FillKey {
    std::string key;
    std::string literal;
};

// Everything one command changes in one file: entries are appended at the
// end of the file (purchase, then log, then the plans in order, then
// payment, then people), the class is replaced in place.
struct Change {
    std::optional<PurchaseDraft> purchase;
    std::optional<LogDraft> log;
    std::optional<PaymentDraft> payment;
    std::optional<std::string> new_class;
    std::vector<PlanDraft> plans;
    std::optional<std::string> new_owner;                 // replaced in place, like the class
    std::optional<std::vector<std::string>> new_contacts; // the whole list, in place
    std::vector<FillKey> fill;                            // empty values filled, in this order
    std::vector<Person> people;                           // appended as [[person]] entries
};

// How a file writes its lines, detected so that inserted lines match them.
struct Layout {
    bool bom = false;
    std::string eol = "\n";    // "\r\n" when the file's first line ends so
    bool final_newline = true; // false when the last line has no line ending
    std::string header_indent; // before the last [[…]] header, usually empty
    std::string key_indent;    // before the keys of the last [[…]] entry
};

// The file's BOM, line ending and final newline. Indentation is left empty:
// apply_change() takes it from the file's own entries.
Layout detect_layout(std::string_view text);

// The outcome of an edit: the new text, or why the file was refused.
struct Edited {
    std::string text;
    std::string error; // lowercase, no final full stop; empty when done
    std::string hint;  // what the user can do about it
    bool ok() const { return error.empty(); }
};

// Applies `change` to the text of a customer file. Refuses a file that is not
// TOML, and one whose `log`, `payment`, `purchase` or `plan` is an inline
// array (`log = [...]`), which a [[log]] entry cannot extend.
Edited apply_change(std::string_view text, const Change& change);

// Whether `after` holds exactly the data of `before` plus `change`, compared
// as TOML values (formatting aside). Returns what differs, or "" when it
// holds. The writer runs it on the bytes read back from disk, before the
// rename: apply_change() does not run it itself, so that a write parses the
// file three times, not five.
std::string verify_change(std::string_view before, std::string_view after, const Change& change);

// `text` with `block` (lines ending in `layout.eol`) appended: a line ending
// is added first when the file lacks a final one (so a last comment never
// swallows the block), and one blank line separates the block from the rest.
std::string append_block(std::string_view text, std::string_view block, const Layout& layout);

// The [[log]], [[payment]], [[purchase]] or [[plan]] entry as lines, using
// the layout's line ending and indentation.
std::string render_log(const LogDraft& entry, const Layout& layout);
std::string render_payment(const PaymentDraft& entry, const Layout& layout);
std::string render_purchase(const PurchaseDraft& entry, const Layout& layout);
std::string render_plan(const PlanDraft& entry, const Layout& layout);
std::string render_person(const Person& entry, const Layout& layout);

// A TOML string holding `value` exactly. One line: a basic string ("…") with
// \" \\ and control characters escaped. Several lines: a multi-line basic
// string ("""), its lines separated by `eol`, so the note reads as written.
std::string toml_string(std::string_view value, std::string_view eol = "\n");

// "[\"amy\", \"ben\"]": a list of strings on one line.
std::string toml_list(const std::vector<std::string>& values);

// One value as a string, several as a list: how `phone` and `email` are
// written. Empty for none.
std::string toml_one_or_more(const std::vector<std::string>& values);

// A birthday as crm(5) writes it: 1975-03-14, or "--03-14" without a year.
std::string toml_birthday(const MonthDay& b);

// A lunar birthday as an inline table: { month = 8, day = 15 }.
std::string toml_lunar(const LunarMonthDay& b);

// A note as typed, stdin or an editor gave it: line endings become '\n',
// trailing blanks and surrounding blank lines go; with `strip_comments`,
// lines starting with '#' go too (the editor template's help).
std::string clean_note(std::string_view raw, bool strip_comments);

// A new customer, from `crm add`'s options.
struct NewCustomer {
    std::string name;
    std::string class_name;
    std::string owner;
    std::string region;
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    std::optional<MonthDay> birthday;
    std::optional<LunarMonthDay> lunar_birthday;
    std::optional<unsigned> household;
    std::optional<unsigned> payday;
    std::vector<std::string> tags;
    std::optional<Date> since;
    std::string notes;          // empty: no `notes`
    std::vector<Person> people; // [[person]] entries after the keys
};

// The file of a new customer, laid out as a person would write it: one key a
// line, short comments where a key's meaning is not obvious, and a closing
// comment on where purchases and contacts go.
std::string render_customer(const NewCustomer& c);

} // namespace crm
