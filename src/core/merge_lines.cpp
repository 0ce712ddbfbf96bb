// A side's text as lines, its layout, and the check that toml++ reads the
// same keys and headers where the merge's scanner found them.

#include "merge_doc.hpp"

#include <map>
#include <set>

namespace crm::merge {

Layout layout_of(std::string_view text) {
    Layout layout;
    layout.bom = text.starts_with("\xEF\xBB\xBF");
    if (layout.bom)
        text.remove_prefix(3);
    // The first line ending decides, as detect_layout() does for a write.
    const std::size_t nl = text.find('\n');
    if (nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r')
        layout.eol = "\r\n";
    layout.final_newline = text.empty() || text.back() == '\n';
    return layout;
}

Lines split_lines(std::string_view text, std::optional<std::string_view> eol) {
    Lines lines;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) {
            lines.push_back({text.substr(at), ""});
            break;
        }
        std::size_t end = nl;
        if (end > at && text[end - 1] == '\r')
            --end;
        lines.push_back({text.substr(at, end - at), eol ? *eol : text.substr(end, nl + 1 - end)});
        at = nl + 1;
    }
    return lines;
}

namespace {

std::string_view first_segment(std::string_view key) {
    return key.substr(0, key.find('.'));
}

// Every key of `items` on its line in `table`, and no key the scanner missed.
bool items_agree(const std::vector<Item>& items, const toml::table& table,
                 std::set<std::string>& seen) {
    for (const Item& item : items) {
        const std::string_view first = first_segment(item.key);
        const toml::node* node = table.get(first);
        if (!node)
            return false;
        seen.emplace(first);
        if (first.size() == item.key.size() && node->source().begin.line != item.key_line)
            return false;
    }
    return true;
}

} // namespace

bool agrees_with(const Document& doc, const toml::table& root) {
    std::set<std::string> seen;
    if (!items_agree(doc.head, root, seen))
        return false;
    std::map<std::string, std::size_t> entries_before; // of each name, for [[name]]
    for (const Block& block : doc.blocks) {
        const toml::node* node = root.get(block.name);
        if (!node)
            return false;
        const toml::table* table = node->as_table();
        if (block.array) {
            const toml::array* entries = node->as_array();
            const std::size_t index = entries_before[block.name]++;
            if (!entries || index >= entries->size())
                return false;
            table = (*entries)[index].as_table();
        }
        if (!table || table->source().begin.line != block.header_line)
            return false;
        std::set<std::string> inside;
        if (!items_agree(block.items, *table, inside) || inside.size() != table->size())
            return false;
        seen.insert(block.name);
    }
    for (auto&& [key, node] : root) {
        if (!seen.contains(std::string(key.str())))
            return false;
        if (const toml::array* entries = node.as_array(); entries && node.is_array_of_tables()) {
            std::size_t blocks = 0;
            for (const Block& block : doc.blocks)
                blocks += block.array && block.name == key.str() ? 1u : 0u;
            if (blocks != 0 && blocks != entries->size())
                return false;
        }
    }
    return true;
}

} // namespace crm::merge
