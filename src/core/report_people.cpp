// crm report's pipeline (customers per class, and their moves) and
// satisfaction (by owner, and before and after each handover).

#include "report_parts.hpp"

namespace crm::detail {

namespace {

// The mean of the scores of logs[from, to) by date: {sum, count}.
struct Scores {
    unsigned sum = 0;
    std::size_t count = 0;
    std::optional<double> mean() const {
        if (count == 0)
            return std::nullopt;
        return static_cast<double>(sum) / static_cast<double>(count);
    }
};

Scores scores_between(const Customer& c, const std::vector<std::size_t>& order, std::size_t from,
                      std::size_t to) {
    Scores out;
    for (std::size_t k = from; k < to; ++k)
        if (const auto score = c.logs[order[k]].satisfaction) {
            out.sum += *score;
            ++out.count;
        }
    return out;
}

void add_handovers(SatisfactionReport& r, const Customer& c, const std::vector<std::size_t>& order,
                   const ReportOptions& o) {
    std::size_t end = 0; // order[0, end) are the logs up to `until`
    while (end < order.size() && c.logs[order[end]].date <= o.until)
        ++end;
    std::size_t previous = 0; // where the scores before this handover start
    for (std::size_t k = 0; k < end; ++k) {
        const LogEntry& e = c.logs[order[k]];
        if (e.kind != "handover")
            continue;
        std::size_t next = k + 1;
        while (next < end && c.logs[order[next]].kind != "handover")
            ++next;
        const Scores before = scores_between(c, order, previous, k);
        const Scores after = scores_between(c, order, k + 1, next);
        r.handovers.push_back({c.id, c.name, e.date, e.owner_was,
                               e.owner_to.empty() ? c.owner : e.owner_to, before.mean(),
                               before.count, after.mean(), after.count});
        previous = k + 1;
    }
}

} // namespace

void add_pipeline(PipelineReport& p, const Customer& c, const ReportOptions& o) {
    p.classes.push_back({c.class_name, {}, 1, 0});
    for (const LogEntry& e : c.logs)
        if (!e.class_to.empty() && o.since <= e.date && e.date <= o.until)
            p.moves.push_back({c.id, c.name, e.date, e.class_was, e.class_to});
}

void add_satisfaction(SatisfactionReport& r, const Customer& c,
                      const std::vector<std::size_t>& order, const ReportOptions& o) {
    for (const LogEntry& e : c.logs)
        if (e.satisfaction && o.since <= e.date && e.date <= o.until)
            r.by_owner.push_back({c.owner, static_cast<double>(*e.satisfaction), 1});
    add_handovers(r, c, order, o);
}

} // namespace crm::detail
