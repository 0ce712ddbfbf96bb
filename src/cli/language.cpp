#include "language.hpp"

#include "crm/i18n.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iconv.h>
#include <libintl.h>
#include <streambuf>
#include <system_error>
#include <vector>

namespace crm::cli {

namespace {

std::optional<std::string> getenv_set(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0')
        return std::nullopt;
    return std::string(v);
}

// The locale LC_MESSAGES (and LC_CTYPE) come from.
std::string effective_locale(const LocaleVariables& v) {
    for (const auto* var : {&v.lc_all, &v.lc_messages, &v.lang})
        if (*var && !(*var)->empty())
            return **var;
    return "C";
}

bool is_c_locale(std::string_view name) {
    const auto dot = name.find('.');
    const std::string_view base = name.substr(0, dot);
    return base == "C" || base == "POSIX";
}

// The catalog for one locale or LANGUAGE entry: "zh_TW", "zh_CN", "" for
// English, nullopt for a language crm has no catalog for.
std::optional<std::string> catalog_for(std::string_view name) {
    name = name.substr(0, name.find_first_of(".@"));
    if (name == "en" || name.starts_with("en_"))
        return "";
    if (name != "zh" && !name.starts_with("zh_") && !name.starts_with("zh-"))
        return std::nullopt;
    for (std::string_view t : {"TW", "HK", "MO", "Hant"})
        if (name.size() > 3 && name.substr(3).starts_with(t))
            return "zh_TW";
    return "zh_CN";
}

} // namespace

LocaleVariables LocaleVariables::from_process() {
    return {getenv_set("LANGUAGE"), getenv_set("LC_ALL"), getenv_set("LC_MESSAGES"),
            getenv_set("LANG")};
}

std::string choose_language(const LocaleVariables& vars) {
    const std::string locale = effective_locale(vars);
    if (is_c_locale(locale))
        return "";
    if (vars.language) {
        std::string_view rest = *vars.language;
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            if (auto c = catalog_for(rest.substr(0, colon)))
                return *c;
            rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
        }
    }
    return catalog_for(locale).value_or("");
}

std::string locale_charset(const LocaleVariables& vars) {
    // LC_CTYPE: LC_ALL, else LC_CTYPE, else LANG; LC_MESSAGES does not count.
    std::string locale = "C";
    if (vars.lc_all)
        locale = *vars.lc_all;
    else if (auto ctype = getenv_set("LC_CTYPE"))
        locale = *ctype;
    else if (vars.lang)
        locale = *vars.lang;
    if (is_c_locale(locale))
        return "";
    const auto dot = locale.find('.');
    if (dot == std::string::npos)
        return "";
    std::string charset = locale.substr(dot + 1, locale.find('@', dot) - dot - 1);
    std::transform(charset.begin(), charset.end(), charset.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (charset == "UTF-8" || charset == "UTF8")
        return "";
    return charset;
}

namespace {

std::filesystem::path catalog_folder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const auto& dir :
             {exe.parent_path() / "locale", exe.parent_path().parent_path() / "share" / "locale"})
            if (std::filesystem::is_directory(dir, ec))
                return dir;
    }
    return CRM_LOCALEDIR;
}

} // namespace

void setup_language(const std::string& lang) {
    static std::string chosen; // outlives every lookup
    chosen = lang;
    if (chosen.empty())
        return;
    bindtextdomain("crm", catalog_folder().c_str());
    bind_textdomain_codeset("crm", "UTF-8");
    // gettext looks in LANGUAGE's catalogs unless LC_MESSAGES is C, and the
    // user's locale may not be installed: C.UTF-8 always is.
    setenv("LANGUAGE", chosen.c_str(), 1);
    if (!std::setlocale(LC_MESSAGES, "") || is_c_locale(std::setlocale(LC_MESSAGES, nullptr)))
        std::setlocale(LC_MESSAGES, "C.UTF-8");
    i18n::set_language(chosen.c_str());
}

namespace {

// Buffers UTF-8 text and converts it a line (or a flush) at a time, so that a
// character is never split between two conversions.
class ConvertingBuf : public std::streambuf {
  public:
    ConvertingBuf(std::ostream& target, iconv_t cd) : target_(target), cd_(cd) {}
    ~ConvertingBuf() override {
        convert();
        iconv_close(cd_);
    }

  protected:
    int_type overflow(int_type c) override {
        if (c == traits_type::eof())
            return traits_type::not_eof(c);
        pending_.push_back(static_cast<char>(c));
        if (c == '\n')
            convert();
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        pending_.append(s, static_cast<std::size_t>(n));
        if (std::memchr(s, '\n', static_cast<std::size_t>(n)))
            convert();
        return n;
    }
    int sync() override {
        convert();
        target_.flush();
        return 0;
    }

  private:
    void convert() {
        std::size_t done = 0;
        std::array<char, 4096> out{};
        while (done < pending_.size()) {
            char* in = pending_.data() + done;
            std::size_t in_left = pending_.size() - done;
            char* o = out.data();
            std::size_t out_left = out.size();
            const std::size_t r = iconv(cd_, &in, &in_left, &o, &out_left);
            target_.write(out.data(), static_cast<std::streamsize>(o - out.data()));
            const std::size_t used = pending_.size() - done - in_left;
            done += used;
            if (r != static_cast<std::size_t>(-1) || errno == E2BIG)
                continue;
            if (errno == EINVAL) // an incomplete character: wait for the rest
                break;
            // A character the charset lacks (EILSEQ): one '?' for the whole UTF-8 sequence.
            target_.put('?');
            std::size_t skip = 1;
            while (done + skip < pending_.size() &&
                   (static_cast<unsigned char>(pending_[done + skip]) & 0xC0) == 0x80)
                ++skip;
            done += skip;
        }
        pending_.erase(0, done);
    }

    std::ostream& target_;
    iconv_t cd_;
    std::string pending_;
};

class ConvertingStream : public std::ostream {
  public:
    ConvertingStream(std::ostream& target, iconv_t cd) : std::ostream(nullptr), buf_(target, cd) {
        rdbuf(&buf_);
    }

  private:
    ConvertingBuf buf_;
};

} // namespace

std::unique_ptr<std::ostream> converting_stream(std::ostream& target, const std::string& charset,
                                                std::string& why) {
    iconv_t cd = iconv_open(charset.c_str(), "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        // strerror's own text would itself be converted to the C locale's ASCII.
        why = errno == EINVAL ? tr("iconv cannot convert to it") : std::strerror(errno);
        return nullptr;
    }
    return std::make_unique<ConvertingStream>(target, cd);
}

} // namespace crm::cli
