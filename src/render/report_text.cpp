#include "report_text.hpp"

#include "bars.hpp"
#include "crm/i18n.hpp"
#include "crm/text.hpp"
#include "phrases.hpp"
#include "table_text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::render {

namespace {

constexpr std::size_t kBar = 20;

std::string who(std::string_view name) {
    return name.empty() ? std::string(tr("(nobody)")) : visible(name);
}

std::string customer(const std::string& name, const std::string& id) {
    return trf("{} ({})", visible(name), visible(id));
}

using Counted = std::string (*)(std::size_t);

std::string purchases(std::size_t n) {
    return trnf("{} purchase", "{} purchases", n, n);
}

std::string payments(std::size_t n) {
    return trnf("{} payment", "{} payments", n, n);
}

std::string scores(std::size_t n) {
    return trnf("{} score", "{} scores", n, n);
}

std::string amount(Money m, const Settings& s) {
    return s.currency.empty() ? format_money(m) : format_money(m) + " " + visible(s.currency);
}

std::string percent(const OnTime& t) {
    const auto p = on_time_percent(t);
    return p ? fmt::format("{}%", *p) : std::string("-");
}

std::string bucket_name(const AgeBucket& b) {
    return b.to ? trf("{}–{} days", b.from, *b.to) : trf("over {} days", b.from - 1);
}

// "    none": an empty table.
std::string none() {
    return std::string("    ") + tr("none") + "\n";
}

double largest(const std::vector<Sum>& rows) {
    Money top;
    for (const Sum& r : rows)
        top = std::max(top, r.amount);
    return static_cast<double>(top.cents);
}

std::string sums(const std::vector<Sum>& rows, Counted what, bool bars) {
    TextTable t{{}, {false, true, false, false}, "    "};
    const double top = largest(rows);
    for (const Sum& r : rows)
        t.rows.push_back({who(r.key), format_money(r.amount), what(r.count),
                          bars ? bar(static_cast<double>(r.amount.cents), top, kBar) : ""});
    return rows.empty() ? none() : render_table(t);
}

std::string owed(const MoneyReport& m, const Report& r, const Settings& s) {
    std::string out = trf("Owed on {}: {}\n", format_date(r.until), amount(m.owed, s));
    TextTable ages{{}, {false, true, false, false}, "  "};
    Money top;
    for (const AgeBucket& b : m.ageing)
        top = std::max(top, b.amount);
    for (const AgeBucket& b : m.ageing)
        ages.rows.push_back(
            {bucket_name(b), format_money(b.amount),
             bar(static_cast<double>(b.amount.cents), static_cast<double>(top.cents), kBar),
             b.purchases ? purchases(b.purchases) : ""});
    out += render_table(ages) + tr("  By customer\n");
    TextTable t{{}, {false, false, true, false}, "    "};
    for (const OwedCustomer& c : m.owed_by_customer)
        t.rows.push_back({customer(c.name, c.id), who(c.owner), format_money(c.amount),
                          trf("since {}, {}", format_date(c.oldest), days(c.days))});
    out += m.owed_by_customer.empty() ? none() : render_table(t);
    return out + tr("  By seller\n") + sums(m.owed_by_seller, purchases, false);
}

std::string sales(const MoneyReport& m, const Report& r, const Settings& s) {
    const std::string period = trf("{} to {}", format_date(r.since), format_date(r.until));
    std::string out = trf("Collected {}: {}\n", period, amount(m.collected, s));
    out += sums(m.collected_by, payments, false);
    out += trf("Sales {}: {} in {}\n", period, amount(m.sales, s), purchases(m.sale_count));
    out += tr("  By product\n") + sums(m.sales_by_product, purchases, false);
    out += tr("  By seller\n") + sums(m.sales_by_seller, purchases, false);
    return out + tr("  By month\n") + sums(m.sales_by_month, purchases, true);
}

std::string on_time(const std::vector<OnTime>& rows) {
    if (rows.empty())
        return std::string("    ") + tr("none due") + "\n";
    TextTable t{{}, {false, true, true, false, false}, "    "};
    for (const OnTime& o : rows) {
        const auto share = on_time_share(o);
        t.rows.push_back({who(o.key), trf("{} of {}", o.on_time, o.due), percent(o),
                          gauge(share.value_or(0), 10),
                          trf("{} late, {} missed", o.late, o.missed)});
    }
    return render_table(t);
}

std::string revisits(const RevisitReport& v, const Report& r) {
    std::string out = tr("\nREVISITS\nDone on time, by owner\n") + on_time(v.by_owner);
    out += tr("By class\n") + on_time(v.by_class);
    out += trf("Overdue on {}\n", format_date(r.until));
    TextTable late{{}, {}, "    "};
    for (const Overdue& o : v.overdue)
        late.rows.push_back({customer(o.name, o.id), who(o.owner), visible(o.class_name),
                             trf("due {}, {}", format_date(o.due), days_late(o.days))});
    out += v.overdue.empty() ? none() : render_table(late);
    out += tr("Too sticky: more contacts than the class asks\n");
    TextTable sticky{{}, {}, "    "};
    for (const Sticky& x : v.too_sticky)
        sticky.rows.push_back({customer(x.name, x.id), who(x.owner), visible(x.class_name),
                               trnf("{} contact, at most {} asked", "{} contacts, at most {} asked",
                                    x.contacts, x.contacts, x.asked)});
    return out + (v.too_sticky.empty() ? none() : render_table(sticky));
}

std::string pipeline(const PipelineReport& p) {
    std::string out = tr("\nPIPELINE\nCustomers by class\n");
    TextTable t{{}, {false, true}, "    "};
    for (const Sum& c : p.classes)
        t.rows.push_back(
            {c.key.empty() ? tr("(no class)") : visible(c.key), std::to_string(c.count)});
    out += p.classes.empty() ? none() : render_table(t);
    out += tr("Moves between classes\n");
    TextTable moves{{}, {}, "    "};
    for (const ClassMove& m : p.moves)
        moves.rows.push_back({format_date(m.date), customer(m.name, m.id),
                              fmt::format("{} → {}", who(m.from), who(m.to))});
    return out + (p.moves.empty() ? none() : render_table(moves));
}

std::string mean(std::optional<double> m, std::size_t n) {
    return m ? fmt::format("{:.1f} ({})", *m, scores(n)) : tr("no score");
}

std::string satisfaction(const SatisfactionReport& s) {
    std::string out = tr("\nSATISFACTION\nBy owner\n");
    TextTable t{{}, {false, true, false}, "    "};
    for (const Average& a : s.by_owner)
        t.rows.push_back({who(a.key), fmt::format("{:.1f}", a.average), scores(a.scores)});
    out += s.by_owner.empty() ? std::string("    ") + tr("no score") + "\n" : render_table(t);
    out += tr("Before and after a handover\n");
    TextTable h{{}, {}, "    "};
    for (const HandoverScores& x : s.handovers)
        h.rows.push_back({format_date(x.date), customer(x.name, x.id),
                          fmt::format("{} → {}", who(x.from), who(x.to)),
                          trf("before {}, after {}", mean(x.before, x.scores_before),
                              mean(x.after, x.scores_after))});
    return out + (s.handovers.empty() ? none() : render_table(h));
}

} // namespace

std::string report_text(const Report& r, const Settings& s) {
    std::string out =
        trnf("Report {} to {}: {} customer\n\nMONEY\n", "Report {} to {}: {} customers\n\nMONEY\n",
             r.customers, format_date(r.since), format_date(r.until), r.customers);
    out += owed(r.money, r, s);
    out += sales(r.money, r, s);
    out += revisits(r.revisits, r);
    out += pipeline(r.pipeline);
    return out + satisfaction(r.satisfaction);
}

} // namespace crm::render
