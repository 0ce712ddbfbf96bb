// Ids for new customers. An id is a file name that travels: through git, to
// macOS and Windows (case-insensitive, with reserved names), into shell
// commands typed by hand. So ids are lowercase ASCII, and names in other
// scripts are transliterated (張偉 -> zhang-wei) rather than kept or hashed:
// a salesperson can read and type the id.

#include "crm/match.hpp"
#include "crm/names.hpp"

#include <array>
#include <memory>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace crm {

namespace {

constexpr std::size_t kMaxId = 60;

std::string ascii_latin(std::string_view s) {
    // Any-Latin uses Han-Latin for Chinese (pinyin with tones), which
    // Latin-ASCII then strips of its marks.
    thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Any-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    if (!to_ascii)
        return ascii_lower(s);
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    to_ascii->transliterate(u);
    std::string out;
    return ascii_lower(u.toUTF8String(out));
}

bool is_device_name(std::string_view id) {
    static const std::array<std::string_view, 4> plain = {"con", "prn", "aux", "nul"};
    for (std::string_view d : plain)
        if (id == d)
            return true;
    return id.size() == 4 && (id.starts_with("com") || id.starts_with("lpt")) && id[3] >= '0' &&
           id[3] <= '9';
}

bool id_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

} // namespace

std::string id_from_name(std::string_view name) {
    std::string id;
    for (const char ch : ascii_latin(name)) {
        if (id_char(ch))
            id += ch;
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    if (id.size() > kMaxId) {
        const std::size_t cut = id.rfind('-', kMaxId);
        id.resize(cut == std::string::npos ? kMaxId : cut);
    }
    if (is_device_name(id))
        id += "-1";
    return id;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxId || !id_char(id[0]) || is_device_name(id))
        return false;
    for (const char ch : id)
        if (!id_char(ch) && ch != '-' && ch != '_')
            return false;
    return true;
}

} // namespace crm
