// merge_customer(): each side read and checked, the head, blocks and tail
// merged, and the result checked before it is handed back.

#include "crm/merge.hpp"

#include "crm/i18n.hpp"
#include "merge_out.hpp"
#include "toml_reader.hpp"

#include <fmt/format.h>

namespace crm {

namespace {

using merge::Document;
using merge::Layout;
using merge::Lines;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view text) {
    return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

// The text as TOML, else nullopt and why not ("line N: …"), worded as
// `crm check` words it.
std::optional<toml::table> parse(std::string_view text, std::string& why) {
    Diagnostics problems;
    auto root = detail::parse_toml(text, "", problems);
    if (!root)
        why = problems.empty()
                  ? tr("not TOML")
                  : trf("line {}: {}", problems.front().line, problems.front().message);
    return root;
}

// One side cut into pieces, or why it cannot be.
std::optional<Document> read_side(std::string_view text, std::optional<std::string_view> eol,
                                  std::string_view name, std::string& why) {
    std::string error;
    const std::optional<toml::table> root = parse(text, error);
    if (!root) {
        why = trf("{} is not valid TOML ({})", name, error);
        return std::nullopt;
    }
    auto doc = merge::scan_document(merge::split_lines(text, eol));
    if (!doc || !merge::agrees_with(*doc, *root)) {
        why = trf("{} has a form crm does not merge (nested tables, or keys it could not place)",
                  name);
        return std::nullopt;
    }
    return doc;
}

// Comment and blank lines after the last key: ours', with the comments
// only theirs added.
void merge_tail(const Lines& base, const Lines& ours, const Lines& theirs, merge::Out& out) {
    const std::string o = merge::norm_of(ours);
    if (o == merge::norm_of(base)) {
        out.add(theirs);
        return;
    }
    out.add(ours);
    // Whole lines: "\n# a\n" is not found in "\n# ab\n".
    const std::string known = "\n" + o + merge::norm_of(base);
    for (const merge::Line& line : theirs)
        if (const std::string n = merge::norm_of(Lines{line});
            !n.empty() && known.find("\n" + n) == std::string::npos)
            out.add(line);
}

// Where `side` moved the comment lines that ended the base: the first block
// whose own comment lines begin with them, and how many of its trivia lines
// they take; nullopt when the side kept them at the end.
std::optional<std::pair<std::size_t, std::size_t>> moved_tail(const std::string& tail,
                                                              const Document& side) {
    if (tail.empty() || !merge::norm_of(side.tail).empty())
        return std::nullopt;
    for (std::size_t b = 0; b < side.blocks.size(); ++b) {
        const Lines& trivia = side.blocks[b].trivia;
        for (std::size_t n = 1; n <= trivia.size(); ++n) {
            const std::string taken = merge::norm_of(
                Lines(trivia.begin(), trivia.begin() + static_cast<std::ptrdiff_t>(n)));
            if (taken == tail)
                return std::pair{b, n};
            if (!tail.starts_with(taken))
                break;
        }
    }
    return std::nullopt;
}

// A comment ending the base that both sides pushed down, appending entries
// after it, would come out twice, once before each side's first new entry.
// It stays once where it was: before the first new entry, the earlier
// dated of the two (ours on the same day), since new entries are merged by
// date after the old ones; the other side's copy goes.
void reclaim_tail(const Lines& base_tail, Document& ours, Document& theirs) {
    const std::string tail = merge::norm_of(base_tail);
    const auto o = moved_tail(tail, ours);
    const auto t = moved_tail(tail, theirs);
    if (!o || !t)
        return;
    const std::string& ours_date = ours.blocks[o->first].date;
    const std::string& theirs_date = theirs.blocks[t->first].date;
    const bool keep_ours = ours_date.empty() || theirs_date.empty() || ours_date <= theirs_date;
    Document& side = keep_ours ? theirs : ours;
    const auto at = keep_ours ? *t : *o;
    merge::Block& block = side.blocks[at.first];
    block.trivia.erase(block.trivia.begin(),
                       block.trivia.begin() + static_cast<std::ptrdiff_t>(at.second));
    block.norm = merge::norm_of(block);
}

// The layout of the first side that has any text, ours first.
Layout layout_for(std::string_view base, std::string_view ours, std::string_view theirs) {
    for (std::string_view text : {ours, theirs, base})
        if (!without_bom(text).empty())
            return merge::layout_of(text);
    return merge::layout_of(ours);
}

// A marked result must parse once either side of every conflict is kept.
std::string check_result(const MergeResult& r) {
    std::string why;
    if (r.conflicts.empty())
        return parse(r.text, why) ? "" : why;
    for (Side side : {Side::ours, Side::theirs})
        if (!parse(conflict_side(r.text, side), why))
            return why;
    return "";
}

} // namespace

MergeResult merge_customer(std::string_view base, std::string_view ours, std::string_view theirs) {
    MergeResult result;
    const Layout layout = layout_for(base, ours, theirs);
    std::string why;
    // The sides' names go into a message to the person running the merge.
    auto o = read_side(without_bom(ours), std::nullopt, tr("ours"), why);
    auto t = o ? read_side(without_bom(theirs), layout.eol, tr("theirs"), why) : std::nullopt;
    auto b = t ? read_side(without_bom(base), layout.eol, tr("the base"), why) : std::nullopt;
    if (!b) {
        result.fallback = why;
        return result;
    }
    reclaim_tail(b->tail, *o, *t);
    merge::Out out(layout);
    merge::merge_items(&b->head, o->head, t->head, "", out);
    if (!merge::merge_blocks(b->blocks, o->blocks, t->blocks, out)) {
        result.fallback = tr("the sides differ in too many entries to compare");
        return result;
    }
    merge_tail(b->tail, o->tail, t->tail, out);
    result.text = out.text();
    result.conflicts = out.conflicts();
    if (const std::string bad = check_result(result); !bad.empty()) {
        result = MergeResult{};
        result.fallback = trf("the merged file would not be valid TOML ({})", bad);
    }
    return result;
}

} // namespace crm
