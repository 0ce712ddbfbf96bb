// Reading conflict markers back: git's and crm's, in git's merge and diff3
// styles.

#include "crm/merge.hpp"

#include <algorithm>

namespace crm {

namespace {

constexpr std::string_view kCrmLabel = "ours: ";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view text) {
    return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

// Whether `line` is a marker made of `ch` ("<<<<<<< HEAD", "=======",
// ">>>>>>> ben"): seven of them, then the end or a space.
bool is_marker(std::string_view line, char ch) {
    if (line.size() < 7 || line.substr(0, 7).find_first_not_of(ch) != std::string_view::npos)
        return false;
    return line.size() == 7 || line[7] == ' ';
}

// Each line of `text` without its ending, with the offset it starts at.
template <class Visit> void each_line(std::string_view text, Visit visit) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        std::string_view line = text.substr(at, nl - at);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        visit(line, at, std::min(nl + 1, text.size()));
        at = nl + 1;
    }
}

} // namespace

std::vector<ConflictRegion> find_conflicts(std::string_view text) {
    std::vector<ConflictRegion> found;
    std::optional<ConflictRegion> open;
    unsigned number = 0;
    each_line(without_bom(text), [&](std::string_view line, std::size_t, std::size_t) {
        ++number;
        if (is_marker(line, '<')) {
            // A second opening before the first closed: the first was a
            // quoted marker, not a conflict.
            open =
                ConflictRegion{number, 0, 0, 0, std::string(line.size() > 8 ? line.substr(8) : "")};
        } else if (open && !open->middle && !open->base && is_marker(line, '|')) {
            open->base = number;
        } else if (open && !open->middle && is_marker(line, '=')) {
            open->middle = number;
        } else if (open && open->middle && is_marker(line, '>')) {
            open->end = number;
            found.push_back(std::move(*open));
            open.reset();
        }
    });
    return found;
}

std::string conflict_side(std::string_view text, Side side) {
    const std::vector<ConflictRegion> regions = find_conflicts(text);
    std::string out(text.substr(0, text.size() - without_bom(text).size()));
    text = without_bom(text);
    std::size_t next = 0; // the region the next lines may be in
    unsigned number = 0;
    each_line(text, [&](std::string_view, std::size_t from, std::size_t to) {
        ++number;
        while (next < regions.size() && regions[next].end < number)
            ++next;
        bool keep = true;
        if (next < regions.size() && regions[next].begin <= number) {
            const ConflictRegion& r = regions[next];
            const unsigned ours_end = r.base ? r.base : r.middle;
            keep = side == Side::ours ? number > r.begin && number < ours_end
                                      : number > r.middle && number < r.end;
        }
        if (keep)
            out += text.substr(from, to - from);
    });
    return out;
}

std::optional<std::string> crm_conflict_message(std::string_view label) {
    // crm's labels are "ours: '<key>'… on both sides: …"; git's are "HEAD",
    // a branch or "ours" (branch names cannot hold ':').
    if (!label.starts_with(kCrmLabel) || label.find(" on both sides: ") == std::string_view::npos)
        return std::nullopt;
    const std::string_view message = label.substr(kCrmLabel.size());
    if (!message.starts_with('\''))
        return std::nullopt;
    return std::string(message);
}

} // namespace crm
