// Applying a change to a customer file's text. toml++ is used to read, never
// to write: it tells where a value sits and whether the result holds the
// right data; the bytes themselves are spliced by hand.

#include "crm/edit.hpp"

#include "crm/i18n.hpp"
#include "toml_reader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

namespace crm {

namespace {

// The loader's parser, so that a refusal words the problem as `crm check` does.
std::optional<toml::table> parse(std::string_view text, std::string* error) {
    Diagnostics problems;
    auto root = detail::parse_toml(text, "", problems);
    if (!root && error && !problems.empty())
        *error = trf("line {}: {}", problems.front().line, problems.front().message);
    return root;
}

// The byte offset of a toml++ position: lines are 1-based, columns count code
// points from the line's start (after a byte-order mark on line 1).
std::size_t offset_of(std::string_view text, const toml::source_position& at) {
    std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (unsigned line = 1; line < at.line && i < text.size(); ++i)
        if (text[i] == '\n')
            ++line;
    for (unsigned column = 1; column < at.column && i < text.size(); ++column)
        for (++i; i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;)
            ++i; // continuation bytes of the same character
    return i;
}

std::size_t line_start(std::string_view text, std::size_t offset) {
    const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

// The spaces and tabs that begin the line holding `offset`.
std::string indent_at(std::string_view text, std::size_t offset) {
    std::size_t start = line_start(text, offset);
    if (start == 0 && text.starts_with("\xEF\xBB\xBF"))
        start = 3;
    const std::string_view line = text.substr(start);
    return std::string(line.substr(0, line.find_first_not_of(" \t")));
}

// A [[log]] entry can only extend an array of tables written as [[log]]
// headers; `log = [ … ]` is a closed value that TOML forbids to reopen.
std::string check_extensible(const toml::table& root, std::string_view text, std::string_view key,
                             std::string* hint) {
    const toml::node* node = root.get(key);
    if (!node)
        return "";
    const std::size_t at = offset_of(text, node->source().begin);
    const bool header = node->is_array() && text.substr(at).starts_with("[[");
    if (header)
        return "";
    *hint = trf("write each entry as a [[{}]] table (see crm(5)), or use 'crm edit'", key);
    if (node->is_array())
        return trf("'{}' on line {} is an inline array, which cannot take a [[{}]] entry", key,
                   node->source().begin.line, key);
    return trf("'{}' on line {} is not a list of [[{}]] entries", key, node->source().begin.line,
               key);
}

// New entries are indented as the file's own latest entry is.
void indent_like_entries(const toml::table& root, std::string_view text, Layout& layout) {
    const toml::table* last = nullptr;
    for (const auto& [key, node] : root)
        if (const toml::array* entries = node.as_array(); entries && node.is_array_of_tables())
            for (const toml::node& entry : *entries)
                if (!last || entry.source().begin.line > last->source().begin.line)
                    last = entry.as_table();
    if (!last || last->empty())
        return;
    layout.header_indent = indent_at(text, offset_of(text, last->source().begin));
    toml::source_position first_key = last->cbegin()->second.source().begin;
    for (const auto& [key, value] : *last)
        if (value.source().begin.line < first_key.line)
            first_key = value.source().begin;
    layout.key_indent = indent_at(text, offset_of(text, {first_key.line, 1}));
}

// The new value in the old one's quoting style where it can hold it.
std::string requote(std::string_view old_literal, std::string_view value) {
    const bool plain = value.find_first_of("'\n\r\t\\\"") == std::string_view::npos;
    if (old_literal.starts_with("'''") && plain)
        return fmt::format("'''{}'''", value);
    if (old_literal.starts_with('\'') && plain)
        return fmt::format("'{}'", value);
    const std::string basic = toml_string(value);
    if (old_literal.starts_with("\"\"\""))
        return fmt::format("\"\"{}\"\"", basic);
    return basic;
}

// A line `key = literal` after the `name` line (at the top when there is
// none), indented as that line is.
std::string insert_key(std::string_view text, const toml::table& root, std::string_view key,
                       std::string_view literal, const Layout& layout) {
    std::string out(text);
    std::size_t at = layout.bom ? 3 : 0;
    std::string indent;
    // After a `name` value; a [name] table is no place for top-level keys.
    if (const toml::node* name = root.get("name"); name && name->is_value()) {
        at = offset_of(text, name->source().end);
        indent = indent_at(text, at);
        at = text.find('\n', at);
        if (at == std::string_view::npos)
            out += layout.eol; // the name line was the last, without a line ending
        at = at == std::string_view::npos ? out.size() : at + 1;
    }
    return out.insert(at, fmt::format("{}{} = {}{}", indent, key, literal, layout.eol));
}

// Replaces the value of a top-level key in place (its comment and spacing
// stay); a missing key gets a line of its own after `name`.
std::string set_scalar(std::string_view text, const toml::table& root, std::string_view key,
                       std::string_view value, const Layout& layout) {
    const toml::node* node = root.get(key);
    if (!node)
        return insert_key(text, root, key, toml_string(value), layout);
    std::string out(text);
    const std::size_t begin = offset_of(text, node->source().begin);
    const std::size_t end = offset_of(text, node->source().end);
    return out.replace(begin, end - begin, requote(text.substr(begin, end - begin), value));
}

// Replaces the whole value of a top-level key (a list over several lines
// too) with `literal`, a TOML value as written; adds the key when missing.
std::string set_literal(std::string_view text, const toml::table& root, std::string_view key,
                        std::string_view literal, const Layout& layout) {
    const toml::node* node = root.get(key);
    if (!node)
        return insert_key(text, root, key, literal, layout);
    std::string out(text);
    const std::size_t begin = offset_of(text, node->source().begin);
    const std::size_t end = offset_of(text, node->source().end);
    return out.replace(begin, end - begin, literal);
}

// The top-level values of `change` replaced in place. Each replacement
// reparses the text, so that the next one finds its value where it now is.
std::string set_values(std::string_view text, const toml::table& root, const Change& change,
                       const Layout& layout) {
    std::string out(text);
    // toml++ keeps source positions only in the table it parsed (a copy has
    // none), so each value after the first is found in a fresh parse.
    std::optional<toml::table> fresh;
    const toml::table* now = &root;
    const auto next = [&] {
        if (out != text)
            now = &fresh.emplace(toml::parse(out));
    };
    if (change.new_class)
        out = set_scalar(out, *now, "class", *change.new_class, layout);
    if (change.new_owner) {
        next();
        out = set_scalar(out, *now, "owner", *change.new_owner, layout);
    }
    if (change.new_contacts) {
        next();
        out = set_literal(out, *now, "contacts", toml_list(*change.new_contacts), layout);
    }
    for (const FillKey& f : change.fill) {
        next();
        out = set_literal(out, *now, f.key, f.literal, layout);
    }
    return out;
}

// An empty value: "" or [] — what `crm import` may fill.
bool is_empty_value(const toml::node& node) {
    if (const auto* s = node.as_string())
        return s->get().empty();
    if (const auto* a = node.as_array())
        return a->empty();
    return false;
}

// `crm import` fills only what is missing or empty; a value written since
// the import was planned is never overwritten.
std::string check_fillable(const toml::table& root, const Change& change, std::string* hint) {
    for (const FillKey& f : change.fill) {
        const toml::node* node = root.get(f.key);
        if (!node || is_empty_value(*node))
            continue;
        *hint = tr("run the import again: it keeps the file's value and lists the card's as a "
                   "conflict");
        return trf("'{}' on line {} has a value now", f.key, node->source().begin.line);
    }
    return "";
}

// A value replaced in place must be one: `[class]`, a table, is not.
std::string check_replaceable(const toml::table& root, const Change& change, std::string* hint) {
    for (const auto& [key, wanted] : {std::pair{"class", change.new_class.has_value()},
                                      std::pair{"owner", change.new_owner.has_value()},
                                      std::pair{"contacts", change.new_contacts.has_value()}}) {
        const toml::node* node = root.get(key);
        if (!wanted || !node || node->is_value() ||
            (node->is_array() && !node->is_array_of_tables()))
            continue;
        *hint = trf("write {} = … as a value (see crm(5)), or use 'crm edit'", key);
        return trf("'{}' on line {} is a table, not a value", key, node->source().begin.line);
    }
    return "";
}

} // namespace

Edited apply_change(std::string_view text, const Change& change) {
    Edited out;
    const auto root = parse(text, &out.error);
    if (!root) {
        out.error = trf("the file does not parse ({})", out.error);
        out.hint = tr("fix it first, or use 'crm edit'");
        return out;
    }
    if (change.log)
        out.error = check_extensible(*root, text, "log", &out.hint);
    if (out.error.empty() && change.payment)
        out.error = check_extensible(*root, text, "payment", &out.hint);
    if (out.error.empty() && change.purchase)
        out.error = check_extensible(*root, text, "purchase", &out.hint);
    if (out.error.empty() && !change.plans.empty())
        out.error = check_extensible(*root, text, "plan", &out.hint);
    if (out.error.empty())
        out.error = check_replaceable(*root, change, &out.hint);
    if (out.error.empty())
        out.error = check_fillable(*root, change, &out.hint);
    if (out.error.empty() && !change.people.empty())
        out.error = check_extensible(*root, text, "person", &out.hint);
    if (!out.ok())
        return out;
    Layout layout = detect_layout(text);
    indent_like_entries(*root, text, layout);
    out.text = set_values(text, *root, change, layout);
    if (change.purchase)
        out.text = append_block(out.text, render_purchase(*change.purchase, layout), layout);
    if (change.log)
        out.text = append_block(out.text, render_log(*change.log, layout), layout);
    for (const PlanDraft& p : change.plans)
        out.text = append_block(out.text, render_plan(p, layout), layout);
    if (change.payment)
        out.text = append_block(out.text, render_payment(*change.payment, layout), layout);
    for (const Person& p : change.people)
        out.text = append_block(out.text, render_person(p, layout), layout);
    return out;
}

} // namespace crm
