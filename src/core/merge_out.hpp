#pragma once
// The merged text as it is built: lines taken from the sides, and the
// conflict markers crm writes around a key both sides changed.

#include "crm/merge.hpp"
#include "merge_doc.hpp"

#include <deque>
#include <map>

namespace crm::merge {

class Out {
  public:
    explicit Out(Layout layout) : layout_(layout) {}

    void add(const Line& line) { lines_.push_back({line.text, line.eol, -1}); }
    void add(const Lines& lines);
    void add(const Item& item);
    void add(const Block& block);

    // `ours` and `theirs` of one key, between conflict markers whose label
    // is `c.message`; lines outside the markers when both sides agree on them.
    void conflict(MergeConflict c, const Item& ours, const Item& theirs);

    // The text in the layout: ours' line endings kept, ours' ending for the
    // others, the byte-order mark and final newline as ours has them.
    std::string text() const;
    // The conflicts, each with the line of its marker.
    std::vector<MergeConflict> conflicts() const;

    // Drops the later copies of whole blocks written more often than
    // `wanted` says (by their norm): a block one side moved (the entries are
    // ordered by date, so clones order them differently) is paired by
    // neither diff3 nor the sides' likeness, and would come out twice.
    void drop_extra_blocks(const std::map<std::string, long>& wanted);

  private:
    struct OutLine {
        std::string_view text;
        std::string_view eol;
        int conflict; // index in conflicts_ on a <<<<<<< line, else -1
    };
    void marker(std::string text, int conflict = -1);

    Layout layout_;
    std::vector<OutLine> lines_;
    struct Written {
        const std::string* norm;
        std::size_t begin, end; // its lines in lines_
    };
    std::vector<Written> blocks_;   // each whole block add(const Block&) wrote
    std::deque<std::string> owned_; // the markers' text: a deque never moves it
    std::vector<MergeConflict> conflicts_;
};

// Three versions of a list of keys, merged key by key into `out`: a key
// changed on one side takes that change, one changed differently on both
// is a conflict. `base` is null when there is none (a table both sides
// added). `entry` names where the keys are, for the conflict's message.
void merge_items(const std::vector<Item>* base, const std::vector<Item>& ours,
                 const std::vector<Item>& theirs, const std::string& entry, Out& out);

// One block both sides changed: its header and trivia as the side that
// changed them, its keys merged by merge_items(). `base` may be null.
void merge_block(const Block* base, const Block& ours, const Block& theirs, Out& out);

// Every side's blocks merged into `out` (see merge.hpp). False, with `out`
// unusable, when the sides differ too much to be compared in reasonable time.
bool merge_blocks(const std::vector<Block>& base, const std::vector<Block>& ours,
                  const std::vector<Block>& theirs, Out& out);

} // namespace crm::merge
