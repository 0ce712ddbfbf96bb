#pragma once
// Messages in the user's language: gettext's catalog "crm", looked up by the
// English text. The edge (cli::setup_language) chooses the language and
// binds the catalog once, before anything is printed; until then, and in the
// unit tests, every lookup returns the English text unchanged. A lookup is a
// read of that table and nothing else, so the core stays a function of its
// arguments.
//
// Mark a literal where it is used: tr("…"), trf("… {} …", args…) for a fmt
// format string, trn/trnf for a count. N_("…") marks a literal kept in a
// table and translated later with tr(). tools/check-catalogs (a test) fails
// when a marked message has no translation in po/zh_TW.po or po/zh_CN.po, or
// a translation's {} placeholders differ from the English.

#include <fmt/format.h>
#include <string>
#include <utility>

#define N_(text) text

namespace crm {

// The translation of `msgid`, or `msgid` itself.
const char* tr(const char* msgid);

// The form of `singular`/`plural` that goes with `n`, translated.
const char* trn(const char* singular, const char* plural, unsigned long n);

// fmt::format with the translated format string. The catalog test checks
// that translations keep the English's placeholders.
template <typename... Args> std::string trf(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}

template <typename... Args>
std::string trnf(const char* singular, const char* plural, unsigned long n, Args&&... args) {
    return fmt::format(fmt::runtime(trn(singular, plural, n)), std::forward<Args>(args)...);
}

// The language messages are in: "zh_TW", "zh_CN" or "" for English. Renderers
// ask it for the forms that are not a message (a date's order, a weekday).
const char* language();

namespace i18n {
// Called once by the edge after binding the catalog.
void set_language(const char* lang);
} // namespace i18n

} // namespace crm
