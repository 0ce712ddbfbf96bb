// crm list's core: the rows, the search, the filters and the order.

#include "crm/listing.hpp"

#include "crm/names.hpp"
#include "crm/outlook.hpp"
#include "crm/text.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unordered_map>

namespace crm {

namespace {

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return (ch & 0x80) == 0; });
}

char lower(char ch) {
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
}

// `needle` is already lower case.
bool ascii_icontains(std::string_view haystack, std::string_view needle) {
    const auto at = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char h, char n) { return lower(h) == n; });
    return at != haystack.end();
}

// The code point starting at s[i], moving i past it. Files are checked as
// UTF-8 when read; a stray byte only yields a code point no needle holds.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : (b & (0x7Fu >> n));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += n;
    return cp;
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();)
        out.push_back(next_code_point(s, i));
    return out;
}

// `cp` and every character that is the same ignoring case ("é", "É").
std::vector<char32_t> case_variants(char32_t cp) {
    icu::UnicodeSet set(static_cast<UChar32>(cp), static_cast<UChar32>(cp));
    set.closeOver(USET_CASE_INSENSITIVE);
    std::vector<char32_t> out;
    for (std::int32_t r = 0; r < set.getRangeCount(); ++r)
        for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r); ++c)
            out.push_back(static_cast<char32_t>(c));
    return out;
}

icu::Transliterator* to_simplified() {
    // Each thread its own: a Transliterator is not safe to share.
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(
            icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(made) : nullptr;
    }();
    return t.get();
}

// As match.cpp's loose(): case-folded, Traditional written Simplified.
std::string loose(std::string_view s) {
    auto u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
    if (icu::Transliterator* t = to_simplified())
        t->transliterate(u);
    u.foldCase();
    std::string out;
    return u.toUTF8String(out);
}

// For each character a Simplified text may hold, the Traditional characters
// (and punctuation) that the transliterator's rules turn into it, read from
// the rules themselves. Transliterating runs at a few MB/s, so a text is
// transliterated only when it holds, for every character of the needle,
// that character or one of its sources. Null when the rules hold anything
// but plain "abc > xyz;" rules: then every text is transliterated.
using Sources = std::unordered_map<char32_t, std::vector<char32_t>>;

std::optional<Sources> read_sources() {
    icu::Transliterator* t = to_simplified();
    if (!t)
        return Sources{}; // nothing is transliterated: a character is its only source
    icu::UnicodeString rules;
    t->toRules(rules, false);
    std::string text;
    rules.toUTF8String(text);
    Sources out;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        const std::string_view rule = std::string_view(text).substr(start, end - start);
        start = end + 1;
        if (rule.find_first_not_of(" \n\r\t") == std::string_view::npos)
            continue;
        const std::size_t arrow = rule.find(" > ");
        if (arrow == std::string_view::npos || rule.find_first_of("{}[]|$:'\\@&^") != rule.npos)
            return std::nullopt;
        const auto from = code_points(rule.substr(0, arrow));
        for (const char32_t to : code_points(rule.substr(arrow + 3)))
            if (to != ' ' && to != '\n')
                for (const char32_t f : from)
                    if (f != ' ' && f != '\n')
                        out[to].push_back(f);
    }
    return out;
}

const Sources* sources() {
    static const std::optional<Sources> table = read_sources();
    return table ? &*table : nullptr;
}

} // namespace

struct LooseSearch::State {
    std::string needle; // loose form
    bool ascii = false; // the loose form is ASCII: no transliteration needed
    // Sorted (source, bit of each needle character it may become); all bits
    // set in `full`. Empty when there is no prefilter.
    std::vector<std::pair<char32_t, std::uint64_t>> marks;
    std::uint64_t full = 0;
};

LooseSearch::LooseSearch(std::string_view needle) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.needle = is_ascii(needle) ? ascii_lower(needle) : loose(needle);
    s.ascii = is_ascii(s.needle);
    const Sources* table = s.ascii ? nullptr : sources();
    if (!table)
        return;
    std::vector<char32_t> chars = code_points(s.needle);
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    if (chars.size() > 64)
        return;
    // Marks are looked up in the text as written, not case-folded (folding
    // every note would cost more than the search saves): every case variant
    // of a character and of its sources marks it.
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const std::uint64_t bit = std::uint64_t{1} << i;
        s.full |= bit;
        std::vector<char32_t> from = {chars[i]};
        if (const auto found = table->find(chars[i]); found != table->end())
            from.insert(from.end(), found->second.begin(), found->second.end());
        for (const char32_t f : from)
            for (const char32_t variant : case_variants(f))
                s.marks.emplace_back(variant, bit);
    }
    std::sort(s.marks.begin(), s.marks.end());
}

LooseSearch::LooseSearch(LooseSearch&&) noexcept = default;
LooseSearch& LooseSearch::operator=(LooseSearch&&) noexcept = default;
LooseSearch::~LooseSearch() = default;

bool LooseSearch::found_in(std::string_view haystack) const {
    const State& s = *state_;
    if (s.needle.empty())
        return true;
    if (s.ascii)
        return ascii_icontains(haystack, s.needle);
    if (is_ascii(haystack)) // its loose form is ASCII too
        return false;
    if (!s.marks.empty()) {
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < haystack.size() && seen != s.full;) {
            const char32_t cp = next_code_point(haystack, i);
            const auto at = std::lower_bound(s.marks.begin(), s.marks.end(),
                                             std::pair<char32_t, std::uint64_t>{cp, 0});
            for (auto m = at; m != s.marks.end() && m->first == cp; ++m)
                seen |= m->second;
        }
        if (seen != s.full)
            return false;
    }
    return loose(haystack).find(s.needle) != std::string::npos;
}

bool loose_contains(std::string_view haystack, std::string_view needle) {
    return LooseSearch(needle).found_in(haystack);
}

bool grep_matches(const Customer& c, const LooseSearch& search) {
    const auto in = [&](std::string_view field) { return search.found_in(field); };
    // Cheap, short fields first: most searches end at the name.
    const auto any_in = [&](const std::vector<std::string>& fields) {
        return std::any_of(fields.begin(), fields.end(), in);
    };
    if (in(c.name) || in(c.id) || any_in(c.phones) || any_in(c.emails) || in(c.prefers))
        return true;
    if (any_in(c.tags) || in(c.notes))
        return true;
    if (std::any_of(c.people.begin(), c.people.end(), [&](const Person& p) {
            return in(p.name) || any_in(p.phones) || any_in(p.emails);
        }))
        return true;
    return std::any_of(c.logs.begin(), c.logs.end(), [&](const auto& e) { return in(e.note); }) ||
           std::any_of(c.purchases.begin(), c.purchases.end(),
                       [&](const auto& p) { return in(p.note); }) ||
           std::any_of(c.payments.begin(), c.payments.end(),
                       [&](const auto& p) { return in(p.note); });
}

bool is_dormant(const Customer& c, int days, Date today) {
    const LogEntry* last = last_contact(c);
    return !last || (today - last->date).count() >= days;
}

std::optional<Date> next_due(const Customer& c, const Settings& s, Date today) {
    // In date order: the first is the earliest, an overdue one included.
    const std::vector<Reason> coming = coming_for(c, s, today);
    if (coming.empty())
        return std::nullopt;
    return coming.front().date;
}

ListRow row_of(const Customer& c, const Settings& s, Date today) {
    ListRow r{c.id,     c.name, c.class_name, c.owner, c.contacts, c.region,   c.phones,
              c.emails, c.tags, c.path,       {},      {},         balance(c), lifetime_value(c)};
    if (const LogEntry* last = last_contact(c))
        r.last_contact = last->date;
    r.next_due = next_due(c, s, today);
    r.people = c.people;
    return r;
}

std::optional<ListSort> parse_list_sort(std::string_view name) {
    static const std::pair<std::string_view, ListSort> names[] = {{"name", ListSort::name},
                                                                  {"value", ListSort::value},
                                                                  {"last", ListSort::last},
                                                                  {"next", ListSort::next},
                                                                  {"balance", ListSort::balance}};
    for (const auto& [n, sort] : names)
        if (n == name)
            return sort;
    return std::nullopt;
}

bool narrows(const ListOptions& o) {
    const Filters& f = o.filters;
    return !f.owners.empty() || !f.regions.empty() || !f.tags.empty() || !f.classes.empty() ||
           o.grep.has_value() || o.dormant.has_value();
}

namespace {

// Negative when a comes first by the key alone; 0 for a tie.
int compare_by(const ListRow& a, const ListRow& b, ListSort key) {
    const auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (key) {
    case ListSort::name:
        return 0;
    case ListSort::value:
        return three_way(b.value, a.value);
    case ListSort::balance:
        return three_way(b.balance, a.balance);
    case ListSort::last: // nullopt (never) sorts before every date
        return three_way(a.last_contact, b.last_contact);
    case ListSort::next:
        if (a.next_due.has_value() != b.next_due.has_value())
            return a.next_due ? -1 : 1;
        return three_way(a.next_due, b.next_due);
    }
    return 0;
}

} // namespace

void sort_rows(std::vector<ListRow>& rows, ListSort sort) {
    std::vector<std::string_view> names;
    names.reserve(rows.size());
    for (const ListRow& r : rows)
        names.push_back(r.name);
    const std::vector<std::string> keys = collation_keys(names);
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (const int by = compare_by(rows[a], rows[b], sort))
            return by < 0;
        if (const int by_name = keys[a].compare(keys[b]))
            return by_name < 0;
        return rows[a].id < rows[b].id;
    });
    std::vector<ListRow> sorted;
    sorted.reserve(rows.size());
    for (const std::size_t i : order)
        sorted.push_back(std::move(rows[i]));
    rows = std::move(sorted);
}

struct ListBuilder::State {
    const Settings& settings;
    ListOptions options;
    Date today;
    std::optional<LooseSearch> search;
    Listing listing;
};

ListBuilder::ListBuilder(const Settings& settings, const ListOptions& options, Date today)
    : state_(std::make_unique<State>(State{settings, options, today, {}, {}})) {
    if (options.grep)
        state_->search.emplace(*options.grep);
    state_->listing.today = today;
    state_->listing.filtered = narrows(options);
}

ListBuilder::ListBuilder(ListBuilder&&) noexcept = default;
ListBuilder& ListBuilder::operator=(ListBuilder&&) noexcept = default;
ListBuilder::~ListBuilder() = default;

void ListBuilder::add(const Customer& c) {
    State& s = *state_;
    ++s.listing.total;
    // Cheapest tests first: the search may transliterate notes.
    if (!matches(c, s.options.filters))
        return;
    if (s.options.dormant && !is_dormant(c, *s.options.dormant, s.today))
        return;
    if (s.search && !grep_matches(c, *s.search))
        return;
    s.listing.rows.push_back(row_of(c, s.settings, s.today));
}

void ListBuilder::join(ListBuilder&& other) {
    Listing& mine = state_->listing;
    Listing& theirs = other.state_->listing;
    mine.total += theirs.total;
    std::move(theirs.rows.begin(), theirs.rows.end(), std::back_inserter(mine.rows));
    theirs.rows.clear();
    theirs.total = 0;
}

Listing ListBuilder::finish() && {
    sort_rows(state_->listing.rows, state_->options.sort);
    return std::move(state_->listing);
}

} // namespace crm
