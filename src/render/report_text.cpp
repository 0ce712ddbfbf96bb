#include "report_text.hpp"

#include "bars.hpp"
#include "crm/text.hpp"
#include "table_text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::render {

namespace {

constexpr std::size_t kBar = 20;

std::string who(std::string_view name) {
    return name.empty() ? std::string("(nobody)") : visible(name);
}

std::string customer(const std::string& name, const std::string& id) {
    return fmt::format("{} ({})", visible(name), visible(id));
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string amount(Money m, const Settings& s) {
    return s.currency.empty() ? format_money(m) : format_money(m) + " " + visible(s.currency);
}

std::string percent(const OnTime& t) {
    const auto p = on_time_percent(t);
    return p ? fmt::format("{}%", *p) : std::string("-");
}

std::string bucket_name(const AgeBucket& b) {
    return b.to ? fmt::format("{}–{} days", b.from, *b.to)
                : fmt::format("over {} days", b.from - 1);
}

double largest(const std::vector<Sum>& rows) {
    Money top;
    for (const Sum& r : rows)
        top = std::max(top, r.amount);
    return static_cast<double>(top.cents);
}

std::string sums(const std::vector<Sum>& rows, std::string_view what, bool bars) {
    TextTable t{{}, {false, true, false, false}, "    "};
    const double top = largest(rows);
    for (const Sum& r : rows)
        t.rows.push_back({who(r.key), format_money(r.amount),
                          plural(r.count, what, std::string(what) + "s"),
                          bars ? bar(static_cast<double>(r.amount.cents), top, kBar) : ""});
    return rows.empty() ? "    none\n" : render_table(t);
}

std::string owed(const MoneyReport& m, const Report& r, const Settings& s) {
    std::string out = fmt::format("Owed on {}: {}\n", format_date(r.until), amount(m.owed, s));
    TextTable ages{{}, {false, true, false, false}, "  "};
    Money top;
    for (const AgeBucket& b : m.ageing)
        top = std::max(top, b.amount);
    for (const AgeBucket& b : m.ageing)
        ages.rows.push_back(
            {bucket_name(b), format_money(b.amount),
             bar(static_cast<double>(b.amount.cents), static_cast<double>(top.cents), kBar),
             b.purchases ? plural(b.purchases, "purchase", "purchases") : ""});
    out += render_table(ages) + "  By customer\n";
    TextTable t{{}, {false, false, true, false}, "    "};
    for (const OwedCustomer& c : m.owed_by_customer)
        t.rows.push_back({customer(c.name, c.id), who(c.owner), format_money(c.amount),
                          fmt::format("since {}, {}", format_date(c.oldest),
                                      plural(static_cast<std::size_t>(c.days), "day", "days"))});
    out += m.owed_by_customer.empty() ? "    none\n" : render_table(t);
    return out + "  By seller\n" + sums(m.owed_by_seller, "purchase", false);
}

std::string sales(const MoneyReport& m, const Report& r, const Settings& s) {
    const std::string period = fmt::format("{} to {}", format_date(r.since), format_date(r.until));
    std::string out = fmt::format("Collected {}: {}\n", period, amount(m.collected, s));
    out += sums(m.collected_by, "payment", false);
    out += fmt::format("Sales {}: {} in {}\n", period, amount(m.sales, s),
                       plural(m.sale_count, "purchase", "purchases"));
    out += "  By product\n" + sums(m.sales_by_product, "purchase", false);
    out += "  By seller\n" + sums(m.sales_by_seller, "purchase", false);
    return out + "  By month\n" + sums(m.sales_by_month, "purchase", true);
}

std::string on_time(const std::vector<OnTime>& rows) {
    if (rows.empty())
        return "    none due\n";
    TextTable t{{}, {false, true, true, false, false}, "    "};
    for (const OnTime& o : rows) {
        const auto share = on_time_share(o);
        t.rows.push_back({who(o.key), fmt::format("{} of {}", o.on_time, o.due), percent(o),
                          gauge(share.value_or(0), 10),
                          fmt::format("{} late, {} missed", o.late, o.missed)});
    }
    return render_table(t);
}

std::string revisits(const RevisitReport& v, const Report& r) {
    std::string out = "\nREVISITS\nDone on time, by owner\n" + on_time(v.by_owner);
    out += "By class\n" + on_time(v.by_class);
    out += fmt::format("Overdue on {}\n", format_date(r.until));
    TextTable late{{}, {}, "    "};
    for (const Overdue& o : v.overdue)
        late.rows.push_back({customer(o.name, o.id), who(o.owner), visible(o.class_name),
                             fmt::format("due {}, {} late", format_date(o.due),
                                         plural(static_cast<std::size_t>(o.days), "day", "days"))});
    out += v.overdue.empty() ? "    none\n" : render_table(late);
    out += "Too sticky: more contacts than the class asks\n";
    TextTable sticky{{}, {}, "    "};
    for (const Sticky& x : v.too_sticky)
        sticky.rows.push_back({customer(x.name, x.id), who(x.owner), visible(x.class_name),
                               fmt::format("{}, at most {} asked",
                                           plural(x.contacts, "contact", "contacts"), x.asked)});
    return out + (v.too_sticky.empty() ? "    none\n" : render_table(sticky));
}

std::string pipeline(const PipelineReport& p) {
    std::string out = "\nPIPELINE\nCustomers by class\n";
    TextTable t{{}, {false, true}, "    "};
    for (const Sum& c : p.classes)
        t.rows.push_back({c.key.empty() ? "(no class)" : visible(c.key), std::to_string(c.count)});
    out += p.classes.empty() ? "    none\n" : render_table(t);
    out += "Moves between classes\n";
    TextTable moves{{}, {}, "    "};
    for (const ClassMove& m : p.moves)
        moves.rows.push_back({format_date(m.date), customer(m.name, m.id),
                              fmt::format("{} → {}", who(m.from), who(m.to))});
    return out + (p.moves.empty() ? "    none\n" : render_table(moves));
}

std::string mean(std::optional<double> m, std::size_t n) {
    return m ? fmt::format("{:.1f} ({})", *m, plural(n, "score", "scores")) : "no score";
}

std::string satisfaction(const SatisfactionReport& s) {
    std::string out = "\nSATISFACTION\nBy owner\n";
    TextTable t{{}, {false, true, false}, "    "};
    for (const Average& a : s.by_owner)
        t.rows.push_back(
            {who(a.key), fmt::format("{:.1f}", a.average), plural(a.scores, "score", "scores")});
    out += s.by_owner.empty() ? "    no score\n" : render_table(t);
    out += "Before and after a handover\n";
    TextTable h{{}, {}, "    "};
    for (const HandoverScores& x : s.handovers)
        h.rows.push_back({format_date(x.date), customer(x.name, x.id),
                          fmt::format("{} → {}", who(x.from), who(x.to)),
                          fmt::format("before {}, after {}", mean(x.before, x.scores_before),
                                      mean(x.after, x.scores_after))});
    return out + (s.handovers.empty() ? "    none\n" : render_table(h));
}

} // namespace

std::string report_text(const Report& r, const Settings& s) {
    std::string out =
        fmt::format("Report {} to {}: {}\n\nMONEY\n", format_date(r.since), format_date(r.until),
                    plural(r.customers, "customer", "customers"));
    out += owed(r.money, r, s);
    out += sales(r.money, r, s);
    out += revisits(r.revisits, r);
    out += pipeline(r.pipeline);
    return out + satisfaction(r.satisfaction);
}

} // namespace crm::render
