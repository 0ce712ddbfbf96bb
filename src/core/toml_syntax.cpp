// Turning toml++'s syntax errors into crm's diagnostics: same position rules,
// lowercase messages, and a fix where one is obvious.

#include "crm/i18n.hpp"
#include "crm/merge.hpp"
#include "crm/text.hpp"
#include "toml_reader.hpp"

#include <fmt/format.h>
#include <optional>

namespace crm::detail {

namespace {

// 1-based line and character column of a byte offset, not counting a BOM.
std::pair<unsigned, unsigned> position_of(std::string_view text, std::size_t offset) {
    unsigned line = 1;
    std::size_t line_start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const std::string_view before = text.substr(line_start, offset - line_start);
    return {line, static_cast<unsigned>(char_count(before)) + 1};
}

// toml++ reports a bad date at its last digit; this finds the whole literal
// so that the message can quote it and the column point at its start.
std::pair<unsigned, std::string_view> date_literal(std::string_view line, unsigned column) {
    auto is_date_char = [](char c) { return (c >= '0' && c <= '9') || c == '-'; };
    std::size_t begin = 0;
    std::size_t chars = 1;
    for (; begin < line.size() && chars < column; ++begin)
        chars += (static_cast<unsigned char>(line[begin]) & 0xC0) != 0x80 ? 1u : 0u;
    std::size_t end = begin;
    while (end < line.size() && is_date_char(line[end]))
        ++end;
    while (begin > 0 && is_date_char(line[begin - 1]))
        --begin;
    return {static_cast<unsigned>(char_count(line.substr(0, begin))) + 1,
            line.substr(begin, end - begin)};
}

// One error per unresolved merge conflict, at its <<<<<<< line: crm's own
// message (the key and both values) when crm marked it, else git's case.
// Only complete regions count: a note quoting one marker is no conflict.
Diagnostics merge_conflicts(std::string_view text, std::string_view path) {
    Diagnostics out;
    for (const ConflictRegion& region : find_conflicts(text)) {
        const auto crm = crm_conflict_message(region.label);
        out.push_back({std::string(path), region.begin, 1, Severity::error,
                       crm ? trf("an unresolved merge conflict: {}", *crm)
                           : tr("an unresolved git merge conflict"),
                       tr("keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> "
                          "lines, then run crm check")});
    }
    return out;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z')
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

Diagnostic from_parse_error(const toml::parse_error& e, std::string_view text,
                            std::string_view path) {
    const SourceText source(text);
    const auto& at = e.source().begin;
    Diagnostic d{std::string(path), at.line, at.column, Severity::error, "", ""};
    std::string what(e.description());
    std::string context;
    if (what.starts_with("Error while parsing ")) {
        const auto colon = what.find(": ");
        context = what.substr(20, colon == std::string::npos ? 0 : colon - 20);
        if (colon != std::string::npos)
            what = what.substr(colon + 2);
    }
    // toml++ sometimes says "expected expected digit".
    for (auto at_twice = what.find("expected expected"); at_twice != std::string::npos;
         at_twice = what.find("expected expected"))
        what.erase(at_twice, 9);
    d.message = translate_toml_message(lower_first(what));
    const std::string_view line = source.line(at.line);
    if (context == "date") {
        const auto [column, literal] = date_literal(line, at.column);
        d.column = column;
        // Only a day or month out of range is about the calendar; anything
        // else (2020-01-01x, a five-digit year) is about how a date is written.
        const bool day = what.find("expected day between") != std::string::npos;
        const bool month = what.find("expected month between") != std::string::npos;
        d.message = day || month ? trf("impossible date '{}': {}", literal, d.message)
                                 : trf("malformed date '{}': {}", literal, d.message);
        d.hint = day     ? tr("check the month's length")
                 : month ? tr("months are 1 to 12")
                         : tr("write a date as YYYY-MM-DD, like 2026-11-23, alone on its value");
    } else if (what.find("control characters") != std::string::npos) {
        d.message = tr("a string runs to the end of the line");
        d.hint = tr("add the closing quote, or use \"\"\" for text over several lines");
    } else if (what.find("end-of-file") != std::string::npos) {
        d.hint = tr("a bracket, brace or quote is not closed");
    } else if (what.starts_with("cannot redefine existing") && context == "key-value pair") {
        d.hint = tr("a key is written once in a table: keep one of the two lines");
    } else if (what.starts_with("cannot redefine existing table '") && context == "table header") {
        d.hint = tr("a [table] is written once: move these keys under the first one");
    } else if (what.starts_with("expected '='") || context == "root table" || context == "key") {
        d.hint = tr("keys are ASCII letters, digits, '-' and '_'; quote any other key, "
                    "e.g. \"名字\" = …");
    }
    return d;
}

} // namespace

std::optional<toml::table> parse_toml(std::string_view text, std::string_view path,
                                      Diagnostics& out) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        // Two people edited the customer and git could not merge them: say
        // so, rather than report a bad key at the marker. Looked for only
        // when the file does not parse, like the bytes below.
        if (Diagnostics conflicts = merge_conflicts(text, path); !conflicts.empty()) {
            out.insert(out.end(), conflicts.begin(), conflicts.end());
            return std::nullopt;
        }
        // toml++ rejects bytes that are not UTF-8 too; looking for them only
        // now keeps the pass off the path of every good file.
        if (auto bad = first_invalid_utf8(text)) {
            const auto [line, column] = position_of(text, *bad);
            out.push_back({std::string(path), line, column, Severity::error,
                           tr("bytes that are not UTF-8"), tr("save the file as UTF-8")});
        } else {
            out.push_back(from_parse_error(e, text, path));
        }
        return std::nullopt;
    }
}

} // namespace crm::detail
