#include "diagnostics.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"
#include "json_util.hpp"

#include <fmt/format.h>

namespace crm::render {

std::string diagnostics_text(const Diagnostics& ds) {
    std::string out;
    // A key or value quoted in a message came from the file: a newline in a
    // quoted key must not forge a line of its own, nor an escape drive the
    // terminal.
    for (const Diagnostic& d : ds) {
        out += visible(format_diagnostic(d));
        out += '\n';
    }
    return out;
}

std::string check_summary(const Ledger& ledger) {
    // crm.toml counts as a file too.
    const std::size_t customers = ledger.customers_read();
    const std::size_t errors = count_errors(ledger.diagnostics);
    const std::size_t warnings = count_warnings(ledger.diagnostics);
    return trf("{} read, {}, {} in {}\n", trnf("{} customer", "{} customers", customers, customers),
               trnf("{} error", "{} errors", errors, errors),
               trnf("{} warning", "{} warnings", warnings, warnings),
               trnf("{} file", "{} files", ledger.files + 1, ledger.files + 1));
}

std::string diagnostics_json(const Diagnostics& ds) {
    return to_json(ds).dump(2);
}

std::string check_json(const Ledger& ledger) {
    nlohmann::ordered_json j;
    j["customers"] = ledger.customers_read();
    j["files"] = ledger.files + 1;
    j["errors"] = count_errors(ledger.diagnostics);
    j["warnings"] = count_warnings(ledger.diagnostics);
    j["diagnostics"] = to_json(ledger.diagnostics);
    return j.dump(2) + "\n";
}

} // namespace crm::render
