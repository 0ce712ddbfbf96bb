#include "crm/text.hpp"

#include <memory>
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
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto length = static_cast<std::int32_t>(s.size());
    std::size_t width = 0;
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            ++width; // shown as a replacement character
            continue;
        }
        const auto category = u_charType(c);
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
            category == U_FORMAT_CHAR)
            continue;
        const auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
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

std::string fold_case(std::string_view s) {
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
}

} // namespace crm
