// Merging the blocks of three versions: a diff3 of whole blocks. Blocks
// both sides kept as in the base anchor the merge; between two anchors, each
// base block is paired with its version on each side (the same text, else
// the same kind of entry sharing most of its values), and what is left are
// the blocks each side added.

#include "merge_out.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>

namespace crm::merge {

namespace {

using Blocks = std::span<const Block>;
using Pairing = std::vector<std::optional<std::size_t>>; // base index -> side index

// Past this many cells a comparison would take too long: git merges it.
constexpr std::size_t kMaxCells = 4'000'000;

// How strongly `side` looks like a version of `base`: 0 when it is another
// entry. A [name] table is always the same table; an entry must keep at
// least half its values, more than half when its date changed.
std::size_t likeness(const Block& base, const Block& side) {
    if (base.norm == side.norm)
        return 1'000'000;
    if (base.name != side.name || base.array != side.array)
        return 0;
    if (!base.array)
        return 100'000;
    std::size_t shared = 0;
    for (const Item& b : base.items)
        for (const Item& s : side.items)
            shared += b.key == s.key && b.value == s.value ? 1u : 0u;
    const std::size_t most = std::max(base.items.size(), side.items.size());
    const bool strict = base.date != side.date;
    if (shared == 0 || (strict ? shared * 2 <= most : shared * 2 < most))
        return 0;
    return shared;
}

// The order-keeping pairing of base blocks with side blocks of greatest
// total likeness (an LCS whose matches have weights).
std::optional<Pairing> pair_up(Blocks base, Blocks side, bool exact) {
    const std::size_t n = base.size(), m = side.size();
    if ((n + 1) * (m + 1) > kMaxCells)
        return std::nullopt;
    std::vector<std::size_t> best((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return best[i * (m + 1) + j]; };
    auto weight = [&](std::size_t i, std::size_t j) -> std::size_t {
        if (exact)
            return base[i].norm == side[j].norm ? 1 : 0;
        return likeness(base[i], side[j]);
    };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;) {
            const std::size_t w = weight(i, j);
            at(i, j) = std::max({at(i + 1, j), at(i, j + 1), w > 0 ? at(i + 1, j + 1) + w : 0});
        }
    Pairing pairs(n);
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
        const std::size_t w = weight(i, j);
        if (w > 0 && at(i, j) == at(i + 1, j + 1) + w)
            pairs[i++] = j++;
        else if (at(i, j) == at(i + 1, j))
            ++i;
        else
            ++j;
    }
    return pairs;
}

// Blocks equal to the base on both sides, with common ends skipped first:
// most merges differ only at the end, where both sides appended.
std::optional<Pairing> exact_pairs(Blocks base, Blocks side) {
    std::size_t head = 0;
    while (head < base.size() && head < side.size() && base[head].norm == side[head].norm)
        ++head;
    std::size_t tail = 0;
    while (tail < base.size() - head && tail < side.size() - head &&
           base[base.size() - 1 - tail].norm == side[side.size() - 1 - tail].norm)
        ++tail;
    auto middle = pair_up(base.subspan(head, base.size() - head - tail),
                          side.subspan(head, side.size() - head - tail), true);
    if (!middle)
        return std::nullopt;
    Pairing pairs(base.size());
    for (std::size_t i = 0; i < head; ++i)
        pairs[i] = i;
    for (std::size_t i = 0; i < middle->size(); ++i)
        if ((*middle)[i])
            pairs[head + i] = head + *(*middle)[i];
    for (std::size_t i = 0; i < tail; ++i)
        pairs[base.size() - 1 - i] = side.size() - 1 - i;
    return pairs;
}

// One block of a region's result.
struct Slot {
    enum class Kind { base, ours, theirs } kind = Kind::base;
    std::size_t base_index = 0;  // for Kind::base
    const Block* take = nullptr; // written as it is; when null, merged (or gone)
    const Block* base = nullptr;
    const Block* ours = nullptr;
    const Block* theirs = nullptr;
    bool paired = false; // an addition of ours that theirs added too
};

bool same_blocks(Blocks a, Blocks b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Block& x, const Block& y) { return x.norm == y.norm; });
}

// Where a block that follows base block `after` (-1: none) goes: after the
// blocks each side put there, before the next base block.
std::ptrdiff_t place_after(const std::vector<Slot>& slots, long after) {
    std::size_t k = 0;
    while (k < slots.size() &&
           !(slots[k].kind == Slot::Kind::base && static_cast<long>(slots[k].base_index) > after))
        ++k;
    return static_cast<std::ptrdiff_t>(k);
}

// A base block as the two sides left it (either may have deleted it). A
// slot that writes nothing when it is gone.
Slot resolve(const Block& b, const Block* o, const Block* t, std::size_t index) {
    Slot s{Slot::Kind::base, index};
    if (o && t) {
        if (o->norm == t->norm || t->norm == b.norm)
            s.take = o;
        else if (o->norm == b.norm)
            s.take = t;
        else
            s.base = &b, s.ours = o, s.theirs = t;
    } else if (o || t) {
        // Deleted on one side: gone if the other left it alone, else kept
        // as changed, so that no one's work is lost.
        const Block* kept = o ? o : t;
        s.take = kept->norm == b.norm ? nullptr : kept;
    }
    return s;
}

// Theirs' block `t`, added where ours added the same: once. A [name] table
// both added is merged key by key (a table can only be written once).
bool pair_with_ours(std::vector<Slot>& slots, const Block& t) {
    for (Slot& s : slots) {
        if (s.kind != Slot::Kind::ours || s.paired)
            continue;
        if (s.take->norm == t.norm) {
            s.paired = true;
            return true;
        }
        if (!s.take->array && !t.array && s.take->name == t.name) {
            s.paired = true;
            s.ours = s.take;
            s.theirs = &t;
            s.take = nullptr;
            return true;
        }
    }
    return false;
}

// Where both sides added entries at one place, the dated ones in date order
// (stable: ours first on the same day); the others keep their places.
void sort_run(std::vector<Slot>& slots, std::size_t from, std::size_t to) {
    bool ours = false, theirs = false;
    std::vector<std::size_t> dated;
    for (std::size_t k = from; k < to; ++k) {
        ours = ours || slots[k].kind == Slot::Kind::ours;
        theirs = theirs || slots[k].kind == Slot::Kind::theirs;
        if (slots[k].take && !slots[k].take->date.empty())
            dated.push_back(k);
    }
    if (!ours || !theirs)
        return;
    std::vector<Slot> sorted;
    for (std::size_t k : dated)
        sorted.push_back(slots[k]);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Slot& a, const Slot& b) { return a.take->date < b.take->date; });
    for (std::size_t n = 0; n < dated.size(); ++n)
        slots[dated[n]] = sorted[n];
}

void sort_additions(std::vector<Slot>& slots) {
    for (std::size_t from = 0; from < slots.size();) {
        std::size_t to = from;
        while (to < slots.size() && slots[to].kind != Slot::Kind::base)
            ++to;
        sort_run(slots, from, to);
        from = to + 1;
    }
}

void write(const std::vector<Slot>& slots, Out& out) {
    for (const Slot& s : slots) {
        if (s.take)
            out.add(*s.take);
        else if (s.ours)
            merge_block(s.base, *s.ours, *s.theirs, out);
    }
}

// The region's blocks in order: ours' as ours has them (each base block
// resolved with theirs' version), the base blocks ours deleted where they
// were, and theirs' additions after the block they follow in theirs.
std::vector<Slot> place(Blocks base, Blocks ours, Blocks theirs, const Pairing& po,
                        const Pairing& pt) {
    std::vector<std::optional<std::size_t>> o_base(ours.size()), t_base(theirs.size());
    for (std::size_t i = 0; i < base.size(); ++i) {
        if (po[i])
            o_base[*po[i]] = i;
        if (pt[i])
            t_base[*pt[i]] = i;
    }
    auto theirs_of = [&](std::size_t i) { return pt[i] ? &theirs[*pt[i]] : nullptr; };
    std::vector<Slot> slots;
    for (std::size_t j = 0; j < ours.size(); ++j) {
        if (const auto i = o_base[j])
            slots.push_back(resolve(base[*i], &ours[j], theirs_of(*i), *i));
        else
            slots.push_back({Slot::Kind::ours, 0, &ours[j]});
    }
    for (std::size_t i = 0; i < base.size(); ++i)
        if (!po[i])
            slots.insert(slots.begin() + place_after(slots, static_cast<long>(i) - 1),
                         resolve(base[i], nullptr, theirs_of(i), i));
    long anchor = -1;
    for (std::size_t k = 0; k < theirs.size(); ++k) {
        if (t_base[k])
            anchor = static_cast<long>(*t_base[k]);
        else if (!pair_with_ours(slots, theirs[k]))
            slots.insert(slots.begin() + place_after(slots, anchor),
                         {Slot::Kind::theirs, 0, &theirs[k]});
    }
    return slots;
}

// The blocks between two anchors (or the ends), where at least one side
// differs from the base.
bool merge_region(Blocks base, Blocks ours, Blocks theirs, Out& out) {
    if (same_blocks(ours, base) || same_blocks(theirs, base) || same_blocks(ours, theirs)) {
        for (const Block& b : same_blocks(ours, base) ? theirs : ours)
            out.add(b);
        return true;
    }
    const auto po = pair_up(base, ours, false);
    const auto pt = pair_up(base, theirs, false);
    if (!po || !pt)
        return false;
    std::vector<Slot> slots = place(base, ours, theirs, *po, *pt);
    sort_additions(slots);
    write(slots, out);
    return true;
}

} // namespace

bool merge_aligned(const std::vector<Block>& base, const std::vector<Block>& ours,
                   const std::vector<Block>& theirs, Out& out);

// How many copies of each block the result holds: what ours has, plus what
// theirs added, minus what theirs deleted (counted, so that a block moved
// on one side is neither lost nor doubled).
std::map<std::string, long> wanted_copies(const std::vector<Block>& base,
                                          const std::vector<Block>& ours,
                                          const std::vector<Block>& theirs) {
    std::map<std::string, long> n;
    for (const Block& b : ours)
        ++n[b.norm];
    for (const Block& b : theirs)
        ++n[b.norm];
    for (const Block& b : base)
        --n[b.norm];
    for (auto& [norm, count] : n)
        count = std::max(count, 0L);
    return n;
}

bool merge_blocks(const std::vector<Block>& base, const std::vector<Block>& ours,
                  const std::vector<Block>& theirs, Out& out) {
    if (!merge_aligned(base, ours, theirs, out))
        return false;
    out.drop_extra_blocks(wanted_copies(base, ours, theirs));
    return true;
}

bool merge_aligned(const std::vector<Block>& base, const std::vector<Block>& ours,
                   const std::vector<Block>& theirs, Out& out) {
    const auto po = exact_pairs(base, ours);
    const auto pt = exact_pairs(base, theirs);
    if (!po || !pt)
        return false;
    std::size_t i = 0, j = 0, k = 0;
    while (true) {
        if (i < base.size() && (*po)[i] == j && (*pt)[i] == k) {
            out.add(ours[j]); // kept by both: ours' blank lines
            ++i, ++j, ++k;
            continue;
        }
        std::size_t end = i;
        while (end < base.size() && !((*po)[end] && (*pt)[end]))
            ++end;
        const std::size_t oe = end < base.size() ? *(*po)[end] : ours.size();
        const std::size_t te = end < base.size() ? *(*pt)[end] : theirs.size();
        if (!merge_region(Blocks(base).subspan(i, end - i), Blocks(ours).subspan(j, oe - j),
                          Blocks(theirs).subspan(k, te - k), out))
            return false;
        if (end == base.size())
            return true;
        i = end, j = oe, k = te;
    }
}

} // namespace crm::merge
