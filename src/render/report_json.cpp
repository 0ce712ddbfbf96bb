#include "report_json.hpp"

#include "json_util.hpp"

#include <cmath>

namespace crm::render {

namespace {

using nlohmann::ordered_json;

ordered_json sums(const std::vector<Sum>& rows, const char* key, const char* count,
                  bool qty = false) {
    ordered_json out = ordered_json::array();
    for (const Sum& r : rows) {
        ordered_json j{{key, r.key}, {"amount", json_money(r.amount)}};
        if (qty)
            j["qty"] = r.qty;
        j[count] = r.count;
        out.push_back(std::move(j));
    }
    return out;
}

ordered_json money(const MoneyReport& m) {
    ordered_json ageing = ordered_json::array();
    for (const AgeBucket& b : m.ageing)
        ageing.push_back({{"from", b.from},
                          {"to", b.to ? ordered_json(*b.to) : ordered_json(nullptr)},
                          {"amount", json_money(b.amount)},
                          {"purchases", b.purchases}});
    ordered_json owed = ordered_json::array();
    for (const OwedCustomer& c : m.owed_by_customer)
        owed.push_back({{"id", c.id},
                        {"name", c.name},
                        {"owner", c.owner},
                        {"amount", json_money(c.amount)},
                        {"oldest", format_date(c.oldest)},
                        {"days", c.days}});
    return {{"owed", json_money(m.owed)},
            {"ageing", ageing},
            {"owed_by_customer", owed},
            {"owed_by_seller", sums(m.owed_by_seller, "seller", "purchases")},
            {"collected", json_money(m.collected)},
            {"collected_by", sums(m.collected_by, "by", "payments")},
            {"sales", json_money(m.sales)},
            {"sale_count", m.sale_count},
            {"sales_by_product", sums(m.sales_by_product, "product", "purchases", true)},
            {"sales_by_seller", sums(m.sales_by_seller, "seller", "purchases")},
            {"sales_by_month", sums(m.sales_by_month, "month", "purchases")}};
}

ordered_json on_time(const std::vector<OnTime>& rows, const char* key) {
    ordered_json out = ordered_json::array();
    for (const OnTime& o : rows) {
        const auto share = on_time_share(o);
        out.push_back({{key, o.key},
                       {"due", o.due},
                       {"on_time", o.on_time},
                       {"late", o.late},
                       {"missed", o.missed},
                       {"share", share ? ordered_json(*share) : ordered_json(nullptr)}});
    }
    return out;
}

ordered_json revisits(const RevisitReport& r) {
    ordered_json overdue = ordered_json::array();
    for (const Overdue& o : r.overdue)
        overdue.push_back({{"id", o.id},
                           {"name", o.name},
                           {"owner", o.owner},
                           {"class", o.class_name},
                           {"due", format_date(o.due)},
                           {"days", o.days}});
    ordered_json sticky = ordered_json::array();
    for (const Sticky& s : r.too_sticky)
        sticky.push_back({{"id", s.id},
                          {"name", s.name},
                          {"owner", s.owner},
                          {"class", s.class_name},
                          {"contacts", s.contacts},
                          {"asked", s.asked}});
    return {{"by_owner", on_time(r.by_owner, "owner")},
            {"by_class", on_time(r.by_class, "class")},
            {"overdue", overdue},
            {"too_sticky", sticky}};
}

ordered_json pipeline(const PipelineReport& p) {
    ordered_json classes = ordered_json::array();
    for (const Sum& c : p.classes)
        classes.push_back({{"class", c.key}, {"customers", c.count}});
    ordered_json moves = ordered_json::array();
    for (const ClassMove& m : p.moves)
        moves.push_back({{"id", m.id},
                         {"name", m.name},
                         {"date", format_date(m.date)},
                         {"from", m.from},
                         {"to", m.to}});
    return {{"classes", classes}, {"moves", moves}};
}

// Averages to two decimals: what a person compares, and stable to print.
ordered_json rounded(std::optional<double> v) {
    return v ? ordered_json(std::round(*v * 100) / 100) : ordered_json(nullptr);
}

ordered_json satisfaction(const SatisfactionReport& s) {
    ordered_json owners = ordered_json::array();
    for (const Average& a : s.by_owner)
        owners.push_back({{"owner", a.key}, {"average", rounded(a.average)}, {"scores", a.scores}});
    ordered_json handovers = ordered_json::array();
    for (const HandoverScores& h : s.handovers)
        handovers.push_back({{"id", h.id},
                             {"name", h.name},
                             {"date", format_date(h.date)},
                             {"from", h.from},
                             {"to", h.to},
                             {"before", rounded(h.before)},
                             {"scores_before", h.scores_before},
                             {"after", rounded(h.after)},
                             {"scores_after", h.scores_after}});
    return {{"by_owner", owners}, {"handovers", handovers}};
}

} // namespace

std::string report_json(const Report& r, const Settings& s, const Diagnostics& ds) {
    const ordered_json j{
        {"since", format_date(r.since)},    {"until", format_date(r.until)},
        {"currency", s.currency},           {"customers", r.customers},
        {"money", money(r.money)},          {"revisits", revisits(r.revisits)},
        {"pipeline", pipeline(r.pipeline)}, {"satisfaction", satisfaction(r.satisfaction)},
        {"diagnostics", to_json(ds)}};
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace crm::render
