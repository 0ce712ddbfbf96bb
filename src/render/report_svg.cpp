#include "report_svg.hpp"

#include "crm/i18n.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::render::html {

namespace {

// The chart's own units; CSS scales it to the column's width, text with it.
constexpr double width = 360;
constexpr double row_height = 36;
// Room after the longest bar for its value ("1234567.50").
constexpr double value_room = 110;

std::string none() {
    return "<p class=\"none\">" + escape(tr("None.")) + "</p>\n";
}

std::string bar_row(const Bar& bar, double max, double top) {
    const double room = width - value_room;
    const double length = max > 0 ? std::clamp(bar.value / max, 0.0, 1.0) * room : 0;
    return fmt::format("<text x=\"0\" y=\"{:.0f}\">{}</text>\n"
                       "<rect class=\"bar\" x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"12\"/>\n"
                       "<text x=\"{:.1f}\" y=\"{:.0f}\">{}</text>\n",
                       top + 14, bar.label, top + 19, length, length + 6, top + 30, bar.shown);
}

} // namespace

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string text(std::string_view s) {
    return s.empty() ? std::string("—") : escape(visible(s));
}

std::string path(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const std::string_view part : parts) {
        if (!out.empty())
            out += '.';
        out += part;
    }
    return out;
}

std::string num(std::string_view path, std::string_view number) {
    return fmt::format("<span data-n=\"{}\">{}</span>", escape(path), escape(number));
}

std::string num_cell(std::string_view path, std::string_view number) {
    return fmt::format("<td class=\"n\" data-n=\"{}\">{}</td>", escape(path), escape(number));
}

std::string num_tspan(std::string_view path, std::string_view number) {
    return fmt::format("<tspan data-n=\"{}\">{}</tspan>", escape(path), escape(number));
}

std::string text_cell(std::string_view s) {
    return cell(text(s));
}

std::string cell(std::string_view html) {
    return fmt::format("<td>{}</td>", html);
}

std::string table(const std::vector<Column>& columns, const std::vector<std::string>& rows) {
    if (rows.empty())
        return none();
    std::string out = "<div class=\"scroll\"><table>\n<thead><tr>";
    for (const Column& c : columns)
        out += fmt::format("<th{}>{}</th>", c.numeric ? " class=\"n\"" : "", c.head);
    out += "</tr></thead>\n<tbody>\n";
    for (const std::string& row : rows)
        out += "<tr>" + row + "</tr>\n";
    return out + "</tbody>\n</table></div>\n";
}

std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, double max) {
    if (bars.empty())
        return none();
    const double height = row_height * static_cast<double>(bars.size()) + 4;
    std::string out = fmt::format("<svg class=\"chart\" viewBox=\"0 0 {:.0f} {:.0f}\" "
                                  "role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
                                  width, height, escape(title), escape(title));
    double top = 0;
    for (const Bar& bar : bars) {
        out += bar_row(bar, max, top);
        top += row_height;
    }
    return out + "</svg>\n";
}

} // namespace crm::render::html
