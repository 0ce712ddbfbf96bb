#pragma once
// Splitting rendered output into lines, for tests that check a line at a time.

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

} // namespace crm::test
