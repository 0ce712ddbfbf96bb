#include "report_html.hpp"

#include "crm/i18n.hpp"
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

// "<h3>Sales</h3>", the title in the user's language.
std::string heading(int level, std::string_view title) {
    return fmt::format("<h{0}>{1}</h{0}>\n", level, html::escape(title));
}

std::string head(const Report& r) {
    const std::string_view lang = language();
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang == "zh_TW"   ? "zh-Hant-TW"
        : lang == "zh_CN" ? "zh-Hans-CN"
                          : "en",
        html::escape(trf("crm report {} – {}", format_date(r.since), format_date(r.until))), style);
}

std::string header(const Report& r, const Settings& s) {
    const std::string unit =
        s.currency.empty() ? "" : trf(" · amounts in {}", html::escape(s.currency));
    return "<header>\n" + heading(1, tr("Report")) +
           fmt::format("<p class=\"period\">{} – {}</p>\n", format_date(r.since),
                       format_date(r.until)) +
           "<p>" +
           trnf("{} customer", "{} customers", r.customers, num("customers", count(r.customers))) +
           unit + "</p>\n</header>\n";
}

// "0–30 days", "91+ days": the bounds marked as numbers, in a table cell
// (span) or a chart (tspan).
std::string age_label(std::size_t i, const AgeBucket& b, bool svg) {
    const std::string base = path({"money.ageing", count(i)});
    const auto mark = svg ? html::num_tspan : html::num;
    const std::string from = mark(path({base, "from"}), fmt::format("{}", b.from));
    if (!b.to)
        return from + tr("+ days");
    return from + "–" + mark(path({base, "to"}), fmt::format("{}", *b.to)) + tr(" days");
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
    return html::bar_chart(tr("Owed by age"), bars, length(max)) +
           table({{tr("Age")}, {tr("Owed"), true}, {tr("Purchases"), true}}, rows);
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
    return table({{head}, {tr("Amount"), true}, {counted_head, true}}, rows);
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
    return heading(3, tr("Owed")) + "<p class=\"total\">" +
           trf("{} owed on {}", amount("money.owed", m.owed, s), format_date(r.until)) + "</p>\n" +
           ageing(m) + heading(4, tr("By customer")) +
           table({{tr("Customer")},
                  {tr("Owed"), true},
                  {tr("Days"), true},
                  {tr("Oldest purchase")},
                  {tr("Owner")},
                  {tr("ID")}},
                 rows) +
           heading(4, tr("By seller")) +
           sums("money.owed_by_seller", m.owed_by_seller, tr("Seller"), "purchases",
                tr("Purchases"));
}

std::string collected(const MoneyReport& m, const Settings& s) {
    return heading(3, tr("Collected")) + "<p class=\"total\">" +
           trf("{} collected", amount("money.collected", m.collected, s)) + "</p>\n" +
           heading(4, tr("By who took it")) +
           sums("money.collected_by", m.collected_by, tr("By"), "payments", tr("Payments"));
}

std::string by_product(const MoneyReport& m) {
    std::vector<std::string> rows;
    for (const Sum& p : m.sales_by_product) {
        const std::string base = path({"money.sales_by_product", p.key});
        rows.push_back(text_cell(p.key) + num_cell(path({base, "amount"}), format_money(p.amount)) +
                       num_cell(path({base, "qty"}), fmt::format("{}", p.qty)) +
                       num_cell(path({base, "purchases"}), count(p.count)));
    }
    return table(
        {{tr("Product")}, {tr("Amount"), true}, {tr("Qty"), true}, {tr("Purchases"), true}}, rows);
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
    return html::bar_chart(tr("Sales by month"), bars, length(max));
}

std::string sales(const MoneyReport& m, const Settings& s) {
    return heading(3, tr("Sales")) + "<p class=\"total\">" +
           trf("{} in {} sales", amount("money.sales", m.sales, s),
               num("money.sale_count", count(m.sale_count))) +
           "</p>\n" + heading(4, tr("By product")) + by_product(m) + heading(4, tr("By seller")) +
           sums("money.sales_by_seller", m.sales_by_seller, tr("Seller"), "purchases",
                tr("Purchases")) +
           heading(4, tr("By month")) + by_month(m);
}

std::string money_section(const Report& r, const Settings& s) {
    return "<section id=\"money\">\n" + heading(2, tr("Money")) + owed(r.money, s, r) +
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
                  {tr("On time %"), true},
                  {tr("Due"), true},
                  {tr("On time"), true},
                  {tr("Late"), true},
                  {tr("Missed"), true}},
                 rows);
}

std::string share_chart(const std::vector<OnTime>& owners) {
    std::vector<Bar> bars;
    for (const OnTime& t : owners) {
        if (t.due == 0) {
            bars.push_back({text(t.key), 0, html::escape(tr("— (none due)"))});
            continue;
        }
        const std::string p = percent(t);
        const double share = 100.0 * static_cast<double>(t.on_time) / static_cast<double>(t.due);
        bars.push_back(
            {text(t.key), share, num_tspan(path({"revisits.by_owner", t.key, "share"}), p) + "%"});
    }
    return html::bar_chart(tr("Revisits on time, by owner"), bars, 100);
}

std::string overdue(const std::vector<Overdue>& late) {
    std::vector<std::string> rows;
    for (const Overdue& o : late)
        rows.push_back(
            text_cell(o.name) +
            num_cell(path({"revisits.overdue", o.id, "days"}), fmt::format("{}", o.days)) +
            cell(format_date(o.due)) + text_cell(o.owner) + text_cell(o.class_name) +
            text_cell(o.id));
    return table({{tr("Customer")},
                  {tr("Days late"), true},
                  {tr("Due")},
                  {tr("Owner")},
                  {tr("Class")},
                  {tr("ID")}},
                 rows);
}

std::string too_sticky(const std::vector<Sticky>& sticky) {
    std::vector<std::string> rows;
    for (const Sticky& t : sticky) {
        const std::string base = path({"revisits.too_sticky", t.id});
        rows.push_back(text_cell(t.name) + num_cell(path({base, "contacts"}), count(t.contacts)) +
                       num_cell(path({base, "asked"}), count(t.asked)) + text_cell(t.owner) +
                       text_cell(t.class_name) + text_cell(t.id));
    }
    return table({{tr("Customer")},
                  {tr("Contacts"), true},
                  {tr("Asked"), true},
                  {tr("Owner")},
                  {tr("Class")},
                  {tr("ID")}},
                 rows);
}

std::string revisits_section(const RevisitReport& v) {
    return "<section id=\"revisits\">\n" + heading(2, tr("Revisits")) +
           heading(3, tr("On time, by owner")) +
           on_time("revisits.by_owner", v.by_owner, tr("Owner")) + share_chart(v.by_owner) +
           heading(3, tr("On time, by class")) +
           on_time("revisits.by_class", v.by_class, tr("Class")) + heading(3, tr("Overdue")) +
           overdue(v.overdue) + heading(3, tr("Too sticky")) + "<p>" +
           std::string(tr("Contacted more often than their class asks.")) + "</p>\n" +
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
    return "<section id=\"pipeline\">\n" + heading(2, tr("Pipeline")) +
           heading(3, tr("Customers per class")) +
           table({{tr("Class")}, {tr("Customers"), true}}, classes) + heading(3, tr("Moves")) +
           table({{tr("Customer")}, {tr("From")}, {tr("To")}, {tr("Date")}, {tr("ID")}}, moves) +
           "</section>\n";
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
    return "<section id=\"satisfaction\">\n" + heading(2, tr("Satisfaction")) +
           heading(3, tr("Average by owner")) +
           table({{tr("Owner")}, {tr("Average"), true}, {tr("Scores"), true}}, owners) +
           heading(3, tr("Around handovers")) +
           table({{tr("Customer")},
                  {tr("Before"), true},
                  {tr("After"), true},
                  {tr("From")},
                  {tr("To")},
                  {tr("Date")},
                  {tr("Scores before"), true},
                  {tr("Scores after"), true},
                  {tr("ID")}},
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
