// Byte-level pieces of an edit: what a file's lines look like, and appending
// a block without touching what is already there.

#include "crm/edit.hpp"

namespace crm {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Whether the last line of `text` holds spaces and tabs only (its line
// ending, if any, aside).
bool last_line_blank(std::string_view text) {
    std::size_t end = text.size();
    if (end > 0 && text[end - 1] == '\n')
        --end;
    if (end > 0 && text[end - 1] == '\r')
        --end;
    const std::size_t start = text.rfind('\n', end == 0 ? 0 : end - 1);
    const std::size_t from = start == std::string_view::npos ? 0 : start + 1;
    if (from > end)
        return true;
    return text.substr(from, end - from).find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace

Layout detect_layout(std::string_view text) {
    Layout layout;
    layout.bom = text.starts_with(kBom);
    // The first line ending decides: a file is written by one editor with one
    // setting, and a mixed file is better served by its first habit than by
    // a count that one pasted block could tip.
    const std::size_t nl = text.find('\n');
    if (nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r')
        layout.eol = "\r\n";
    layout.final_newline = text.empty() || text.back() == '\n';
    return layout;
}

std::string append_block(std::string_view text, std::string_view block, const Layout& layout) {
    std::string out(text);
    const std::string_view content = layout.bom ? text.substr(kBom.size()) : text;
    if (content.empty())
        return out.append(block);
    // Without this, a file ending in "# last comment" would turn the new
    // header into part of that comment.
    if (out.back() != '\n')
        out += layout.eol;
    if (!last_line_blank(out))
        out += layout.eol;
    return out.append(block);
}

} // namespace crm
