#pragma once
// A customer file cut into the pieces crm merges: its head (top-level keys)
// and its blocks ([[name]] or [name] with their keys), every line a view of
// the original text. Shared by the merge's scanner, checker and merger.

#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace crm::merge {

// One line of a side: its text without the line ending, and the ending
// ("\n", "\r\n", or "" for a last line without one).
struct Line {
    std::string_view text;
    std::string_view eol;
};

using Lines = std::vector<Line>;

// A `key = value` statement (one line, or several for a multi-line string or
// array) with the comment and blank lines written right before it.
struct Item {
    std::string key;       // its key path, unquoted: "class", "lunar_birthday.month"
    std::string value;     // the value as written, without a trailing comment
    Lines trivia;          // the comment and blank lines before it
    Lines statement;       // the statement's own lines
    unsigned key_line = 0; // 1-based line of the key in its side's text
};

// A [[name]] entry or a [name] table: its header, its keys, and the comment
// and blank lines before the header.
struct Block {
    std::string name;  // the header's key, unquoted: "log"
    bool array = true; // [[name]] rather than [name]
    Lines trivia;
    Line header;
    unsigned header_line = 0; // 1-based
    std::vector<Item> items;
    std::string date; // the `date` value's YYYY-MM-DD, or "" when it has none
    std::string norm; // the block's text compared: blank lines and line ends ignored
};

struct Document {
    std::vector<Item> head;
    std::vector<Block> blocks;
    Lines tail; // comment and blank lines after the last key or header
};

// The layout the merged text is written in: ours', else the first side
// that has any text.
struct Layout {
    bool bom = false;
    std::string_view eol = "\n";
    bool final_newline = true;
};

// Layout of one side's text.
Layout layout_of(std::string_view text);

// Splits `text` (without its byte-order mark) into lines; with `eol` given,
// every line ending is replaced by it (lines taken from theirs are written
// with ours' endings).
Lines split_lines(std::string_view text, std::optional<std::string_view> eol = std::nullopt);

// Cuts lines into a document; nullopt when a line is not what the scanner
// understands (then the file is left to git). Only called on text toml++
// accepted.
std::optional<Document> scan_document(const Lines& lines);

// Whether toml++'s reading of the same text puts every top-level key and
// every header on the line the scanner found: a check that the scanner was
// not fooled (a header inside a multi-line string).
bool agrees_with(const Document& doc, const toml::table& root);

// The statement's and its trivia's text with line ends and trailing blanks
// dropped, for comparing two versions.
std::string norm_of(const Item& item);
std::string norm_of(const Lines& lines);
std::string norm_of(const Block& block); // what Block::norm holds

} // namespace crm::merge
