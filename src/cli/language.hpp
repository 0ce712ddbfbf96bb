#pragma once
// The user's language and character set, from the locale variables, chosen
// once at the top of run(): which catalog messages come from, and whether a
// terminal needs crm's UTF-8 converted.

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace crm::cli {

// The locale variables that decide the language (crm(1), ENVIRONMENT).
struct LocaleVariables {
    std::optional<std::string> language;    // $LANGUAGE, a colon-separated list
    std::optional<std::string> lc_all;      // $LC_ALL
    std::optional<std::string> lc_messages; // $LC_MESSAGES
    std::optional<std::string> lang;        // $LANG
    static LocaleVariables from_process();
};

// "zh_TW" (also for zh_HK, zh_MO and zh_Hant), "zh_CN" (also for zh_SG,
// zh_Hans and a bare zh) or "" for English, as gettext reads the variables:
// LC_ALL, else LC_MESSAGES, else LANG names the locale; in the C or POSIX
// locale messages are English whatever LANGUAGE says; otherwise LANGUAGE's
// first entry crm has a catalog for (English counts) wins over the locale.
std::string choose_language(const LocaleVariables& vars);

// The character set part of the locale that decides LC_CTYPE ("BIG5" for
// zh_TW.Big5, upper-cased), or "" when it names none or is UTF-8, C or POSIX.
std::string locale_charset(const LocaleVariables& vars);

// Binds the catalog for `lang` (next to the executable: locale/ in a build
// tree, ../share/locale when installed) and makes crm::tr() use it.
void setup_language(const std::string& lang);

// A stream that writes to `target` converted from UTF-8 to `charset`, a
// character the charset lacks as '?'. Null, with the reason in `why`, when
// iconv cannot convert to it.
std::unique_ptr<std::ostream> converting_stream(std::ostream& target, const std::string& charset,
                                                std::string& why);

} // namespace crm::cli
