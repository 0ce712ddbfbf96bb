#include "crm/i18n.hpp"

#include <libintl.h>

namespace crm {

namespace {
// Set once, before any thread starts; read-only after.
const char* current_language = "";
} // namespace

const char* tr(const char* msgid) {
    if (*current_language == '\0')
        return msgid;
    return dgettext("crm", msgid);
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    if (*current_language == '\0')
        return n == 1 ? singular : plural;
    return dngettext("crm", singular, plural, n);
}

const char* language() {
    return current_language;
}

void i18n::set_language(const char* lang) {
    current_language = lang;
}

} // namespace crm
