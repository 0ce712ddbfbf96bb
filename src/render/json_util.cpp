#include "json_util.hpp"

#include "crm/briefing.hpp"

namespace crm::render {

nlohmann::ordered_json to_json(const Diagnostic& d) {
    return {
        {"path", d.path},       {"line", d.line},
        {"column", d.column},   {"severity", d.severity == Severity::error ? "error" : "warning"},
        {"message", d.message}, {"hint", d.hint}};
}

namespace {

std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

void dump_streaming(const nlohmann::ordered_json& j, std::string_view key, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item,
                    const std::function<void(std::string_view)>& sink) {
    const std::string whole = dump(j) + "\n";
    if (count == 0) {
        sink(whole);
        return;
    }
    const std::string empty = "\n  \"" + std::string(key) + "\": []";
    const std::size_t at = whole.find(empty);
    std::string out = whole.substr(0, at) + "\n  \"" + std::string(key) + "\": [";
    for (std::size_t i = 0; i < count; ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        for (const char ch : dump(item(i))) {
            out += ch;
            if (ch == '\n')
                out += "    ";
        }
        if (out.size() >= (1u << 16)) {
            sink(out);
            out.clear();
        }
    }
    out += "\n  ]";
    out.append(whole, at + empty.size());
    sink(out);
}

std::string dump_streaming(const nlohmann::ordered_json& j, std::string_view key, std::size_t count,
                           const std::function<nlohmann::ordered_json(std::size_t)>& item) {
    std::string out;
    dump_streaming(j, key, count, item, [&](std::string_view piece) { out.append(piece); });
    return out;
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

nlohmann::ordered_json json_lunar(const std::optional<LunarMonthDay>& b) {
    if (!b)
        return nullptr;
    return {{"month", b->month}, {"day", b->day}, {"leap", b->leap}};
}

std::string first_or_empty(const std::vector<std::string>& values) {
    return values.empty() ? std::string() : values.front();
}

nlohmann::ordered_json to_json(const Person& p, bool note) {
    nlohmann::ordered_json j = {
        {"name", p.name},
        {"role", p.role},
        {"phone", first_or_empty(p.phones)},
        {"phones", p.phones},
        {"email", first_or_empty(p.emails)},
        {"emails", p.emails},
        {"birthday", p.birthday ? nlohmann::ordered_json(format_month_day(*p.birthday))
                                : nlohmann::ordered_json(nullptr)},
        {"lunar_birthday", json_lunar(p.lunar_birthday)}};
    if (note)
        j["note"] = p.note;
    return j;
}

} // namespace crm::render
