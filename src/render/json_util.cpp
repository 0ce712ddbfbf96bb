#include "json_util.hpp"

namespace crm::render {

nlohmann::ordered_json to_json(const Diagnostic& d) {
    return {
        {"path", d.path},       {"line", d.line},
        {"column", d.column},   {"severity", d.severity == Severity::error ? "error" : "warning"},
        {"message", d.message}, {"hint", d.hint}};
}

nlohmann::ordered_json json_money(Money m) {
    if (m.cents % 100 == 0)
        return m.cents / 100;
    return static_cast<double>(m.cents) / 100.0;
}

nlohmann::ordered_json json_date(const std::optional<Date>& d) {
    return d ? nlohmann::ordered_json(format_date(*d)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json to_json(const Diagnostics& ds) {
    auto out = nlohmann::ordered_json::array();
    for (const Diagnostic& d : ds)
        out.push_back(to_json(d));
    return out;
}

} // namespace crm::render
