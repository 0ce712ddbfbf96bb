#pragma once
// Whether text is TOML, as toml++ reads it: the merge tests' first check on
// every result.

#include <string_view>
#include <toml++/toml.h>

namespace crm::test {

inline bool parses(std::string_view text) {
    try {
        (void)toml::parse(text);
        return true;
    } catch (const toml::parse_error&) {
        return false;
    }
}

} // namespace crm::test
