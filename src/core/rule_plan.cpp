// Plan: a contact planned ahead ([[plan]]), due on its date and overdue after
// it, until a contact of its kind is logged on or after that day or a log
// marked done closes it.

#include "crm/i18n.hpp"
#include "crm/outlook.hpp"
#include "rules.hpp"

#include <algorithm>

namespace crm {

namespace {

char lower(char ch) {
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

// A log without a kind is a visit, as `crm log` writes one by default.
bool same_kind(std::string_view log_kind, std::string_view plan_kind) {
    if (log_kind.empty())
        log_kind = "visit";
    return log_kind.size() == plan_kind.size() &&
           std::equal(log_kind.begin(), log_kind.end(), plan_kind.begin(),
                      [](char a, char b) { return lower(a) == lower(b); });
}

void by_date(std::vector<std::size_t>& order, std::size_t n, const auto& date_of) {
    order.clear();
    for (std::size_t i = 0; i < n; ++i)
        order.push_back(i);
    rules::small_sort(order, [&](std::size_t a, std::size_t b) { return date_of(a) < date_of(b); });
}

// What one log closes: every open plan of its kind due by the log's day;
// a done log that closes none so closes the next open plan of its kind (a
// visit done early), else the next open plan of any kind, among the plans
// written above it: entries are appended, so a plan made after the contact
// is never taken as done by it.
void apply_log(const Customer& c, const LogEntry& log, rules::Scratch& s) {
    bool any = false;
    for (const std::size_t p : s.plans)
        if (!s.closed[p] && c.plans[p].date <= log.date && same_kind(log.kind, c.plans[p].kind)) {
            s.closed[p] = true;
            any = true;
        }
    if (!log.done || any)
        return;
    const auto open = [&](bool kind_only) {
        return std::find_if(s.plans.begin(), s.plans.end(), [&](std::size_t p) {
            return !s.closed[p] && c.plans[p].line <= log.line &&
                   (!kind_only || same_kind(log.kind, c.plans[p].kind));
        });
    };
    auto next = open(true);
    if (next == s.plans.end())
        next = open(false);
    if (next != s.plans.end())
        s.closed[*next] = true;
}

} // namespace

std::string plan_text(const PlanEntry& p) {
    std::string out = trf("planned {}", spoken_log_kind(p.kind.empty() ? "visit" : p.kind));
    if (!p.with.empty()) {
        std::string names = p.with[0];
        for (std::size_t i = 1; i < p.with.size(); ++i)
            names += rules::cat({tr(", "), p.with[i]});
        out += trf(" with {}", names);
    }
    const std::string_view note = p.note;
    const std::size_t start = note.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return out;
    const std::string_view rest = note.substr(start);
    const std::size_t end = std::min(rest.find_first_of("\r\n"), rest.size());
    out += trf(": {}", rest.substr(0, end));
    if (rest.find_first_not_of(" \t\r\n", end) != std::string_view::npos)
        out += " …";
    return out;
}

namespace rules {

void open_plans(const Customer& c, Scratch& s) {
    s.plans.clear();
    if (c.plans.empty())
        return;
    by_date(s.plans, c.plans.size(), [&](std::size_t i) { return c.plans[i].date; });
    logs_by_date(c, s.logs);
    s.closed.assign(c.plans.size(), false);
    for (const std::size_t l : s.logs)
        apply_log(c, c.logs[l], s);
    std::erase_if(s.plans, [&](std::size_t p) { return s.closed[p]; });
}

void add_plans(const Customer& c, const Context& ctx, Scratch& scratch, std::vector<Reason>& out) {
    if (c.plans.empty())
        return;
    open_plans(c, scratch);
    for (const std::size_t i : scratch.plans) {
        const PlanEntry& p = c.plans[i];
        if (p.date <= ctx.horizon_end) {
            out.push_back(make_reason(Kind::plan, p.date, ctx.today, plan_text(p)));
            out.back().key = rules::cat({format_date(p.date), ".", key_part(p.kind)});
        }
    }
}

} // namespace rules

} // namespace crm
