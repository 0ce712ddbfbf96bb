#pragma once
// Reading typed values out of a toml++ document while collecting diagnostics:
// shared by the crm.toml and the customer parsers.

#include "crm/dates.hpp"
#include "crm/diagnostic.hpp"
#include "crm/interval.hpp"
#include "crm/money.hpp"
#include "crm/parse.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace crm::detail {

// The document text, for recovering a value exactly as written (money).
class SourceText {
  public:
    explicit SourceText(std::string_view text) : text_(text) {}
    // The characters of `region` as written, on a single line.
    std::string_view slice(const toml::source_region& region) const;
    std::string_view line(unsigned number) const; // 1-based; empty past the end

  private:
    // Indexes lines up to `number` (and no further: most files need only
    // their purchases' lines, and a file with no amount needs none).
    void index_to(unsigned number) const;

    std::string_view text_;
    mutable std::vector<std::size_t> line_starts_; // grown by index_to
};

// Parses TOML; on a syntax error, adds a positioned diagnostic and returns
// nullopt. Bytes that are not UTF-8 are reported before toml++ sees them.
std::optional<toml::table> parse_toml(std::string_view text, std::string_view path,
                                      Diagnostics& out);

// One of toml++'s English syntax messages ("expected '=', saw 'x'") in the
// user's language; a message crm does not know is returned as it is.
std::string translate_toml_message(std::string_view english);

// The sentence of toml++'s that `english` is: its format (the catalog's
// msgid) and its variable parts, each marked when it stands in quotes.
struct TomlMessage {
    const char* format;
    std::vector<std::string> holes;
    std::vector<bool> quoted;
};
std::optional<TomlMessage> known_toml_message(std::string_view english);

// The table's entries in the order they are written in the file (toml++
// keeps them sorted by key), so classes and products list as written.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t);

class Reader {
  public:
    Reader(std::string_view path, const SourceText& source, Diagnostics& out,
           Notes notes = Notes::keep)
        : path_(path), source_(source), out_(out), notes_(notes) {}

    void error(const toml::source_region& at, std::string message, std::string hint = {});
    void warning(const toml::source_region& at, std::string message, std::string hint = {});

    // Each reports "'key' must be …" when the node has another type.
    std::optional<std::string> string(const toml::node& n, std::string_view key);
    std::optional<std::int64_t> integer(const toml::node& n, std::string_view key);
    std::optional<double> number(const toml::node& n, std::string_view key);
    std::optional<bool> boolean(const toml::node& n, std::string_view key);
    std::optional<Date> date(const toml::node& n, std::string_view key);
    std::optional<Money> money(const toml::node& n, std::string_view key);
    std::optional<Interval> interval(const toml::node& n, std::string_view key);
    std::optional<std::vector<std::string>> strings(const toml::node& n, std::string_view key);
    // A string or a list of strings (`phone = "…"` or `phone = ["…", "…"]`),
    // as a list; empty strings are left out.
    std::optional<std::vector<std::string>> one_or_more(const toml::node& n, std::string_view key);
    // A note: checked like string(), copied only when notes are kept; "" when wrong.
    std::string note(const toml::node& n, std::string_view key);

    // Errors reported so far; an entry compares it before and after reading
    // itself to know whether any of its values was wrong.
    std::size_t errors() const { return count_errors(out_); }

    // Warns about a key that is not in `known`, suggesting the nearest one.
    void unknown_key(const toml::key& key, const std::vector<std::string>& known,
                     std::string_view where);

    // Each [[name]] entry as a table; reports other shapes.
    std::vector<const toml::table*> array_of_tables(const toml::node& n, std::string_view name);

  private:
    std::string_view path_;
    const SourceText& source_;
    Diagnostics& out_;
    Notes notes_;
};

// Parses `text` and, when it is TOML, lets `read(reader, root)` make the
// value; diagnostics come out in file order (toml++ visits keys sorted).
template <class T, class Read>
Parsed<T> parse_document(std::string_view text, std::string_view path, Read read,
                         Notes notes = Notes::keep) {
    Parsed<T> out;
    auto root = parse_toml(text, path, out.diagnostics);
    if (!root)
        return out;
    const SourceText source(text);
    Reader reader(path, source, out.diagnostics, notes);
    out.value = read(reader, *root);
    sort_by_position(out.diagnostics);
    return out;
}

} // namespace crm::detail
