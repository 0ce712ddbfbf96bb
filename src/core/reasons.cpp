// crm reasons: the customers' words, by the question they answer.

#include "crm/reasons.hpp"

#include "crm/names.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace crm {

namespace {

bool wanted(const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool has_theme(const LogEntry& e, const std::vector<std::string>& themes) {
    if (themes.empty())
        return true;
    return std::any_of(e.themes.begin(), e.themes.end(), [&](const std::string& t) {
        return std::any_of(themes.begin(), themes.end(),
                           [&](const std::string& w) { return theme_key(t) == theme_key(w); });
    });
}

bool newest_first(const Quote& a, const Quote& b) {
    if (a.date != b.date)
        return a.date > b.date;
    return a.id != b.id ? a.id < b.id : a.line > b.line;
}

std::vector<ThemeCount> count_themes(const std::vector<Quote>& quotes) {
    std::map<std::string, std::size_t> counts;
    std::vector<std::string> once; // a theme written twice in one log counts once
    for (const Quote& q : quotes) {
        once.clear();
        for (const std::string& t : q.themes) {
            std::string key = theme_key(t);
            if (key.empty() || std::find(once.begin(), once.end(), key) != once.end())
                continue;
            ++counts[key];
            once.push_back(std::move(key));
        }
    }
    std::vector<ThemeCount> out;
    for (const auto& [theme, n] : counts)
        out.push_back({theme, n});
    std::stable_sort(out.begin(), out.end(),
                     [](const ThemeCount& a, const ThemeCount& b) { return a.count > b.count; });
    return out;
}

// The answers to one question, from its quotes (newest first).
ReasonGroup group_of(const std::string& why, std::vector<Quote>&& tagged) {
    ReasonGroup g{why, {}, 0, count_themes(tagged), 0};
    std::set<std::string_view> customers;
    for (const Quote& q : tagged)
        customers.insert(q.id);
    g.customers = customers.size();
    for (Quote& q : tagged) {
        if (q.said.empty())
            ++g.without_words;
        else
            g.quotes.push_back(std::move(q));
    }
    return g;
}

} // namespace

const std::vector<std::string>& reason_questions() {
    static const std::vector<std::string> questions = {"buy", "keep", "stop"};
    return questions;
}

std::string theme_key(std::string_view theme) {
    const auto first = theme.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return "";
    const auto last = theme.find_last_not_of(" \t");
    return ascii_lower(theme.substr(first, last - first + 1));
}

ReasonsBuilder::ReasonsBuilder(ReasonsOptions options) : options_(std::move(options)) {}

void ReasonsBuilder::add(const Customer& c) {
    if (!matches(c, options_.filters))
        return;
    for (const LogEntry& e : c.logs) {
        if (e.said.empty() && e.why.empty())
            continue;
        if ((options_.since && e.date < *options_.since) || e.date > options_.until)
            continue;
        if (!e.why.empty() && !wanted(reason_questions(), e.why))
            continue; // an unknown `why`, which crm check warns about
        if (!has_theme(e, options_.themes))
            continue;
        if (!e.why.empty() ? !wanted(options_.why, e.why) : !options_.why.empty())
            continue;
        quotes_.push_back({c.id, c.name, c.path, e.date, e.by, e.why, e.said, e.themes, e.line});
    }
}

void ReasonsBuilder::join(ReasonsBuilder&& other) {
    quotes_.insert(quotes_.end(), std::make_move_iterator(other.quotes_.begin()),
                   std::make_move_iterator(other.quotes_.end()));
}

Reasons ReasonsBuilder::finish() && {
    // Sorted as indices, then each quote moved once into its question: a
    // quote is seven strings, too heavy to move around in a sort.
    std::vector<std::size_t> order(quotes_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return newest_first(quotes_[a], quotes_[b]); });
    const std::vector<std::string>& questions = reason_questions();
    std::vector<std::vector<Quote>> by_question(questions.size());
    Reasons out{options_.since, options_.until, {}, {}};
    for (const std::size_t i : order) {
        Quote& q = quotes_[i];
        const auto at = std::find(questions.begin(), questions.end(), q.why);
        if (at == questions.end())
            out.untagged.push_back(std::move(q)); // add() keeps no other `why` but none
        else
            by_question[static_cast<std::size_t>(at - questions.begin())].push_back(std::move(q));
    }
    for (std::size_t k = 0; k < questions.size(); ++k)
        if (wanted(options_.why, questions[k]))
            out.groups.push_back(group_of(questions[k], std::move(by_question[k])));
    return out;
}

} // namespace crm
