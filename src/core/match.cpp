// Finding a customer from what the user typed. The stages go from exact to
// loose, and the first stage that finds anyone wins, so typing an id never
// becomes ambiguous because the same letters occur in other names.

#include "crm/match.hpp"

#include "crm/names.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace crm {

namespace {

// 張偉 typed on a mainland keyboard is 张伟; both must find the customer.
std::string simplified(std::string_view s) {
    thread_local std::unique_ptr<icu::Transliterator> to_simplified = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(
            icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    if (!to_simplified)
        return std::string(s);
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    to_simplified->transliterate(u);
    std::string out;
    return u.toUTF8String(out);
}

std::string loose(std::string_view s) {
    return fold_case(simplified(s));
}

// "customers/zhang-wei.toml" and "zhang-wei.toml" name the id too: shells
// complete file names.
bool looks_like_phone(std::string_view q) {
    const auto digits =
        std::count_if(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    return q.find_first_not_of("0123456789 +-().") == std::string_view::npos && digits >= 4 &&
           !phone_digits(q).empty();
}

// Whether `query` digits occur in any of the numbers in `phone` (one field
// may hold several: "0912 345 678 / 02 2345 6789").
bool phone_contains(std::string_view phone, std::string_view digits) {
    std::size_t start = 0;
    while (start <= phone.size()) {
        const std::size_t end = std::min(phone.find_first_of(",;/", start), phone.size());
        if (phone_digits(phone.substr(start, end - start)).find(digits) != std::string::npos)
            return true;
        start = end + 1;
    }
    return false;
}

// A stage's test on the customer's own fields (`person` nullopt) or on its
// person number `person`.
using Test = std::function<bool(const Candidate&, std::size_t, std::optional<std::size_t>)>;

// The candidates a stage finds, each once: by its own fields, else by the
// first of its people that passes.
Match where(const std::vector<Candidate>& cs, MatchBy by, const Test& test) {
    Match out;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        std::optional<std::string> via;
        if (test(cs[i], i, std::nullopt))
            via = "";
        for (std::size_t k = 0; !via && k < cs[i].people.size(); ++k)
            if (test(cs[i], i, k))
                via = cs[i].people[k].name;
        if (via) {
            out.found.push_back(i);
            out.via.push_back(std::move(*via));
        }
    }
    if (!out.found.empty())
        out.by = by;
    return out;
}

// The words of a name or id, for suggesting "zhang-wei" for "zhnag".
std::vector<std::string> parts(const std::string& s) {
    std::vector<std::string> out{s};
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = std::min(s.find_first_of(" -_", start), s.size());
        if (end > start && (start > 0 || end < s.size()))
            out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::vector<std::size_t> nearest(const std::vector<Candidate>& cs, const std::string& q) {
    std::vector<std::pair<std::size_t, std::size_t>> scored; // distance, index
    const std::size_t length = char_count(q);
    for (std::size_t i = 0; i < cs.size(); ++i) {
        std::size_t best = SIZE_MAX;
        for (const std::string& whole : {loose(cs[i].name), loose(cs[i].id)})
            for (const std::string& part : parts(whole))
                best = std::min(best, edit_distance(q, part));
        if (best <= 2 && best * 2 <= length)
            scored.emplace_back(best, i);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < scored.size() && k < 3; ++k)
        out.push_back(scored[k].second);
    return out;
}

// The loose forms of the candidates' names and their people's, made on
// first use: most queries end at the id or the exact name.
class LooseNames {
  public:
    explicit LooseNames(const std::vector<Candidate>& cs) : cs_(cs) {}

    const std::string& query(const std::string& q) {
        query_ = loose(q);
        return query_;
    }

    const std::string& of(std::size_t i, std::optional<std::size_t> person) {
        if (first_.empty()) {
            first_.reserve(cs_.size());
            for (const Candidate& c : cs_) {
                first_.push_back(names_.size());
                names_.push_back(loose(c.name));
                for (const Candidate::Person& p : c.people)
                    names_.push_back(loose(p.name));
            }
        }
        return names_[first_[i] + (person ? *person + 1 : 0)];
    }

  private:
    const std::vector<Candidate>& cs_;
    std::string query_;
    // Flat, so that a folder of 100,000 customers makes one string each:
    // candidate i's name is names_[first_[i]], its people's follow.
    std::vector<std::string> names_;
    std::vector<std::size_t> first_;
};

} // namespace

Candidate candidate_of(const Customer& c) {
    Candidate out{c.id, c.name, c.region, c.phones};
    for (const Person& p : c.people)
        out.people.push_back({p.name, p.phones});
    return out;
}

std::string_view id_in_query(std::string_view query) {
    query = query.substr(0, query.find_last_not_of(" \t") + 1);
    if (query.starts_with("customers/"))
        query.remove_prefix(10);
    if (query.ends_with(".toml"))
        query.remove_suffix(5);
    return query;
}

Match match_customer(const std::vector<Candidate>& cs, std::string_view query) {
    const std::string q(query.substr(0, query.find_last_not_of(" \t") + 1));
    if (q.empty())
        return {};
    const std::string_view id = id_in_query(q);
    // Loose forms need ICU's transliterator, slow to load (tens of ms): they
    // are made only when the strict stages fail.
    LooseNames loose_names(cs);
    const std::string* lq = nullptr;
    const auto loose_name = [&](std::size_t i,
                                std::optional<std::size_t> person) -> const std::string& {
        if (!lq)
            lq = &loose_names.query(q);
        return loose_names.of(i, person);
    };
    const auto name_of = [&](const Candidate& c, std::optional<std::size_t> person) {
        return person ? std::string_view(c.people[*person].name) : std::string_view(c.name);
    };
    const auto phones_of = [&](const Candidate& c, std::optional<std::size_t> person)
        -> const std::vector<std::string>& { return person ? c.people[*person].phones : c.phones; };
    const std::vector<std::pair<MatchBy, Test>> stages = {
        {MatchBy::id, [&](const Candidate& c, std::size_t,
                          std::optional<std::size_t> person) { return !person && c.id == id; }},
        {MatchBy::name, [&](const Candidate& c, std::size_t,
                            std::optional<std::size_t> person) { return name_of(c, person) == q; }},
        {MatchBy::name_folded,
         [&](const Candidate& c, std::size_t i, std::optional<std::size_t> person) {
             const std::string& name = loose_name(i, person); // sets lq first
             return name == *lq || (!person && ascii_lower(c.id) == ascii_lower(id));
         }},
        {MatchBy::substring,
         [&](const Candidate& c, std::size_t i, std::optional<std::size_t> person) {
             const std::string& name = loose_name(i, person);
             return name.find(*lq) != std::string::npos ||
                    (!person && c.id.find(ascii_lower(q)) != std::string::npos);
         }},
        {MatchBy::phone,
         [&](const Candidate& c, std::size_t, std::optional<std::size_t> person) {
             if (!looks_like_phone(q))
                 return false;
             const std::string digits = phone_digits(q);
             return std::any_of(phones_of(c, person).begin(), phones_of(c, person).end(),
                                [&](const std::string& p) { return phone_contains(p, digits); });
         }},
    };
    for (const auto& [by, test] : stages)
        if (Match m = where(cs, by, test); !m.found.empty())
            return m;
    return {{}, std::nullopt, nearest(cs, loose(q))};
}

std::string phone_digits(std::string_view phone) {
    std::string out;
    for (const char ch : phone)
        if (ch >= '0' && ch <= '9' && !(out.empty() && ch == '0'))
            out += ch;
    return out;
}

bool same_phone(std::string_view a, std::string_view b) {
    const std::string x = phone_digits(a);
    const std::string y = phone_digits(b);
    if (x.size() < 4 || y.size() < 4)
        return false;
    const std::string& shorter = x.size() < y.size() ? x : y;
    const std::string& longer = x.size() < y.size() ? y : x;
    // "+886 912 345 678" is "0912 345 678" with the country code: compare the
    // national number, which has at least 7 digits wherever people live.
    return x == y || (shorter.size() >= 7 && longer.ends_with(shorter));
}

} // namespace crm
