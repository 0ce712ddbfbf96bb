// toml++'s own syntax messages in the user's language. toml++ (v3) writes
// them in English from a fixed set of sentences with a few variable parts
// (what it saw, a key, a type). Each sentence is listed here with {} for
// those parts, so the English comes out exactly as toml++ wrote it and the
// catalogs translate the rest; a sentence not listed stays English.

#include "crm/i18n.hpp"
#include "toml_reader.hpp"

#include <array>
#include <fmt/args.h>
#include <string>
#include <vector>

namespace crm::detail {

namespace {

// Most specific first: the first that matches is used.
constexpr std::array kMessages = {
    N_("encountered end-of-file"),
    N_("could not determine value type"),
    N_("expected day between 1 and {} (inclusive), saw {}"),
    N_("expected month between 1 and 12 (inclusive), saw {}"),
    N_("expected hour between 0 and 23 (inclusive), saw {}"),
    N_("expected hour between 0 to 59 (inclusive), saw {}"),
    N_("expected minute between 0 and 59 (inclusive), saw {}"),
    N_("expected second between 0 and 59 (inclusive), saw {}"),
    N_("expected 4-digit year, saw '{}'"),
    N_("expected 2-digit month, saw '{}'"),
    N_("expected 2-digit day, saw '{}'"),
    N_("expected 2-digit hour, saw '{}'"),
    N_("expected 2-digit minute, saw '{}'"),
    N_("expected 2-digit second, saw '{}'"),
    N_("expected decimal digit, saw '{}'"),
    N_("expected digit, saw '{}'"),
    N_("expected hex digit, saw '{}'"),
    N_("expected fractional digits, saw '{}'"),
    N_("expected a comment or whitespace, saw '{}'"),
    N_("expected keys, tables, whitespace or comments, saw '{}'"),
    N_("expected bare key starting character or string delimiter, saw '{}'"),
    N_("expected value-terminator, saw '{}'"),
    N_("expected value, saw '{}'"),
    N_("expected value or closing ']', saw comma"),
    N_("expected key-value pair or closing '}}', saw comma"),
    N_("expected key-value pair, saw closing '}}' (dangling comma)"),
    N_("expected key or closing '}}', saw '{}'"),
    N_("expected comma or closing '{}', saw '{}'"),
    N_("expected space or tab, saw '{}'"),
    N_("expected '{}', saw '{}'"),
    N_("underscores must be followed by digits"),
    N_("underscores may only follow digits"),
    N_("values may not begin with underscores"),
    N_("leading zeroes are prohibited"),
    N_("unknown escape sequence '\\{}'"),
    N_("escape sequence '{}' is not supported in TOML 1.0.0 and earlier"),
    N_("values greater than U+10FFFF are invalid"),
    N_("unicode surrogates (U+D800 - U+DFFF) are explicitly prohibited"),
    N_("line-ending backslashes must be the last non-whitespace character on the line"),
    N_("multi-line strings are prohibited in keys"),
    N_("tables with blank bare keys are explicitly prohibited"),
    N_("vertical tabs '\\v' and form-feeds '\\f' are not legal line breaks in TOML"),
    N_("[[array-of-table]] brackets must be contiguous (i.e. [ [ this ] ] is prohibited)"),
    N_("cannot redefine existing table '{}'"),
    N_("cannot redefine existing {0} '{1}' as {2}"),
    N_("cannot redefine existing {0} '{1}'"),
    N_("cannot redefine existing {} as dotted key-value pair"),
    N_("cannot insert '{}' into existing inline table"),
    N_("expected exponent digit or sign, saw '{}'"),
    N_("expected exponent decimal digit or sign, saw '{}'"),
    N_("expected exponent digit, saw '{}'"),
    N_("expected digit or sign, saw '{}'"),
    N_("expected decimal digit or exponent, saw '{}'"),
    N_("expected decimal digit or '.', saw '{}'"),
    N_("expected hexadecimal digit or exponent, saw '.'"),
    N_("expected hexadecimal digit or '.', saw '{}'"),
    N_("expected hexadecimal digit, saw '{}'"),
    N_("expected 'x' or 'X', saw '{}'"),
    N_("expected space, 'T' or 't', saw '{}'"),
    N_("expected '\\n' after '\\r', saw {}"),
    // The rest of toml++'s "expected …, saw …": the kind of thing stays
    // English, the sentence around it does not.
    N_("expected {}, saw {}"),
};

// The kinds of value toml++ names in its messages.
constexpr std::array kTypes = {
    N_("table"),   N_("array"), N_("string"), N_("integer"),   N_("floating-point"),
    N_("boolean"), N_("date"),  N_("time"),   N_("date-time"), N_("array-of-tables")};

// A format string's literal pieces around its {} or {N} holes, "{{" and
// "}}" unescaped.
std::vector<std::string> pieces(std::string_view format) {
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if ((c == '{' || c == '}') && i + 1 < format.size() && format[i + 1] == c) {
            out.back() += c;
            ++i;
        } else if (c == '{') {
            i = format.find('}', i);
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

// `text` as `format` filled in: the variable parts, in order, each the
// shortest text that lets the rest match, the last one whatever is left
// before the final piece; nullopt when `text` is not that sentence.
std::optional<TomlMessage> match(const char* format, std::string_view text) {
    const std::vector<std::string> literal = pieces(format);
    if (!text.starts_with(literal[0]))
        return std::nullopt;
    TomlMessage out{format, {}, {}};
    std::size_t at = literal[0].size();
    for (std::size_t i = 1; i < literal.size(); ++i) {
        const bool last = i + 1 == literal.size();
        const std::size_t end =
            last ? (text.ends_with(literal[i]) && text.size() - literal[i].size() >= at
                        ? text.size() - literal[i].size()
                        : std::string_view::npos)
                 : text.find(literal[i], at);
        if (end == std::string_view::npos)
            return std::nullopt;
        out.holes.emplace_back(text.substr(at, end - at));
        // In quotes, a part is what the file holds (a key named "date"),
        // never one of toml++'s words.
        out.quoted.push_back(literal[i - 1].ends_with('\'') && literal[i].starts_with('\''));
        at = end + literal[i].size();
    }
    if (literal.size() == 1 && text.size() != literal[0].size())
        return std::nullopt;
    return out;
}

const char* type_word(const std::string& word) {
    for (const char* type : kTypes)
        if (word == type)
            return tr(type);
    return nullptr;
}

} // namespace

std::optional<TomlMessage> known_toml_message(std::string_view english) {
    for (const char* format : kMessages)
        if (auto m = match(format, english))
            return m;
    return std::nullopt;
}

std::string translate_toml_message(std::string_view english) {
    const std::optional<TomlMessage> m = known_toml_message(english);
    if (!m)
        return std::string(english);
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (std::size_t i = 0; i < m->holes.size(); ++i) {
        const char* type = m->quoted[i] ? nullptr : type_word(m->holes[i]);
        args.push_back(type ? std::string(type) : m->holes[i]);
    }
    return fmt::vformat(tr(m->format), args);
}

} // namespace crm::detail
