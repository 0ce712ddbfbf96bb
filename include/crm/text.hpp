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

// How a terminal may draw East Asian "ambiguous" characters (·, ‧, ○):
// one column in most terminals, two in those set up for CJK. Layouts meant
// for a terminal count them as two, the most they can take.
enum class Ambiguous { narrow, wide };

// display_width, with ambiguous-width characters counted as `ambiguous` says.
std::size_t display_width(std::string_view s, Ambiguous ambiguous);

// Whether s holds a character whose width terminals disagree on.
bool has_ambiguous_width(std::string_view s);

// s padded with spaces on the right to `width` display columns.
std::string pad_right(std::string_view s, std::size_t width);

// Text broken into lines of at most `width` display columns, at the places
// Unicode allows a line break (UAX #14, from ICU: between words, and between
// Chinese characters but not before closing punctuation such as 。or 」),
// except after a '-' or '/' inside a word, so that "follow-up", dates and
// "Taipei/Da'an" stay whole. A word wider than `width` is never cut: it gets
// a line of its own. Existing line breaks are kept; the spaces where a line
// is broken are dropped. Width 0 means no limit.
std::vector<std::string> wrap(std::string_view text, std::size_t width,
                              Ambiguous ambiguous = Ambiguous::narrow);

// How `after` differs from `before`, line by line, as the hunks of a
// unified diff ("@@ -3,2 +3,3 @@", then " kept", "-removed", "+added"
// lines, with up to three unchanged lines around each change). Empty when
// they are equal. Lines are given without their line endings.
std::vector<std::string> line_diff(std::string_view before, std::string_view after);

// Text from a file made safe to print on a terminal: C0 and C1 control
// characters, DEL, and the bidirectional controls (U+202A-U+202E,
// U+2066-U+2069, U+200E, U+200F, U+061C) are written visibly as escapes:
// "\e" for ESC, "\n", "\r", "\t", "\x7f", "\u202e". A backslash stays
// a backslash. Bytes that are not UTF-8 become "\xNN".
std::string visible(std::string_view s);

// visible() line by line: the line breaks of a message crm wrote stay line
// breaks, any other control character from a file is shown. Text already
// made visible is unchanged.
std::string visible_lines(std::string_view s);

// Byte strings that sort `names` as a reader in Taiwan expects them in a
// list: Han characters by stroke count, then Latin letters alphabetically
// ignoring case (ICU's zh_TW collation). Compare the keys byte by byte.
std::vector<std::string> collation_keys(const std::vector<std::string_view>& names);

// Case-folded (Unicode simple folding) copy, for case-insensitive matching.
std::string fold_case(std::string_view s);

} // namespace crm
