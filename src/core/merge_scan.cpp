// Cutting a customer file into the merge's pieces: a small TOML scanner that
// knows where a statement ends (strings, multi-line strings, arrays) and
// which lines are headers, so that a "[[log]]" inside a note stays text.
// It only ever sees text toml++ accepted; whatever it does not follow makes
// it give up, and the file is merged by git instead.

#include "merge_doc.hpp"

namespace crm::merge {

namespace {

bool blank_or_comment(std::string_view s) {
    const std::size_t at = s.find_first_not_of(" \t");
    return at == std::string_view::npos || s[at] == '#';
}

// A position in a side's lines; a statement may run over several of them.
class Cursor {
  public:
    Cursor(const Lines& lines, std::size_t line, std::size_t col)
        : lines_(&lines), line_(line), col_(col) {}

    bool at_end() const { return line_ >= lines_->size(); }
    bool at_eol() const { return at_end() || col_ >= text().size(); }
    std::string_view text() const { return at_end() ? "" : (*lines_)[line_].text; }
    char peek(std::size_t ahead = 0) const {
        const std::string_view t = text();
        return col_ + ahead < t.size() ? t[col_ + ahead] : '\0';
    }
    void advance(std::size_t n = 1) { col_ += n; }
    bool next_line() {
        ++line_;
        col_ = 0;
        return !at_end();
    }
    void skip_blanks() {
        while (!at_eol() && (peek() == ' ' || peek() == '\t'))
            ++col_;
    }
    // Spaces, comments and line ends, as between an array's values.
    bool skip_space() {
        while (true) {
            skip_blanks();
            if (at_eol() || peek() == '#') {
                if (!next_line())
                    return false;
                continue;
            }
            return true;
        }
    }
    // How many `ch` follow here, on this line.
    std::size_t run_of(char ch) const {
        std::size_t n = 0;
        while (peek(n) == ch)
            ++n;
        return n;
    }
    std::size_t line() const { return line_; }
    std::size_t col() const { return col_; }

  private:
    const Lines* lines_;
    std::size_t line_;
    std::size_t col_;
};

// """…""" or '''…''': up to two more quotes before the closing three belong
// to the text.
bool skip_multiline(Cursor& c, char quote) {
    c.advance(3);
    while (true) {
        if (c.at_eol()) {
            if (!c.next_line())
                return false;
            continue;
        }
        const char ch = c.peek();
        if (quote == '"' && ch == '\\') {
            c.advance(c.peek(1) == '\0' ? 1 : 2); // at the line's end: a line continuation
        } else if (ch == quote) {
            const std::size_t n = c.run_of(quote);
            c.advance(n);
            if (n >= 3)
                return n <= 5;
        } else {
            c.advance();
        }
    }
}

bool skip_string(Cursor& c) {
    const char quote = c.peek();
    if (c.peek(1) == quote && c.peek(2) == quote)
        return skip_multiline(c, quote);
    c.advance();
    while (!c.at_eol()) {
        const char ch = c.peek();
        c.advance(quote == '"' && ch == '\\' ? 2 : 1);
        if (ch == quote)
            return true;
    }
    return false;
}

bool bare_key_char(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
}

struct Key {
    std::string text;
    std::size_t segments = 0;
};

// One part of a key: bare, or quoted on one line (kept unquoted unless it
// holds a dot or an escape, so that "name" and name are one key).
bool read_key_part(Cursor& c, std::string& into) {
    const char ch = c.peek();
    if (ch != '"' && ch != '\'') {
        const std::size_t from = c.col();
        while (bare_key_char(c.peek()))
            c.advance();
        into += c.text().substr(from, c.col() - from);
        return c.col() > from;
    }
    if (c.peek(1) == ch && c.peek(2) == ch)
        return false; // a multi-line string is no key
    const std::size_t from = c.col();
    if (!skip_string(c))
        return false;
    const std::string_view quoted = c.text().substr(from, c.col() - from);
    const std::string_view inner = quoted.substr(1, quoted.size() - 2);
    const bool plain = inner.find_first_of(".\\") == std::string_view::npos && !inner.empty();
    into += plain ? inner : quoted;
    return true;
}

std::optional<Key> read_key(Cursor& c) {
    Key key;
    while (true) {
        c.skip_blanks();
        if (!read_key_part(c, key.text))
            return std::nullopt;
        ++key.segments;
        c.skip_blanks();
        if (c.peek() != '.')
            return key;
        c.advance();
        key.text += '.';
    }
}

bool skip_value(Cursor& c);

bool skip_array(Cursor& c) {
    c.advance();
    while (true) {
        if (!c.skip_space())
            return false;
        if (c.peek() == ']') {
            c.advance();
            return true;
        }
        if (c.peek() == ',')
            c.advance();
        else if (!skip_value(c))
            return false;
    }
}

bool skip_inline_table(Cursor& c) {
    c.advance();
    while (true) {
        if (!c.skip_space())
            return false;
        if (c.peek() == '}') {
            c.advance();
            return true;
        }
        if (c.peek() == ',') {
            c.advance();
            continue;
        }
        if (!read_key(c) || c.peek() != '=')
            return false;
        c.advance();
        c.skip_blanks();
        if (!skip_value(c))
            return false;
    }
}

// A value starting here; the cursor ends right after it.
bool skip_value(Cursor& c) {
    const char ch = c.peek();
    if (ch == '"' || ch == '\'')
        return skip_string(c);
    if (ch == '[')
        return skip_array(c);
    if (ch == '{')
        return skip_inline_table(c);
    // A number, date, boolean: up to what ends a value (a date may hold a space).
    const std::size_t from = c.col();
    while (!c.at_eol() && std::string_view(",]}#").find(c.peek()) == std::string_view::npos)
        c.advance();
    return c.col() > from;
}

bool only_comment_left(Cursor& c) {
    c.skip_blanks();
    return c.at_eol() || c.peek() == '#';
}

std::string trim(std::string_view s) {
    const std::size_t from = s.find_first_not_of(" \t");
    if (from == std::string_view::npos)
        return "";
    const std::size_t to = s.find_last_not_of(" \t");
    return std::string(s.substr(from, to - from + 1));
}

// The text between two positions, lines joined by '\n'.
std::string text_between(const Lines& lines, std::size_t line, std::size_t col,
                         std::size_t end_line, std::size_t end_col) {
    if (line == end_line)
        return trim(lines[line].text.substr(col, end_col - col));
    std::string out(lines[line].text.substr(col));
    for (std::size_t i = line + 1; i < end_line; ++i)
        out.append("\n").append(lines[i].text);
    out.append("\n").append(lines[end_line].text.substr(0, end_col));
    return trim(out);
}

// `key = value` from line `at`: the item, and the line after it.
std::optional<Item> read_item(const Lines& lines, std::size_t at, std::size_t& next) {
    Cursor c(lines, at, 0);
    const auto key = read_key(c);
    if (!key || c.peek() != '=')
        return std::nullopt;
    c.advance();
    c.skip_blanks();
    const std::size_t value_col = c.col();
    if (c.at_eol() || !skip_value(c))
        return std::nullopt;
    Item item;
    item.key = key->text;
    item.value = text_between(lines, at, value_col, c.line(), c.col());
    if (!only_comment_left(c))
        return std::nullopt;
    item.statement.assign(lines.begin() + static_cast<std::ptrdiff_t>(at),
                          lines.begin() + static_cast<std::ptrdiff_t>(c.line() + 1));
    item.key_line = static_cast<unsigned>(at + 1);
    next = c.line() + 1;
    return item;
}

// A [name] or [[name]] header of a single key; a nested table ([a.b]) is
// beyond what crm merges.
std::optional<Block> read_header(const Lines& lines, std::size_t at) {
    Cursor c(lines, at, 0);
    c.skip_blanks();
    Block block;
    c.advance();
    block.array = c.peek() == '[';
    if (block.array)
        c.advance();
    const auto key = read_key(c);
    if (!key || key->segments != 1)
        return std::nullopt;
    for (int close = block.array ? 2 : 1; close > 0; --close, c.advance())
        if (c.peek() != ']')
            return std::nullopt;
    if (!only_comment_left(c))
        return std::nullopt;
    block.name = key->text;
    block.header = lines[at];
    block.header_line = static_cast<unsigned>(at + 1);
    return block;
}

// YYYY-MM-DD at the start of a date value (quoted or not), else "".
std::string date_of(const Block& block) {
    for (const Item& item : block.items) {
        if (item.key != "date")
            continue;
        std::string_view v = item.value;
        if (!v.empty() && (v[0] == '"' || v[0] == '\''))
            v.remove_prefix(1);
        if (v.size() < 10 || v[4] != '-' || v[7] != '-')
            return "";
        for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
            if (v[i] < '0' || v[i] > '9')
                return "";
        return std::string(v.substr(0, 10));
    }
    return "";
}

std::string rstrip(std::string_view s) {
    const std::size_t to = s.find_last_not_of(" \t\r");
    return to == std::string_view::npos ? "" : std::string(s.substr(0, to + 1));
}

} // namespace

std::string norm_of(const Lines& lines) {
    std::string out;
    for (const Line& line : lines)
        if (const std::string text = rstrip(line.text); !text.empty())
            out.append(text).append("\n");
    return out;
}

std::string norm_of(const Item& item) {
    return norm_of(item.trivia) + norm_of(item.statement);
}

std::string norm_of(const Block& block) {
    std::string out = norm_of(block.trivia) + rstrip(block.header.text) + "\n";
    for (const Item& item : block.items)
        out += norm_of(item);
    return out;
}

std::optional<Document> scan_document(const Lines& lines) {
    Document doc;
    Lines pending;
    for (std::size_t i = 0; i < lines.size();) {
        if (blank_or_comment(lines[i].text)) {
            pending.push_back(lines[i++]);
            continue;
        }
        const std::string_view text = lines[i].text;
        if (text[text.find_first_not_of(" \t")] == '[') {
            auto block = read_header(lines, i++);
            if (!block)
                return std::nullopt;
            block->trivia = std::move(pending);
            pending.clear();
            doc.blocks.push_back(std::move(*block));
            continue;
        }
        auto item = read_item(lines, i, i);
        if (!item)
            return std::nullopt;
        item->trivia = std::move(pending);
        pending.clear();
        (doc.blocks.empty() ? doc.head : doc.blocks.back().items).push_back(std::move(*item));
    }
    doc.tail = std::move(pending);
    for (Block& block : doc.blocks) {
        block.date = date_of(block);
        block.norm = norm_of(block);
    }
    return doc;
}

} // namespace crm::merge
