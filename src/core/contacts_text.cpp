#include "contacts_text.hpp"

#include <cerrno>
#include <iconv.h>

namespace crm::detail {

std::string_view trim_text(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string normalise_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
        } else
            out += s[i];
    }
    return out;
}

bool has_cjk(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + len > s.size())
            return false;
        char32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
        for (std::size_t k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
            (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
            (cp >= 0x20000 && cp <= 0x3FFFF))
            return true;
        i += len;
    }
    return false;
}

bool is_utf8_name(std::string_view charset) {
    std::string n;
    for (const char c : charset)
        if (c != '-' && c != '_')
            n += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return n == "UTF8" || n == "USASCII" || n == "ASCII";
}

bool to_utf8(std::string& s, const std::string& charset) {
    iconv_t cd = iconv_open("UTF-8", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    std::string out(s.size() * 4 + 16, '\0');
    char* in = s.data();
    std::size_t in_left = s.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    const std::size_t r = iconv(cd, &in, &in_left, &to, &to_left);
    const bool ok = r != static_cast<std::size_t>(-1) &&
                    iconv(cd, nullptr, nullptr, &to, &to_left) != static_cast<std::size_t>(-1);
    iconv_close(cd);
    if (!ok)
        return false;
    out.resize(out.size() - to_left);
    s = std::move(out);
    return true;
}

} // namespace crm::detail
