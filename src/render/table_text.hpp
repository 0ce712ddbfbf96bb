#pragma once
// Rows of cells lined up in columns for a terminal, wide characters counted
// as two columns. Cells are shown as given: escape text from files first.

#include <cstddef>
#include <string>
#include <vector>

namespace crm::render {

struct TextTable {
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> right; // per column: aligned on the right (amounts)
    std::string indent = "  ";
};

// The rows, each ending in '\n'; the last cell of a row is never padded.
std::string render_table(const TextTable& t);

} // namespace crm::render
