#include "diagnostics.hpp"

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

namespace {

std::string plural(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

std::string check_summary(const Ledger& ledger) {
    // crm.toml counts as a file too.
    return fmt::format("{} read, {}, {} in {}\n", plural(ledger.customers_read(), "customer"),
                       plural(count_errors(ledger.diagnostics), "error"),
                       plural(count_warnings(ledger.diagnostics), "warning"),
                       plural(ledger.files + 1, "file"));
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
