#include "table_text.hpp"

#include "crm/text.hpp"

#include <algorithm>

namespace crm::render {

std::string render_table(const TextTable& t) {
    std::vector<std::size_t> widths;
    for (const auto& row : t.rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths.resize(std::max(widths.size(), row.size()));
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    std::string out;
    for (const auto& row : t.rows) {
        std::string line = t.indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::size_t have = display_width(row[i]);
            const std::string pad(widths[i] - have, ' ');
            const bool right = i < t.right.size() && t.right[i];
            if (i > 0)
                line += "  ";
            line += right ? pad + row[i] : i + 1 < row.size() ? row[i] + pad : row[i];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    return out;
}

} // namespace crm::render
