// Finding a customer from what the user typed. The stages go from exact to
// loose, and the first stage that finds anyone wins, so typing an id never
// becomes ambiguous because the same letters occur in other names.

#include "crm/match.hpp"

#include "crm/names.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <functional>
#include <memory>
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

using Test = std::function<bool(const Candidate&, std::size_t)>;

std::vector<std::size_t> where(const std::vector<Candidate>& cs, const Test& test) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < cs.size(); ++i)
        if (test(cs[i], i))
            out.push_back(i);
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

} // namespace

Candidate candidate_of(const Customer& c) {
    return {c.id, c.name, c.region, c.phone};
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
    std::string lq;
    std::vector<std::string> names;
    const auto loose_name = [&](std::size_t i) -> const std::string& {
        if (names.empty())
            lq = loose(q);
        for (std::size_t k = names.size(); k < cs.size(); ++k)
            names.push_back(loose(cs[k].name));
        return names[i];
    };
    const std::vector<std::pair<MatchBy, Test>> stages = {
        {MatchBy::id, [&](const Candidate& c, std::size_t) { return c.id == id; }},
        {MatchBy::name, [&](const Candidate& c, std::size_t) { return c.name == q; }},
        {MatchBy::name_folded,
         [&](const Candidate& c, std::size_t i) {
             const std::string& name = loose_name(i); // sets lq first
             return name == lq || ascii_lower(c.id) == ascii_lower(id);
         }},
        {MatchBy::substring,
         [&](const Candidate& c, std::size_t i) {
             const std::string& name = loose_name(i);
             return name.find(lq) != std::string::npos ||
                    c.id.find(ascii_lower(q)) != std::string::npos;
         }},
        {MatchBy::phone,
         [&](const Candidate& c, std::size_t) {
             return looks_like_phone(q) && phone_contains(c.phone, phone_digits(q));
         }},
    };
    for (const auto& [by, test] : stages)
        if (auto found = where(cs, test); !found.empty())
            return {std::move(found), by, {}};
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
