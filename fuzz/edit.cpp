// apply_change() on arbitrary file text with a fixed change: a [[log]] entry
// with a note and a [[payment]] (and, when the second byte is odd, a class
// change). When the edit succeeds, the original bytes must be a prefix of the
// result (entries are only appended) unless the class changed, and
// verify_change() must find the data of the original plus the change.

#include "crm/edit.hpp"

#include "crm/text.hpp"
#include "fuzz_common.hpp"

#include <array>
#include <string>

namespace {

using date::November;

// Pieces a note is built from: the characters toml_string() escapes or must
// not end a string on, line endings, and multi-byte UTF-8.
constexpr std::array<std::string_view, 16> note_pieces = {
    "a", " ",    "\n", "\"", "\\",   "\t",   "'''",   "\"\"\"",
    "#", "\r\n", "é",  "中", "\x01", "\x7f", "x\n\n", "[[log]]"};

// A note from the input's first bytes: the first byte's low nibble is the
// number of pieces, the next bytes choose them. Cleaned as `crm log` cleans
// what it is given, so it is a note the command line could pass.
std::string note_from(std::string_view text) {
    if (text.empty())
        return "";
    const std::size_t count = static_cast<unsigned char>(text[0]) & 0x0fu;
    std::string raw;
    for (std::size_t i = 1; i <= count && i < text.size(); ++i)
        raw += note_pieces[static_cast<unsigned char>(text[i]) % note_pieces.size()];
    return crm::clean_note(raw, false);
}

crm::Change change_for(std::string_view text) {
    const crm::Date day{date::year{2026} / November / 23};
    crm::Change change;
    change.log = crm::LogDraft{day, "amy", "visit", note_from(text),
                               crm::Date{date::year{2026} / November / 30}};
    change.payment = crm::PaymentDraft{day, crm::Money{30050}, "amy", "cash"};
    if (text.size() > 1 && (static_cast<unsigned char>(text[1]) & 1u) != 0)
        change.new_class = "later";
    if (text.size() > 1 && (static_cast<unsigned char>(text[1]) & 2u) != 0) {
        change.log->done = true;
        change.plans.push_back(
            {day, "call", {"amy", "ben"}, note_from(text), "amy"}); // the same note, in a [[plan]]
    }
    if (text.size() > 1 && (static_cast<unsigned char>(text[1]) & 4u) != 0) {
        change.new_owner = "ben";
        change.new_contacts = std::vector<std::string>{"amy", "中"};
    }
    return change;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = crm_fuzz::as_text(data, size);
    const crm::Change change = change_for(text);
    const crm::Edited edited = crm::apply_change(text, change);
    if (!edited.ok())
        return 0;
    if (!change.new_class && !change.new_owner)
        crm_fuzz::require(std::string_view(edited.text).substr(0, text.size()) == text,
                          "the original text is a prefix of the result");
    const std::string differs = crm::verify_change(text, edited.text, change);
    if (!differs.empty()) {
        std::fprintf(stderr, "verify_change: %s\n", differs.c_str());
        crm_fuzz::require(false, "verify_change() accepts what apply_change() wrote");
    }
    return 0;
}
