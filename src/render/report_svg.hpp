#pragma once
// The pieces report_html() is made of: escaped text, tables whose number
// cells carry the number's JSON path, and horizontal bar charts as inline
// SVG (bars read well at phone width; no script draws them).

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace crm::render::html {

// s with & < > " ' as entities: safe in text and in quoted attributes.
std::string escape(std::string_view s);

// Text from a file for a person to read: control characters and bidi
// overrides shown as escapes (as visible() does for a terminal: a U+202E in
// a name would otherwise reverse the page text after it), then escaped.
// "—" when empty.
std::string text(std::string_view s);

// A number's path in the JSON report: the parts joined by dots, keys as
// they are ("money.sales_by_month" "2026-10" "amount"). Not escaped.
std::string path(std::initializer_list<std::string_view> parts);

// <span data-n="PATH">number</span>, <td class="n" data-n="PATH">number</td>
// and <tspan data-n="PATH">number</tspan>: the element holds only the
// number, so a program reads it back exactly.
std::string num(std::string_view path, std::string_view number);
std::string num_cell(std::string_view path, std::string_view number);
std::string num_tspan(std::string_view path, std::string_view number);

// <td>text(s)</td>; <td> around HTML already made.
std::string text_cell(std::string_view s);
std::string cell(std::string_view html);

struct Column {
    std::string_view head;
    bool numeric = false; // right-aligned, like the cells under it
};

// A table in a box that scrolls sideways when it is wider than the screen;
// `rows` are the cells of each row. "None." when there are no rows.
std::string table(const std::vector<Column>& columns, const std::vector<std::string>& rows);

struct Bar {
    std::string label; // SVG text content: escaped, may hold num_tspan()s
    double value = 0;  // the bar's length against the chart's `max`
    std::string shown; // SVG text content at the bar's end: the value
};

// One bar per row, label above it, the value after it; `title` names the
// chart for screen readers. Negative values draw no bar. "None." when
// there are no bars.
std::string bar_chart(std::string_view title, const std::vector<Bar>& bars, double max);

} // namespace crm::render::html
