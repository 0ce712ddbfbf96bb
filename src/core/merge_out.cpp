// Writing the merged text: the sides' lines in ours' layout, and crm's
// conflict markers.

#include "merge_out.hpp"

namespace crm::merge {

void Out::add(const Lines& lines) {
    for (const Line& line : lines)
        add(line);
}

void Out::add(const Item& item) {
    add(item.trivia);
    add(item.statement);
}

void Out::add(const Block& block) {
    const std::size_t begin = lines_.size();
    add(block.trivia);
    add(block.header);
    for (const Item& item : block.items)
        add(item);
    blocks_.push_back({&block.norm, begin, lines_.size()});
}

void Out::drop_extra_blocks(const std::map<std::string, long>& wanted) {
    std::map<std::string_view, long> seen;
    std::vector<bool> drop(lines_.size(), false);
    for (const Written& w : blocks_) {
        const auto it = wanted.find(*w.norm);
        if (it == wanted.end() || ++seen[*w.norm] <= it->second)
            continue;
        for (std::size_t i = w.begin; i < w.end; ++i)
            drop[i] = true;
    }
    std::vector<OutLine> kept;
    for (std::size_t i = 0; i < lines_.size(); ++i)
        if (!drop[i])
            kept.push_back(lines_[i]);
    lines_ = std::move(kept);
    blocks_.clear();
}

void Out::marker(std::string text, int conflict) {
    owned_.push_back(std::move(text));
    lines_.push_back({owned_.back(), layout_.eol, conflict});
}

void Out::conflict(MergeConflict c, const Item& ours, const Item& theirs) {
    // git's own form, with crm's message as the label: editors and merge
    // tools know it, and `crm check` reads the message back.
    const bool same_trivia = norm_of(ours.trivia) == norm_of(theirs.trivia);
    if (same_trivia)
        add(ours.trivia);
    marker("<<<<<<< ours: " + c.message, static_cast<int>(conflicts_.size()));
    conflicts_.push_back(std::move(c));
    if (!same_trivia)
        add(ours.trivia);
    add(ours.statement);
    marker("=======");
    if (!same_trivia)
        add(theirs.trivia);
    add(theirs.statement);
    marker(">>>>>>> theirs");
}

std::string Out::text() const {
    std::string out = layout_.bom ? "\xEF\xBB\xBF" : "";
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        out += lines_[i].text;
        if (i + 1 < lines_.size() || layout_.final_newline)
            out += lines_[i].eol.empty() ? layout_.eol : lines_[i].eol;
    }
    return out;
}

std::vector<MergeConflict> Out::conflicts() const {
    std::vector<MergeConflict> out = conflicts_;
    for (std::size_t i = 0; i < lines_.size(); ++i)
        if (lines_[i].conflict >= 0)
            out[static_cast<std::size_t>(lines_[i].conflict)].line = static_cast<unsigned>(i + 1);
    return out;
}

} // namespace crm::merge
