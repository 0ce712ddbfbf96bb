#include "crm/diagnostic.hpp"

#include "crm/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <tuple>

namespace crm {

std::string format_diagnostic(const Diagnostic& d) {
    std::string where = d.path;
    if (d.line > 0) {
        where += fmt::format(":{}", d.line);
        if (d.column > 0)
            where += fmt::format(":{}", d.column);
    }
    // "error" and "warning" stay English: editors and scripts look for them.
    const char* level = d.severity == Severity::error ? "error" : "warning";
    std::string out = fmt::format("{}: {}: {}", where, level, d.message);
    if (!d.hint.empty())
        out += trf(" ({})", d.hint);
    return out;
}

void sort_by_position(Diagnostics& ds) {
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

std::size_t count_errors(const Diagnostics& ds) {
    return static_cast<std::size_t>(std::count_if(
        ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t count_warnings(const Diagnostics& ds) {
    return ds.size() - count_errors(ds);
}

} // namespace crm
