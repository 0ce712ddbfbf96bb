#include "crm/text.hpp"

#include "crm/i18n.hpp"

#include <dtl/dtl.hpp>
#include <fmt/format.h>
#include <memory>
#include <sstream>
#include <unicode/brkiter.h>
#include <unicode/coll.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace crm {

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int32_t>(s.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (const char ch : s)
        n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::size_t display_width(std::string_view s) {
    return display_width(s, Ambiguous::narrow);
}

namespace {

// Columns one code point takes: 0 for combining marks and format
// characters, 2 for wide and fullwidth ones (and ambiguous ones when asked).
std::size_t char_width(UChar32 c, Ambiguous ambiguous) {
    const auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
        return 0;
    const auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        return 2;
    return ea == U_EA_AMBIGUOUS && ambiguous == Ambiguous::wide ? 2 : 1;
}

} // namespace

bool has_ambiguous_width(std::string_view s) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int32_t>(s.size());
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0x80 && u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS)
            return true;
    }
    return false;
}

std::size_t display_width(std::string_view s, Ambiguous ambiguous) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int32_t>(s.size());
    std::size_t width = 0;
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        width += c < 0 ? 1 : char_width(c, ambiguous); // an invalid byte shows as one
    }
    return width;
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t have = display_width(s);
    if (have < width)
        out.append(width - have, ' ');
    return out;
}

std::vector<std::string> collation_keys(const std::vector<std::string_view>& names) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(
        icu::Collator::createInstance(icu::Locale("zh", "TW"), status));
    std::vector<std::string> keys;
    keys.reserve(names.size());
    for (const std::string_view name : names) {
        if (U_FAILURE(status)) { // no collation data: fall back to the bytes
            keys.emplace_back(name);
            continue;
        }
        const auto u = icu::UnicodeString::fromUTF8(
            icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
        std::string key(static_cast<std::size_t>(collator->getSortKey(u, nullptr, 0)), '\0');
        collator->getSortKey(u, reinterpret_cast<std::uint8_t*>(key.data()),
                             static_cast<std::int32_t>(key.size()));
        if (!key.empty())
            key.pop_back(); // the terminating zero
        keys.push_back(std::move(key));
    }
    return keys;
}

namespace {

// The pieces of one paragraph between the places a line may break, each a
// word with the blanks after it. ICU's line breaker gives the places; one
// after a '-' or '/' inside a word is dropped.
std::vector<std::string> break_pieces(std::string_view paragraph) {
    std::vector<std::string> pieces;
    UErrorCode status = U_ZERO_ERROR;
    thread_local std::unique_ptr<icu::BreakIterator> breaker(
        icu::BreakIterator::createLineInstance(icu::Locale("zh", "TW"), status));
    const auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(paragraph.data(), static_cast<std::int32_t>(paragraph.size())));
    if (!breaker || U_FAILURE(status)) {
        pieces.emplace_back(paragraph);
        return pieces;
    }
    breaker->setText(u);
    std::int32_t start = breaker->first();
    for (std::int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
         end = breaker->next()) {
        const UChar before = u.charAt(end - 1);
        if ((before == u'-' || before == u'/') && end < u.length())
            continue; // "follow-up", "2026-11-23", "Taipei/Da'an" stay whole
        std::string piece;
        u.tempSubStringBetween(start, end).toUTF8String(piece);
        pieces.push_back(std::move(piece));
        start = end;
    }
    return pieces;
}

std::string trim_right(std::string s) {
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
}

void wrap_paragraph(std::string_view paragraph, std::size_t width, Ambiguous ambiguous,
                    std::vector<std::string>& out) {
    std::string line;
    for (const std::string& piece : break_pieces(paragraph)) {
        const std::string candidate = line + piece;
        if (line.empty() || display_width(trim_right(candidate), ambiguous) <= width) {
            line = candidate;
            continue;
        }
        out.push_back(trim_right(std::move(line)));
        line = piece;
    }
    out.push_back(trim_right(std::move(line)));
}

} // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t width, Ambiguous ambiguous) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view paragraph = text.substr(start, end - start);
        if (width == 0 || display_width(paragraph, ambiguous) <= width)
            out.emplace_back(paragraph);
        else
            wrap_paragraph(paragraph, width, ambiguous, out);
        start = end + 1;
    }
    return out;
}

namespace {

bool bidi_control(UChar32 c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

} // namespace

std::string visible(std::string_view s) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int32_t>(s.size());
    std::string out;
    out.reserve(s.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(bytes[start]));
            i = start + 1;
        } else if (c == 0x1B) {
            out += "\\e";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
        } else if ((c >= 0x80 && c < 0xA0) || bidi_control(c)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out.append(
                s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::string visible_lines(std::string_view s) {
    std::string out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t end = std::min(s.find('\n', start), s.size());
        if (start > 0)
            out += '\n';
        out += visible(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string fold_case(std::string_view s) {
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
}

} // namespace crm

namespace crm {

namespace {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

} // namespace

std::vector<std::string> line_diff(std::string_view before, std::string_view after) {
    if (before == after)
        return {};
    // dtl (Debian's libdtl-dev) finds the shortest edit script and lays out
    // the hunks as diff -u does.
    dtl::Diff<std::string, std::vector<std::string>> diff(split_lines(before), split_lines(after));
    diff.compose();
    diff.composeUnifiedHunks();
    std::ostringstream out;
    diff.printUnifiedFormat(out);
    std::vector<std::string> lines = split_lines(out.str());
    if (lines.empty()) // the texts differ only in their line endings
        lines.emplace_back(tr("(only the line endings differ)"));
    return lines;
}

} // namespace crm
