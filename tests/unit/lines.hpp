#pragma once
// Splitting rendered output into lines, for tests that check a line at a time;
// rows of text compared as a whole, and printed whole when a check fails.

#include <initializer_list>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace crm::test {

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// Rows of text, compared as a whole and printed whole when a check fails.
struct Lines {
    std::vector<std::string> rows;
    Lines() = default;
    Lines(std::initializer_list<std::string> l) : rows(l) {}
    void push_back(std::string s) { rows.push_back(std::move(s)); }
    std::size_t size() const { return rows.size(); }
    bool empty() const { return rows.empty(); }
    auto begin() const { return rows.begin(); }
    auto end() const { return rows.end(); }
    bool operator==(const Lines&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (const std::string& row : lines.rows)
        out << " \"" << row << "\"";
    return out << " }";
}

} // namespace crm::test
