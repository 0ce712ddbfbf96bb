#include "crm/names.hpp"

#include "crm/text.hpp"

#include <algorithm>
#include <numeric>
#include <unicode/unistr.h>

namespace crm {

namespace {

std::u32string to_u32(std::string_view s) {
    const auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    std::u32string out(static_cast<std::size_t>(u.countChar32()), U'\0');
    UErrorCode status = U_ZERO_ERROR;
    u.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<std::int32_t>(out.size()),
              status);
    return out;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::u32string x = to_u32(a);
    const std::u32string y = to_u32(b);
    // Optimal string alignment: a swap of neighbours ("nwo" for "now") is one
    // typo, not two. Three rows of the dynamic programme are enough.
    std::vector<std::size_t> before(y.size() + 1), previous(y.size() + 1), row(y.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= x.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[y.size()];
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    if (std::find(candidates.begin(), candidates.end(), word) != candidates.end())
        return std::nullopt;
    // A distance is at least the difference in length: a word longer (or
    // shorter) than every candidate by more than 2 has no suggestion, and
    // a 10 MB key is not compared character by character with each one.
    const std::size_t length = char_count(word);
    if (std::none_of(candidates.begin(), candidates.end(), [&](const std::string& c) {
            const std::size_t n = char_count(c);
            return (n > length ? n - length : length - n) <= 2;
        }))
        return std::nullopt;
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    const std::string lowered = ascii_lower(word);
    for (const std::string& candidate : candidates) {
        const std::size_t d = edit_distance(lowered, ascii_lower(candidate));
        if (!best || d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    // A suggestion must be a plausible typo, not any word of the list.
    if (!best || best_distance > 2 || best_distance * 2 > length)
        return std::nullopt;
    return best;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z')
            ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

} // namespace crm
