// Merging keys three ways: the top-level keys of a customer, and the keys of
// an entry both sides changed.

#include "crm/text.hpp"
#include "merge_out.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace crm::merge {

namespace {

const Item* find(const std::vector<Item>* items, const std::string& key) {
    if (!items)
        return nullptr;
    for (const Item& item : *items)
        if (item.key == key)
            return &item;
    return nullptr;
}

// A value for a message: on one line, escaped, and short enough to read.
std::string shown(std::string_view value) {
    const std::string text = visible(value);
    constexpr std::size_t limit = 40;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > limit)
            return text.substr(0, i) + "…";
    }
    return text;
}

MergeConflict conflict_of(const Item* base, const Item& ours, const Item& theirs,
                          const std::string& entry) {
    MergeConflict c{visible(ours.key), entry, 0, shown(ours.value), shown(theirs.value), ""};
    const std::string where = entry.empty() ? "" : " of " + entry;
    c.message = fmt::format("'{}'{} {} on both sides: {} in ours, {} in theirs", c.key, where,
                            base ? "changed" : "added", c.ours, c.theirs);
    return c;
}

// Which version of a key both sides have: null when they conflict.
const Item* resolve(const Item* base, const Item& ours, const Item& theirs) {
    const std::string o = norm_of(ours);
    const std::string t = norm_of(theirs);
    if (o == t)
        return &ours;
    if (base && norm_of(*base) == o)
        return &theirs;
    if (base && norm_of(*base) == t)
        return &ours;
    // The lines differ, perhaps only in a comment: the values decide.
    if (ours.value == theirs.value)
        return &ours;
    if (base && base->value == ours.value)
        return &theirs;
    if (base && base->value == theirs.value)
        return &ours;
    return nullptr;
}

// What goes in the merged list for one key.
struct Choice {
    std::string key;
    const Item* take = nullptr; // the version to write
    const Item* base = nullptr; // with ours and theirs: a conflict
    const Item* ours = nullptr;
    const Item* theirs = nullptr;
};

// Keys only theirs has: added by theirs, or kept because theirs changed
// what ours deleted; each after the key before it in theirs' order.
void add_theirs(const std::vector<Item>* base, const std::vector<Item>& theirs,
                std::vector<Choice>& out) {
    std::size_t after = 0; // where the next key of theirs goes
    for (const Item& t : theirs) {
        const auto here =
            std::find_if(out.begin(), out.end(), [&](const Choice& c) { return c.key == t.key; });
        if (here != out.end()) {
            after = static_cast<std::size_t>(here - out.begin()) + 1;
            continue;
        }
        const Item* b = find(base, t.key);
        if (b && b->value == t.value)
            continue; // ours deleted it, theirs left it alone
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(after), Choice{t.key, &t});
        ++after;
    }
}

} // namespace

void merge_items(const std::vector<Item>* base, const std::vector<Item>& ours,
                 const std::vector<Item>& theirs, const std::string& entry, Out& out) {
    std::vector<Choice> choices;
    for (const Item& o : ours) {
        const Item* b = find(base, o.key);
        const Item* t = find(&theirs, o.key);
        if (t) {
            const Item* take = resolve(b, o, *t);
            choices.push_back(take ? Choice{o.key, take} : Choice{o.key, nullptr, b, &o, t});
        } else if (!b || b->value != o.value) {
            choices.push_back({o.key, &o}); // added by ours, or changed where theirs deleted it
        }
        // else: theirs deleted it and ours left it alone
    }
    add_theirs(base, theirs, choices);
    for (const Choice& c : choices) {
        if (c.take)
            out.add(*c.take);
        else
            out.conflict(conflict_of(c.base, *c.ours, *c.theirs, entry), *c.ours, *c.theirs);
    }
}

namespace {

// An entry as a conflict's message names it.
std::string describe(const Block& block) {
    const std::string name = visible(block.name);
    if (!block.array)
        return fmt::format("[{}]", name);
    if (block.date.empty())
        return fmt::format("a [[{}]] entry", name);
    return fmt::format("the [[{}]] of {}", name, block.date);
}

const Lines& pick_lines(const Lines* base, const Lines& ours, const Lines& theirs) {
    if (base && norm_of(*base) == norm_of(ours))
        return theirs;
    return ours;
}

const Line& pick_line(const Line* base, const Line& ours, const Line& theirs) {
    if (base && base->text == ours.text)
        return theirs;
    return ours;
}

} // namespace

void merge_block(const Block* base, const Block& ours, const Block& theirs, Out& out) {
    out.add(pick_lines(base ? &base->trivia : nullptr, ours.trivia, theirs.trivia));
    out.add(pick_line(base ? &base->header : nullptr, ours.header, theirs.header));
    merge_items(base ? &base->items : nullptr, ours.items, theirs.items, describe(ours), out);
}

} // namespace crm::merge
