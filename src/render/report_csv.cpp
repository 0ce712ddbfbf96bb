#include "report_json.hpp"

#include <fmt/format.h>

namespace crm::render {

namespace {

// section, key, id, name, date, amount, count, on_time, late, missed, average
using Row = std::vector<std::string>;

Row row(std::string section, std::string key, Money amount, std::size_t count) {
    return {std::move(section),
            std::move(key),
            "",
            "",
            "",
            format_money(amount),
            std::to_string(count),
            "",
            "",
            "",
            ""};
}

void sums(std::vector<Row>& out, const char* section, const std::vector<Sum>& rows) {
    for (const Sum& r : rows)
        out.push_back(row(section, r.key, r.amount, r.count));
}

void money(std::vector<Row>& out, const MoneyReport& m) {
    out.push_back(row("owed", "", m.owed, m.owed_by_customer.size()));
    for (const AgeBucket& b : m.ageing)
        out.push_back(row("ageing",
                          b.to ? fmt::format("{}-{}", b.from, *b.to) : fmt::format("{}+", b.from),
                          b.amount, b.purchases));
    for (const OwedCustomer& c : m.owed_by_customer)
        out.push_back({"owed_by_customer", c.owner, c.id, c.name, format_date(c.oldest),
                       format_money(c.amount), std::to_string(c.days), "", "", "", ""});
    sums(out, "owed_by_seller", m.owed_by_seller);
    out.push_back(row("collected", "", m.collected, m.collected_by.size()));
    sums(out, "collected_by", m.collected_by);
    out.push_back(row("sales", "", m.sales, m.sale_count));
    sums(out, "sales_by_product", m.sales_by_product);
    sums(out, "sales_by_seller", m.sales_by_seller);
    sums(out, "sales_by_month", m.sales_by_month);
}

void on_time(std::vector<Row>& out, const char* section, const std::vector<OnTime>& rows) {
    for (const OnTime& o : rows)
        out.push_back({section, o.key, "", "", "", "", std::to_string(o.due),
                       std::to_string(o.on_time), std::to_string(o.late), std::to_string(o.missed),
                       ""});
}

void people(std::vector<Row>& out, const Report& r) {
    for (const Overdue& o : r.revisits.overdue)
        out.push_back({"overdue", o.class_name, o.id, o.name, format_date(o.due), "",
                       std::to_string(o.days), "", "", "", ""});
    for (const Sticky& s : r.revisits.too_sticky)
        out.push_back({"too_sticky", s.class_name, s.id, s.name, "", "", std::to_string(s.contacts),
                       "", "", "", ""});
    for (const Sum& c : r.pipeline.classes)
        out.push_back({"class", c.key, "", "", "", "", std::to_string(c.count), "", "", "", ""});
    for (const ClassMove& m : r.pipeline.moves)
        out.push_back({"move", m.from + " -> " + m.to, m.id, m.name, format_date(m.date), "", "1",
                       "", "", "", ""});
    for (const Average& a : r.satisfaction.by_owner)
        out.push_back({"satisfaction", a.key, "", "", "", "", std::to_string(a.scores), "", "", "",
                       fmt::format("{:.2f}", a.average)});
    // A handover's two averages, each as the row of its side.
    const auto mean = [](std::optional<double> m) {
        return m ? fmt::format("{:.2f}", *m) : std::string();
    };
    for (const HandoverScores& h : r.satisfaction.handovers) {
        const std::string key = h.from + " -> " + h.to;
        out.push_back({"handover_before", key, h.id, h.name, format_date(h.date), "",
                       std::to_string(h.scores_before), "", "", "", mean(h.before)});
        out.push_back({"handover_after", key, h.id, h.name, format_date(h.date), "",
                       std::to_string(h.scores_after), "", "", "", mean(h.after)});
    }
}

} // namespace

std::string report_csv(const Report& r, const DelimitedOptions& options) {
    std::vector<Row> rows;
    money(rows, r.money);
    on_time(rows, "on_time_by_owner", r.revisits.by_owner);
    on_time(rows, "on_time_by_class", r.revisits.by_class);
    people(rows, r);
    std::string out = csv_record({"section", "key", "id", "name", "date", "amount", "count",
                                  "on_time", "late", "missed", "average"},
                                 options);
    for (const Row& row : rows)
        out += csv_record(row, options);
    return out;
}

} // namespace crm::render
