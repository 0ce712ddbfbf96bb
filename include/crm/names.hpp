#pragma once
// Naming things: spelling suggestions, matching a customer from what the user
// typed, deriving an id from a name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Levenshtein distance counted in Unicode characters.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo
// (distance <= 2 and less than half the word), else nullopt.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// Lowercase of ASCII letters only; other characters are kept.
std::string ascii_lower(std::string_view s);

} // namespace crm
