#include "report_html.hpp"

#include "report_svg.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <vector>

namespace crm::render {

namespace {

using html::Bar;
using html::cell;
using html::Column;
using html::num;
using html::num_cell;
using html::num_tspan;
using html::path;
using html::table;
using html::text;
using html::text_cell;

// Light and plain so it prints as it shows; one column at any width, with
// tables that scroll inside their own box rather than widening the page.
// Only the fonts the reader's device has: nothing is fetched.
constexpr std::string_view style = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1b1f24;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: #424a53; }
p { margin: .3rem 0; }
.total { font-size: 1.15rem; }
.none { color: #656d76; }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid #d0d7de; border-radius: 4px;
  margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .3rem .5rem; text-align: left; white-space: nowrap;
  border-bottom: 1px solid #eaeef2; }
th { background: #f6f8fa; font-weight: 600; }
tbody tr:last-child td { border-bottom: 0; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart { display: block; width: 100%; max-width: 26rem; height: auto; margin: .5rem 0; }
.chart text { font-size: 14px; fill: #1b1f24; font-variant-numeric: tabular-nums; }
.bar { fill: #3b6fc4; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; border: 0; }
  h2, h3, h4 { break-after: avoid; }
  table, .chart { break-inside: avoid; }
  .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)";

std::string count(std::size_t n) {
    return fmt::format("{}", n);
}

// Shown only where something was due.
std::string percent(const OnTime& t) {
    return count(on_time_percent(t).value_or(0));
}

std::string one_decimal(double d) {
    return fmt::format("{:.1f}", d);
}

// Bars compare amounts; cents are exact enough for a length.
double length(Money m) {
    return static_cast<double>(m.cents);
}

std::string dash_cell() {
    return "<td class=\"n none\">—</td>";
}

// An amount and its currency, as a reader sees it: "1200 TWD".
std::string amount(std::string_view p, Money m, const Settings& s) {
    if (s.currency.empty())
        return num(p, format_money(m));
    return fmt::format("{} {}", num(p, format_money(m)), html::escape(s.currency));
}

std::string head(const Report& r) {
    return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>crm report {} – {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                       format_date(r.since), format_date(r.until), style);
}

std::string header(const Report& r, const Settings& s) {
    const std::string unit =
        s.currency.empty() ? "" : fmt::format(" · amounts in {}", html::escape(s.currency));
    return fmt::format("<header>\n<h1>Report</h1>\n<p class=\"period\">{} – {}</p>\n"
                       "<p>{} {}{}</p>\n</header>\n",
                       format_date(r.since), format_date(r.until),
                       num("customers", count(r.customers)),
                       r.customers == 1 ? "customer" : "customers", unit);
}

// "0–30 days", "91+ days": the bounds marked as numbers, in a table cell
// (span) or a chart (tspan).
std::string age_label(std::size_t i, const AgeBucket& b, bool svg) {
    const std::string base = path({"money.ageing", count(i)});
    const auto mark = svg ? html::num_tspan : html::num;
    const std::string from = mark(path({base, "from"}), fmt::format("{}", b.from));
    if (!b.to)
        return from + "+ days";
    return from + "–" + mark(path({base, "to"}), fmt::format("{}", *b.to)) + " days";
}

std::string ageing(const MoneyReport& m) {
    std::vector<Bar> bars;
    std::vector<std::string> rows;
    Money max;
    for (std::size_t i = 0; i < m.ageing.size(); ++i) {
        const AgeBucket& b = m.ageing[i];
        const std::string base = path({"money.ageing", count(i)});
        max = std::max(max, b.amount);
        bars.push_back({age_label(i, b, true), length(b.amount),
                        num_tspan(path({base, "amount"}), format_money(b.amount))});
        rows.push_back(cell(age_label(i, b, false)) +
                       num_cell(path({base, "amount"}), format_money(b.amount)) +
                       num_cell(path({base, "purchases"}), count(b.purchases)));
    }
    return html::bar_chart("Owed by age", bars, length(max)) +
           table({{"Age"}, {"Owed", true}, {"Purchases", true}}, rows);
}

// Sums by seller or by who took the money; `counted` is the JSON's name for
// their count ("purchases", "payments").
std::string sums(std::string_view base, const std::vector<Sum>& sums, std::string_view head,
                 std::string_view counted, std::string_view counted_head) {
    std::vector<std::string> rows;
    for (const Sum& sum : sums)
        rows.push_back(text_cell(sum.key) +
                       num_cell(path({base, sum.key, "amount"}), format_money(sum.amount)) +
                       num_cell(path({base, sum.key, counted}), count(sum.count)));
    return table({{head}, {"Amount", true}, {counted_head, true}}, rows);
}

// The name and the number first, the rest after: on a phone the first
// columns are what shows before the table is scrolled.
std::string owed(const MoneyReport& m, const Settings& s, const Report& r) {
    std::vector<std::string> rows;
    for (const OwedCustomer& c : m.owed_by_customer) {
        const std::string base = path({"money.owed_by_customer", c.id});
        rows.push_back(text_cell(c.name) +
                       num_cell(path({base, "amount"}), format_money(c.amount)) +
                       num_cell(path({base, "days"}), fmt::format("{}", c.days)) +
                       cell(format_date(c.oldest)) + text_cell(c.owner) + text_cell(c.id));
    }
    return fmt::format("<h3>Owed</h3>\n<p class=\"total\">{} owed on {}</p>\n",
                       amount("money.owed", m.owed, s), format_date(r.until)) +
           ageing(m) + "<h4>By customer</h4>\n" +
           table({{"Customer"},
                  {"Owed", true},
                  {"Days", true},
                  {"Oldest purchase"},
                  {"Owner"},
                  {"ID"}},
                 rows) +
           "<h4>By seller</h4>\n" +
           sums("money.owed_by_seller", m.owed_by_seller, "Seller", "purchases", "Purchases");
}

std::string collected(const MoneyReport& m, const Settings& s) {
    return fmt::format("<h3>Collected</h3>\n<p class=\"total\">{} collected</p>\n",
                       amount("money.collected", m.collected, s)) +
           "<h4>By who took it</h4>\n" +
           sums("money.collected_by", m.collected_by, "By", "payments", "Payments");
}

std::string by_product(const MoneyReport& m) {
    std::vector<std::string> rows;
    for (const Sum& p : m.sales_by_product) {
        const std::string base = path({"money.sales_by_product", p.key});
        rows.push_back(text_cell(p.key) + num_cell(path({base, "amount"}), format_money(p.amount)) +
                       num_cell(path({base, "qty"}), fmt::format("{}", p.qty)) +
                       num_cell(path({base, "purchases"}), count(p.count)));
    }
    return table({{"Product"}, {"Amount", true}, {"Qty", true}, {"Purchases", true}}, rows);
}

std::string by_month(const MoneyReport& m) {
    std::vector<Bar> bars;
    Money max;
    for (const Sum& month : m.sales_by_month) {
        max = std::max(max, month.amount);
        bars.push_back({text(month.key), length(month.amount),
                        num_tspan(path({"money.sales_by_month", month.key, "amount"}),
                                  format_money(month.amount))});
    }
    return html::bar_chart("Sales by month", bars, length(max));
}

std::string sales(const MoneyReport& m, const Settings& s) {
    return fmt::format("<h3>Sales</h3>\n<p class=\"total\">{} in {} sales</p>\n",
                       amount("money.sales", m.sales, s),
                       num("money.sale_count", count(m.sale_count))) +
           "<h4>By product</h4>\n" + by_product(m) + "<h4>By seller</h4>\n" +
           sums("money.sales_by_seller", m.sales_by_seller, "Seller", "purchases", "Purchases") +
           "<h4>By month</h4>\n" + by_month(m);
}

std::string money_section(const Report& r, const Settings& s) {
    return "<section id=\"money\">\n<h2>Money</h2>\n" + owed(r.money, s, r) +
           collected(r.money, s) + sales(r.money, s) + "</section>\n";
}

std::string on_time(std::string_view base, const std::vector<OnTime>& sums, std::string_view head) {
    std::vector<std::string> rows;
    for (const OnTime& t : sums) {
        const auto n = [&](std::string_view field, std::size_t v) {
            return num_cell(path({base, t.key, field}), count(v));
        };
        const std::string share =
            t.due == 0 ? dash_cell() : num_cell(path({base, t.key, "share"}), percent(t));
        rows.push_back(text_cell(t.key) + share + n("due", t.due) + n("on_time", t.on_time) +
                       n("late", t.late) + n("missed", t.missed));
    }
    return table({{head},
                  {"On time %", true},
                  {"Due", true},
                  {"On time", true},
                  {"Late", true},
                  {"Missed", true}},
                 rows);
}

std::string share_chart(const std::vector<OnTime>& owners) {
    std::vector<Bar> bars;
    for (const OnTime& t : owners) {
        if (t.due == 0) {
            bars.push_back({text(t.key), 0, "— (none due)"});
            continue;
        }
        const std::string p = percent(t);
        const double share = 100.0 * static_cast<double>(t.on_time) / static_cast<double>(t.due);
        bars.push_back(
            {text(t.key), share, num_tspan(path({"revisits.by_owner", t.key, "share"}), p) + "%"});
    }
    return html::bar_chart("Revisits on time, by owner", bars, 100);
}

std::string overdue(const std::vector<Overdue>& late) {
    std::vector<std::string> rows;
    for (const Overdue& o : late)
        rows.push_back(
            text_cell(o.name) +
            num_cell(path({"revisits.overdue", o.id, "days"}), fmt::format("{}", o.days)) +
            cell(format_date(o.due)) + text_cell(o.owner) + text_cell(o.class_name) +
            text_cell(o.id));
    return table({{"Customer"}, {"Days late", true}, {"Due"}, {"Owner"}, {"Class"}, {"ID"}}, rows);
}

std::string too_sticky(const std::vector<Sticky>& sticky) {
    std::vector<std::string> rows;
    for (const Sticky& t : sticky) {
        const std::string base = path({"revisits.too_sticky", t.id});
        rows.push_back(text_cell(t.name) + num_cell(path({base, "contacts"}), count(t.contacts)) +
                       num_cell(path({base, "asked"}), count(t.asked)) + text_cell(t.owner) +
                       text_cell(t.class_name) + text_cell(t.id));
    }
    return table({{"Customer"}, {"Contacts", true}, {"Asked", true}, {"Owner"}, {"Class"}, {"ID"}},
                 rows);
}

std::string revisits_section(const RevisitReport& v) {
    return "<section id=\"revisits\">\n<h2>Revisits</h2>\n<h3>On time, by owner</h3>\n" +
           on_time("revisits.by_owner", v.by_owner, "Owner") + share_chart(v.by_owner) +
           "<h3>On time, by class</h3>\n" + on_time("revisits.by_class", v.by_class, "Class") +
           "<h3>Overdue</h3>\n" + overdue(v.overdue) +
           "<h3>Too sticky</h3>\n<p>Contacted more often than their class asks.</p>\n" +
           too_sticky(v.too_sticky) + "</section>\n";
}

std::string pipeline_section(const PipelineReport& p) {
    std::vector<std::string> classes;
    for (const Sum& c : p.classes)
        classes.push_back(text_cell(c.key) +
                          num_cell(path({"pipeline.classes", c.key, "customers"}), count(c.count)));
    std::vector<std::string> moves;
    for (const ClassMove& m : p.moves)
        moves.push_back(text_cell(m.name) + text_cell(m.from) + text_cell(m.to) +
                        cell(format_date(m.date)) + text_cell(m.id));
    return "<section id=\"pipeline\">\n<h2>Pipeline</h2>\n<h3>Customers per class</h3>\n" +
           table({{"Class"}, {"Customers", true}}, classes) + "<h3>Moves</h3>\n" +
           table({{"Customer"}, {"From"}, {"To"}, {"Date"}, {"ID"}}, moves) + "</section>\n";
}

std::string handover_row(std::size_t i, const HandoverScores& h) {
    const std::string base = path({"satisfaction.handovers", count(i)});
    const auto score = [&](std::string_view field, const std::optional<double>& avg) {
        return avg ? num_cell(path({base, field}), one_decimal(*avg)) : dash_cell();
    };
    return text_cell(h.name) + score("before", h.before) + score("after", h.after) +
           text_cell(h.from) + text_cell(h.to) + cell(format_date(h.date)) +
           num_cell(path({base, "scores_before"}), count(h.scores_before)) +
           num_cell(path({base, "scores_after"}), count(h.scores_after)) + text_cell(h.id);
}

std::string satisfaction_section(const SatisfactionReport& s) {
    std::vector<std::string> owners;
    for (const Average& a : s.by_owner) {
        const std::string base = path({"satisfaction.by_owner", a.key});
        owners.push_back(text_cell(a.key) +
                         num_cell(path({base, "average"}), one_decimal(a.average)) +
                         num_cell(path({base, "scores"}), count(a.scores)));
    }
    std::vector<std::string> handovers;
    for (std::size_t i = 0; i < s.handovers.size(); ++i)
        handovers.push_back(handover_row(i, s.handovers[i]));
    return "<section id=\"satisfaction\">\n<h2>Satisfaction</h2>\n<h3>Average by owner</h3>\n" +
           table({{"Owner"}, {"Average", true}, {"Scores", true}}, owners) +
           "<h3>Around handovers</h3>\n" +
           table({{"Customer"},
                  {"Before", true},
                  {"After", true},
                  {"From"},
                  {"To"},
                  {"Date"},
                  {"Scores before", true},
                  {"Scores after", true},
                  {"ID"}},
                 handovers) +
           "</section>\n";
}

} // namespace

std::string report_html(const Report& r, const Settings& s) {
    return head(r) + "<main>\n" + header(r, s) + money_section(r, s) +
           revisits_section(r.revisits) + pipeline_section(r.pipeline) +
           satisfaction_section(r.satisfaction) + "</main>\n</body>\n</html>\n";
}

} // namespace crm::render
