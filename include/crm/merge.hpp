#pragma once
// Merging two people's edits of one customer file, as git's merge driver
// (`crm merge-file`) does it. Pure: three texts in, one text out.
//
// A file is read as its head (the top-level keys, each with the comment and
// blank lines before it) and its blocks (a [[name]] or [name] header with its
// keys). Blocks are merged as a three-way diff of whole blocks: entries
// either side added are all kept, each exactly as its side wrote it, and
// where both sides added entries at the same place they are ordered by their
// `date` (ours first on the same day; an entry without a date keeps its
// place). An entry one side deleted and the other left alone stays deleted;
// one side deleted and the other changed is kept as changed (no data is
// lost). An entry both sides changed is merged key by key, as the head is:
// a key changed on one side takes that change; the same key changed
// differently on both sides is the only conflict, marked on that key's lines
// alone:
//
//     <<<<<<< ours: 'class' changed on both sides: "later" in ours, "client" in theirs
//     class = "later"
//     =======
//     class = "client"
//     >>>>>>> theirs
//
// The result keeps ours' byte-order mark, line endings and final newline;
// lines taken from theirs get ours' line endings. A clean result always
// parses as TOML; when a side does not parse, holds nested tables ([a.b]),
// or the merge would not parse (`log = [ … ]` on one side, [[log]] entries
// on the other), nothing is guessed: the result says why, and the caller
// falls back to git's own line merge.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// A key both sides changed differently, as marked in the merged text.
struct MergeConflict {
    std::string key;     // the key as written, e.g. "class" or "note"
    std::string entry;   // "" for a top-level key, else e.g. "the [[log]] of 2026-11-20"
    unsigned line = 0;   // 1-based line of the <<<<<<< marker in the merged text
    std::string ours;    // ours' value on one line, made visible and shortened
    std::string theirs;  // theirs' value, likewise
    std::string message; // "'class' changed on both sides: \"later\" in ours, …"
};

// What merge_customer() made of three texts.
struct MergeResult {
    std::string text;                     // the merged text, conflicts marked
    std::vector<MergeConflict> conflicts; // in file order
    std::string fallback;                 // why crm did not merge; "" when it did
    bool ok() const { return fallback.empty(); }
};

// Merges ours' and theirs' edits of `base` (empty when the file was added
// on both sides). When !ok(), `text` is empty and the caller must merge by
// lines (git merge-file) instead.
MergeResult merge_customer(std::string_view base, std::string_view ours, std::string_view theirs);

// One conflict region in a file, crm's or git's (also git's diff3 style,
// with a ||||||| section holding the base). Lines are 1-based.
struct ConflictRegion {
    unsigned begin = 0;  // the <<<<<<< line
    unsigned base = 0;   // the ||||||| line; 0 when there is none
    unsigned middle = 0; // the ======= line
    unsigned end = 0;    // the >>>>>>> line
    std::string label;   // what follows "<<<<<<< ", e.g. "HEAD" (without the line ending)
};

// Every complete conflict region of `text` (a <<<<<<< line, then =======,
// then >>>>>>>, each made of exactly seven characters followed by a space or
// the line's end), in order. A lone marker, as a note may quote, is none.
std::vector<ConflictRegion> find_conflicts(std::string_view text);

enum class Side { ours, theirs };

// `text` with every conflict region replaced by the lines of one side (the
// markers and the other side's lines, and a diff3 base section, dropped), so
// that a conflicted customer can still be read for its name and phone.
std::string conflict_side(std::string_view text, Side side);

// The message of a conflict crm marked ("'class' changed on both sides: …"),
// from the label after "<<<<<<< "; nullopt for git's own labels.
std::optional<std::string> crm_conflict_message(std::string_view label);

} // namespace crm
