#pragma once
// Parsers take text, not paths: `path` is only used in diagnostics.

#include "crm/customer.hpp"
#include "crm/diagnostic.hpp"
#include "crm/settings.hpp"

#include <optional>
#include <string_view>

namespace crm {

template <class T> struct Parsed {
    std::optional<T> value; // empty when the text is unusable (e.g. a syntax error)
    Diagnostics diagnostics;
};

// crm.toml. Bad values are reported and replaced by their defaults.
Parsed<Settings> parse_settings(std::string_view text, std::string_view path);

// Whether a parse copies the notes (the customer's, and each entry's). The
// agenda and `crm check` never read them, and they are most of a file's
// text; skipped notes are still checked.
enum class Notes { keep, skip };

// customers/<id>.toml, checked on its own: everything but what depends on
// crm.toml. This is what the index keeps of a file (crm(5), THE STATE FOLDER).
Parsed<Customer> parse_customer_text(std::string_view text, std::string_view path,
                                     Notes notes = Notes::keep);

// Adds to a parse_customer_text result what depends on `settings`: a class
// crm.toml does not define, reported in file order.
void check_with_settings(Parsed<Customer>& parsed, const Settings& settings);

// customers/<id>.toml: parse_customer_text then check_with_settings.
// A customer is returned whenever the TOML itself parses, even with errors in
// some values; callers decide whether errors skip it.
Parsed<Customer> parse_customer(std::string_view text, std::string_view path,
                                const Settings& settings, Notes notes = Notes::keep);

// The id a customer file stands for: its file name without ".toml".
std::string id_from_path(std::string_view path);

} // namespace crm
