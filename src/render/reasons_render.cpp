#include "reasons_render.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"
#include "json_util.hpp"

#include <fmt/format.h>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

std::string title(const std::string& why) {
    if (why == "buy")
        return tr("Why they buy");
    if (why == "keep")
        return tr("Why they keep buying");
    return tr("Why they would stop");
}

std::string times(std::size_t n) {
    return n == 1 ? tr("once") : trnf("{} time", "{} times", n, n);
}

std::string themes_line(const std::vector<ThemeCount>& themes) {
    std::string out;
    for (const ThemeCount& t : themes)
        out += fmt::format("{}{} {}", out.empty() ? "" : " · ", visible(t.theme), t.count);
    return out;
}

// The words as said, each of their lines indented under the quote's header.
std::string quote_text(const Quote& q) {
    std::string out = fmt::format("  {}  {}{}", format_date(q.date),
                                  trf("{} ({})", visible(q.name), visible(q.id)),
                                  q.by.empty() ? "" : trf(", heard by {}", visible(q.by)));
    if (!q.themes.empty()) {
        std::string list;
        for (const std::string& t : q.themes)
            list += (list.empty() ? "" : ", ") + visible(t);
        out += "  [" + list + "]";
    }
    out += "\n";
    std::size_t start = 0;
    bool first = true;
    while (start <= q.said.size()) {
        const std::size_t end = std::min(q.said.find('\n', start), q.said.size());
        const std::string line = visible(q.said.substr(start, end - start));
        out +=
            fmt::format("    {}{}{}\n", first ? "“" : " ", line, end == q.said.size() ? "”" : "");
        first = false;
        start = end + 1;
    }
    return out;
}

std::string group_text(const ReasonGroup& g) {
    const std::size_t all = g.quotes.size() + g.without_words;
    if (all == 0)
        return trf("{}: nothing recorded (crm log --why {} --said …)\n", title(g.why), g.why);
    std::string out = trnf("{}: {}, {} customer\n", "{}: {}, {} customers\n", g.customers,
                           title(g.why), times(all), g.customers);
    if (!g.themes.empty())
        out += "  " + themes_line(g.themes) + "\n";
    for (const Quote& q : g.quotes)
        out += quote_text(q);
    if (g.without_words > 0)
        out +=
            trf("  and {} without the customer's words (crm log --said)\n", times(g.without_words));
    return out;
}

ordered_json quote_json(const Quote& q) {
    return {{"id", q.id},         {"name", q.name}, {"date", format_date(q.date)},
            {"by", q.by},         {"why", q.why},   {"said", q.said},
            {"themes", q.themes}, {"path", q.path}, {"line", q.line}};
}

} // namespace

std::string reasons_text(const Reasons& r) {
    std::string out;
    for (const ReasonGroup& g : r.groups)
        out += (out.empty() ? "" : "\n") + group_text(g);
    if (!r.untagged.empty()) {
        out += trf("\nWords without a why: {}\n", times(r.untagged.size()));
        for (const Quote& q : r.untagged)
            out += quote_text(q);
    }
    return out;
}

std::string reasons_json(const Reasons& r, const Diagnostics& ds) {
    ordered_json groups = ordered_json::array();
    for (const ReasonGroup& g : r.groups) {
        ordered_json themes = ordered_json::array();
        for (const ThemeCount& t : g.themes)
            themes.push_back({{"theme", t.theme}, {"count", t.count}});
        ordered_json quotes = ordered_json::array();
        for (const Quote& q : g.quotes)
            quotes.push_back(quote_json(q));
        groups.push_back({{"why", g.why},
                          {"customers", g.customers},
                          {"without_words", g.without_words},
                          {"themes", themes},
                          {"quotes", quotes}});
    }
    ordered_json untagged = ordered_json::array();
    for (const Quote& q : r.untagged)
        untagged.push_back(quote_json(q));
    const ordered_json j{{"since", json_date(r.since)},
                         {"until", format_date(r.until)},
                         {"questions", groups},
                         {"untagged", untagged},
                         {"diagnostics", to_json(ds)}};
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string reasons_csv(const Reasons& r, const DelimitedOptions& options) {
    std::string out =
        csv_record({"why", "date", "id", "name", "by", "said", "themes", "path", "line"}, options);
    const auto row = [&](const Quote& q) {
        std::string themes;
        for (const std::string& t : q.themes)
            themes += (themes.empty() ? "" : ";") + t;
        out += csv_record({q.why, format_date(q.date), q.id, q.name, q.by, q.said, themes, q.path,
                           std::to_string(q.line)},
                          options);
    };
    for (const ReasonGroup& g : r.groups)
        for (const Quote& q : g.quotes)
            row(q);
    for (const Quote& q : r.untagged)
        row(q);
    return out;
}

} // namespace crm::render
