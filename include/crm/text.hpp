#pragma once
// Unicode helpers over UTF-8 strings (backed by ICU).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Byte offset of the first byte that is not part of valid UTF-8, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

// Code points in s (invalid bytes count one each).
std::size_t char_count(std::string_view s);

// Columns a terminal gives s: East Asian wide and fullwidth characters count
// two, combining marks zero.
std::size_t display_width(std::string_view s);

// s padded with spaces on the right to `width` display columns.
std::string pad_right(std::string_view s, std::size_t width);

// Byte strings that sort `names` as a reader in Taiwan expects them in a
// list: Han characters by stroke count, then Latin letters alphabetically
// ignoring case (ICU's zh_TW collation). Compare the keys byte by byte.
std::vector<std::string> collation_keys(const std::vector<std::string_view>& names);

// Case-folded (Unicode simple folding) copy, for case-insensitive matching.
std::string fold_case(std::string_view s);

} // namespace crm
