// merge_customer() on random edits of random customers (seeded, so a failure
// repeats): whatever the two sides did, the result parses, holds every entry
// either side added exactly once, loses none that one side changed, drops
// those one side deleted and the other left alone, and has a conflict only
// where both sides changed the same key differently.

#include "crm/merge.hpp"
#include "parses.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <random>
#include <set>
#include <toml++/toml.h>

using namespace crm;

namespace {

using crm::test::parses;

// One [[log]] entry; the note's "bN"/"oN"/"tN" names it in the result.
struct Entry {
    int day = 1;
    std::string by = "amy";
    std::string kind = "visit";
    std::string note;
    bool quoting = false; // a multi-line string whose lines look like a header
    std::string date() const {
        return fmt::format("2026-{:02}-{:02}", 1 + (day - 1) / 28, 1 + (day - 1) % 28);
    }
    std::string text() const {
        return fmt::format("\n[[log]]\ndate = {}\nby = \"{}\"\nkind = \"{}\"\nnote = \"{}\"\n{}",
                           date(), by, kind, note,
                           quoting ? "said = \"\"\"\n[[log]]\nnote = \"x\"\n\"\"\"\n" : "");
    }
};

struct Customer {
    std::string klass = "now";
    std::vector<Entry> entries;
    std::string text() const {
        std::string out = fmt::format("name = \"A\"\nclass = \"{}\"\n", klass);
        for (const Entry& e : entries)
            out += e.text();
        return out;
    }
};

// What one side did to each base entry.
enum class Did { keep, remove, note, kind };

struct Edits {
    Customer customer;
    std::vector<Did> did; // per base entry
    std::vector<std::string> added;
};

Edits edit(const Customer& base, std::mt19937& rng, char side) {
    Edits e;
    e.customer.klass = base.klass;
    std::uniform_int_distribution<int> pick(0, 9);
    for (std::size_t k = 0; k < base.entries.size(); ++k) {
        const int r = pick(rng);
        Entry entry = base.entries[k];
        Did did = r < 5 ? Did::keep : r < 7 ? Did::remove : r < 9 ? Did::note : Did::kind;
        if (did == Did::note)
            entry.note += pick(rng) < 3 ? "-same" : fmt::format("-{}", side);
        if (did == Did::kind)
            entry.kind = pick(rng) < 3 ? "call" : fmt::format("call-{}", side);
        e.did.push_back(did);
        if (did != Did::remove)
            e.customer.entries.push_back(entry);
    }
    for (int n = pick(rng) % 4; n > 0; --n) {
        Entry added{40 + pick(rng), side == 'o' ? "amy" : "ben", "visit",
                    fmt::format("{}{}", side, e.added.size())};
        e.added.push_back(added.note);
        e.customer.entries.push_back(added);
    }
    if (pick(rng) < 3)
        e.customer.klass = pick(rng) < 5 ? "later" : fmt::format("class-{}", side);
    return e;
}

// How many entries of `text` have a note starting `"<note>"` or `"<note>-`.
std::size_t count(const std::string& text, const std::string& note) {
    std::size_t n = 0;
    for (const std::string& form : {"note = \"" + note + "\"", "note = \"" + note + "-"})
        for (std::size_t at = 0; (at = text.find(form, at)) != std::string::npos; ++at)
            ++n;
    return n;
}

std::string crlf(std::string s) {
    for (std::size_t at = 0; (at = s.find('\n', at)) != std::string::npos; at += 2)
        s.insert(at, "\r");
    return s;
}

void check_merge(const Customer& base, const Edits& o, const Edits& t, bool theirs_crlf) {
    const std::string theirs = theirs_crlf ? crlf(t.customer.text()) : t.customer.text();
    const MergeResult r = merge_customer(base.text(), o.customer.text(), theirs);
    REQUIRE_MESSAGE(r.ok(), r.fallback);
    const std::string ours = conflict_side(r.text, Side::ours);
    REQUIRE(parses(ours));
    REQUIRE(parses(conflict_side(r.text, Side::theirs)));
    if (r.conflicts.empty())
        REQUIRE(ours == r.text);
    CHECK(r.text.find('\r') == std::string::npos); // ours' line endings
    std::multiset<std::string> expected;
    if (o.customer.klass != base.klass && t.customer.klass != base.klass &&
        o.customer.klass != t.customer.klass)
        expected.insert("class");
    for (std::size_t k = 0; k < base.entries.size(); ++k) {
        const Did a = o.did[k], b = t.did[k];
        const std::string& note = base.entries[k].note;
        const bool changed = a == Did::note || a == Did::kind || b == Did::note || b == Did::kind;
        const bool removed = a == Did::remove || b == Did::remove;
        CAPTURE(note);
        CHECK(count(ours, note) == (removed && !changed ? 0u : 1u));
        const Entry* oe = nullptr;
        const Entry* te = nullptr;
        for (const Entry& e : o.customer.entries)
            oe = e.note.starts_with(note + "-") || e.note == note ? &e : oe;
        for (const Entry& e : t.customer.entries)
            te = e.note.starts_with(note + "-") || e.note == note ? &e : te;
        const std::string entry = "the [[log]] of " + base.entries[k].date();
        if (a == b && a == Did::note && oe->note != te->note)
            expected.insert("note of " + entry);
        if (a == b && a == Did::kind && oe->kind != te->kind)
            expected.insert("kind of " + entry);
    }
    for (const Edits* side : {&o, &t})
        for (const std::string& note : side->added)
            CHECK(count(ours, note) == 1u);
    std::multiset<std::string> found;
    for (const MergeConflict& c : r.conflicts)
        found.insert(c.entry.empty() ? c.key : c.key + " of " + c.entry);
    CHECK(found == expected);
}

} // namespace

TEST_CASE("merge_customer on random edits") {
    for (unsigned seed = 1; seed <= 400; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        Customer base;
        std::uniform_int_distribution<int> day(1, 30);
        const int n = std::uniform_int_distribution<int>(0, 6)(rng);
        for (int k = 0; k < n; ++k)
            base.entries.push_back(
                {day(rng), k % 2 ? "amy" : "ben", "visit", fmt::format("b{}", k), k % 3 == 0});
        const Edits o = edit(base, rng, 'o');
        const Edits t = edit(base, rng, 't');
        check_merge(base, o, t, seed % 4 == 0);
    }
}
