// crm report: each customer adds raw rows (one per purchase, revisit,
// score); finish() sums them by key and sorts them, so that the result does
// not depend on how the customers were shared among threads.

#include "crm/report.hpp"

#include "report_parts.hpp"
#include "rules.hpp"

#include <algorithm>
#include <map>

namespace crm {

namespace detail {

std::vector<std::size_t> logs_by_date(const Customer& c) {
    std::vector<std::size_t> order;
    rules::logs_by_date(c, order);
    return order;
}

std::string month_of(Date d) {
    return format_date(d).substr(0, 7);
}

} // namespace detail

namespace {

bool after(Date d, Date until) {
    return d > until;
}

// The customer as they stood at the end of `until`: later purchases,
// payments and logs are left out (a report of last month is last month's).
const Customer& as_of(const Customer& c, Date until, std::optional<Customer>& copy) {
    const auto later = [&](const auto& list) {
        return std::any_of(list.begin(), list.end(),
                           [&](const auto& x) { return after(x.date, until); });
    };
    if (!later(c.purchases) && !later(c.payments) && !later(c.logs))
        return c;
    copy = c;
    const auto drop = [&](auto& list) {
        std::erase_if(list, [&](const auto& x) { return after(x.date, until); });
    };
    drop(copy->purchases);
    drop(copy->payments);
    drop(copy->logs);
    return *copy;
}

// Rows with the same key summed; the largest amount first, ties by key.
void sum_by_key(std::vector<Sum>& rows, bool by_amount) {
    std::map<std::string, Sum> sums;
    for (Sum& row : rows) {
        auto [at, fresh] = sums.try_emplace(row.key, Sum{row.key, {}, 0, 0});
        at->second.amount += row.amount;
        at->second.count += row.count;
        at->second.qty += row.qty;
    }
    rows.clear();
    for (auto& [key, sum] : sums)
        rows.push_back(std::move(sum));
    if (by_amount)
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Sum& a, const Sum& b) { return a.amount > b.amount; });
}

// Every month from since's to until's, those without sales included.
void fill_months(std::vector<Sum>& months, Date since, Date until) {
    std::map<std::string, Sum> by_month;
    for (Sum& m : months)
        by_month[m.key] = std::move(m);
    months.clear();
    const date::year_month last{date::year_month_day{until}.year(),
                                date::year_month_day{until}.month()};
    date::year_month at{date::year_month_day{since}.year(), date::year_month_day{since}.month()};
    for (; at <= last; at += date::months{1}) {
        const std::string key = detail::month_of(Date{at / 1});
        const auto found = by_month.find(key);
        months.push_back(found != by_month.end() ? found->second : Sum{key, {}, 0, 0});
    }
}

void sum_on_time(std::vector<OnTime>& rows, const std::vector<std::string>& order) {
    std::map<std::string, OnTime> sums;
    for (const OnTime& r : rows) {
        OnTime& s = sums.try_emplace(r.key, OnTime{r.key, 0, 0, 0, 0}).first->second;
        s.due += r.due;
        s.on_time += r.on_time;
        s.late += r.late;
        s.missed += r.missed;
    }
    rows.clear();
    for (const std::string& key : order) // the classes in crm.toml's order
        if (auto found = sums.find(key); found != sums.end()) {
            rows.push_back(found->second);
            sums.erase(found);
        }
    for (auto& [key, s] : sums)
        rows.push_back(std::move(s));
}

void average_by_key(std::vector<Average>& rows) {
    std::map<std::string, Average> sums;
    for (const Average& r : rows) {
        Average& s = sums.try_emplace(r.key, Average{r.key, 0, 0}).first->second;
        s.average += r.average; // a sum until divided below
        s.scores += r.scores;
    }
    rows.clear();
    for (auto& [key, s] : sums) {
        s.average /= static_cast<double>(s.scores);
        rows.push_back(std::move(s));
    }
}

// Rows named after crm.toml's classes first, in its order; others after.
void in_class_order(std::vector<Sum>& rows, const std::vector<std::string>& order) {
    const auto rank = [&](const Sum& row) {
        return std::find(order.begin(), order.end(), row.key) - order.begin();
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Sum& a, const Sum& b) { return rank(a) < rank(b); });
}

template <class T> void append(std::vector<T>& to, std::vector<T>&& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

std::vector<std::string> class_names(const Settings& s) {
    std::vector<std::string> out;
    for (const ClassCadence& c : s.classes)
        out.push_back(c.name);
    return out;
}

} // namespace

std::optional<double> on_time_share(const OnTime& t) {
    if (t.due == 0)
        return std::nullopt;
    return static_cast<double>(t.on_time) / static_cast<double>(t.due);
}

std::optional<std::size_t> on_time_percent(const OnTime& t) {
    if (t.due == 0)
        return std::nullopt;
    return (200 * t.on_time + t.due) / (2 * t.due);
}

std::size_t age_bucket(int days) {
    return days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3;
}

ReportBuilder::ReportBuilder(const Settings& s, ReportOptions options)
    : settings_(&s), options_(std::move(options)) {
    report_.since = options_.since;
    report_.until = options_.until;
    report_.money.ageing = {AgeBucket{0, 30, {}, 0}, AgeBucket{31, 60, {}, 0},
                            AgeBucket{61, 90, {}, 0}, AgeBucket{91, std::nullopt, {}, 0}};
}

void ReportBuilder::add(const Customer& customer) {
    if (!matches(customer, options_.filters))
        return;
    std::optional<Customer> copy;
    const Customer& c = as_of(customer, options_.until, copy);
    ++report_.customers;
    detail::add_money(report_.money, c, options_);
    const std::vector<std::size_t> order = detail::logs_by_date(c);
    detail::add_revisits(report_.revisits, c, order, *settings_, options_);
    detail::add_pipeline(report_.pipeline, c, options_);
    detail::add_satisfaction(report_.satisfaction, c, order, options_);
}

void ReportBuilder::join(ReportBuilder&& other) {
    Report& r = report_;
    Report& o = other.report_;
    r.customers += o.customers;
    MoneyReport& m = r.money;
    m.owed += o.money.owed;
    for (std::size_t i = 0; i < m.ageing.size(); ++i) {
        m.ageing[i].amount += o.money.ageing[i].amount;
        m.ageing[i].purchases += o.money.ageing[i].purchases;
    }
    append(m.owed_by_customer, std::move(o.money.owed_by_customer));
    append(m.owed_by_seller, std::move(o.money.owed_by_seller));
    m.collected += o.money.collected;
    append(m.collected_by, std::move(o.money.collected_by));
    m.sales += o.money.sales;
    m.sale_count += o.money.sale_count;
    append(m.sales_by_product, std::move(o.money.sales_by_product));
    append(m.sales_by_seller, std::move(o.money.sales_by_seller));
    append(m.sales_by_month, std::move(o.money.sales_by_month));
    append(r.revisits.by_owner, std::move(o.revisits.by_owner));
    append(r.revisits.by_class, std::move(o.revisits.by_class));
    append(r.revisits.overdue, std::move(o.revisits.overdue));
    append(r.revisits.too_sticky, std::move(o.revisits.too_sticky));
    append(r.pipeline.classes, std::move(o.pipeline.classes));
    append(r.pipeline.moves, std::move(o.pipeline.moves));
    append(r.satisfaction.by_owner, std::move(o.satisfaction.by_owner));
    append(r.satisfaction.handovers, std::move(o.satisfaction.handovers));
}

Report ReportBuilder::finish() && {
    Report r = std::move(report_);
    MoneyReport& m = r.money;
    std::sort(m.owed_by_customer.begin(), m.owed_by_customer.end(),
              [](const OwedCustomer& a, const OwedCustomer& b) {
                  return a.amount != b.amount ? a.amount > b.amount : a.id < b.id;
              });
    for (auto* rows : {&m.owed_by_seller, &m.collected_by, &m.sales_by_product, &m.sales_by_seller})
        sum_by_key(*rows, true);
    sum_by_key(m.sales_by_month, false);
    fill_months(m.sales_by_month, r.since, r.until);
    sum_on_time(r.revisits.by_owner, {});
    sum_on_time(r.revisits.by_class, class_names(*settings_));
    std::sort(r.revisits.overdue.begin(), r.revisits.overdue.end(),
              [](const Overdue& a, const Overdue& b) {
                  return a.days != b.days ? a.days > b.days : a.id < b.id;
              });
    std::sort(r.revisits.too_sticky.begin(), r.revisits.too_sticky.end(),
              [](const Sticky& a, const Sticky& b) {
                  return a.contacts != b.contacts ? a.contacts > b.contacts : a.id < b.id;
              });
    sum_by_key(r.pipeline.classes, false);
    in_class_order(r.pipeline.classes, class_names(*settings_));
    const auto by_date_id = [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    };
    std::stable_sort(r.pipeline.moves.begin(), r.pipeline.moves.end(), by_date_id);
    average_by_key(r.satisfaction.by_owner);
    std::stable_sort(r.satisfaction.handovers.begin(), r.satisfaction.handovers.end(), by_date_id);
    return r;
}

} // namespace crm
