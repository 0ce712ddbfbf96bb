#pragma once
// Rendering diagnostics and `crm check`'s report.

#include "crm/ledger.hpp"

#include <string>

namespace crm::render {

// One line per diagnostic, in the GNU form editors understand, control
// characters from the files shown visibly (crm::visible).
std::string diagnostics_text(const Diagnostics& ds);

// "25 customers read, 0 errors, 1 warning in 26 files".
std::string check_summary(const Ledger& ledger);

// Diagnostics as a JSON array of {path, line, column, severity, message, hint}.
std::string diagnostics_json(const Diagnostics& ds);

// `crm check --format json`: {customers, files, errors, warnings, diagnostics}.
std::string check_json(const Ledger& ledger);

} // namespace crm::render
