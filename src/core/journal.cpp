// The undo journal's entries as text, and which writes they leave in effect.

#include "crm/journal.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace crm {

namespace {

constexpr std::string_view kMagic = "crm journal 1";

std::string size_of(const std::optional<std::string>& bytes) {
    return bytes ? std::to_string(bytes->size()) : "none";
}

// One header line ("key: value"), or nullopt when the header has ended.
struct HeaderLine {
    std::string_view key;
    std::string_view value;
};

std::optional<HeaderLine> next_line(std::string_view& rest) {
    const std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos)
        return std::nullopt;
    const std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos)
        return HeaderLine{line, {}};
    return HeaderLine{line.substr(0, colon), line.substr(colon + 2)};
}

std::optional<std::uint64_t> number(std::string_view s) {
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return n;
}

// A file's size from the header: "none", or a count of bytes.
bool read_size(std::string_view value, std::optional<std::uint64_t>& out) {
    if (value == "none") {
        out.reset();
        return true;
    }
    out = number(value);
    return out.has_value();
}

struct PendingFile {
    std::string path;
    std::optional<std::uint64_t> before, after;
    int sizes = 0; // both the before and the after line must be there
};

bool header_field(const HeaderLine& l, JournalEntry& e, std::vector<PendingFile>& files) {
    if (l.key == "seq") {
        const auto n = number(l.value);
        e.seq = n.value_or(0);
        return n.has_value();
    }
    if (l.key == "target") {
        e.target = number(l.value);
        return e.target.has_value();
    }
    if (l.key == "time")
        e.time = l.value;
    else if (l.key == "command")
        e.command = l.value;
    else if (l.key == "summary")
        e.summary = l.value;
    else if (l.key == "file")
        files.push_back({std::string(l.value), std::nullopt, std::nullopt});
    else if (l.key == "before" && !files.empty() && files.back().sizes++ == 0)
        return read_size(l.value, files.back().before);
    else if (l.key == "after" && !files.empty() && files.back().sizes++ == 1)
        return read_size(l.value, files.back().after);
    else
        return false;
    return true;
}

std::optional<std::string> take(std::string_view& rest, const std::optional<std::uint64_t>& n) {
    if (!n)
        return std::nullopt;
    const auto size = static_cast<std::size_t>(*n);
    std::string out(rest.substr(0, size));
    rest.remove_prefix(std::min(size, rest.size()));
    return out;
}

} // namespace

std::string format_entry(const JournalEntry& e) {
    // Each value is one header line, whatever a name holds.
    const auto one_line = [](std::string s) {
        std::replace_if(
            s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
        return s;
    };
    std::string out =
        fmt::format("{}\nseq: {}\ntime: {}\ncommand: {}\nsummary: {}\n", kMagic, e.seq,
                    one_line(e.time), one_line(e.command), one_line(e.summary));
    if (e.target)
        out += fmt::format("target: {}\n", *e.target);
    for (const JournalFile& f : e.files)
        out += fmt::format("file: {}\nbefore: {}\nafter: {}\n", one_line(f.path), size_of(f.before),
                           size_of(f.after));
    out += '\n';
    for (const JournalFile& f : e.files)
        out += f.before.value_or("") + f.after.value_or("");
    return out;
}

std::optional<JournalEntry> parse_entry(std::string_view bytes) {
    std::string_view rest = bytes;
    if (const auto first = next_line(rest); !first || first->key != kMagic)
        return std::nullopt;
    JournalEntry e;
    std::vector<PendingFile> files;
    bool ended = false; // by the blank line before the files' bytes
    while (!ended) {
        const auto l = next_line(rest);
        if (!l)
            return std::nullopt;
        ended = l->key.empty();
        if (!ended && !header_field(*l, e, files))
            return std::nullopt;
    }
    std::uint64_t needed = 0;
    for (const PendingFile& f : files) {
        // Each size is checked against what is there, so that a damaged
        // header cannot make the sum wrap around.
        for (const auto& size : {f.before, f.after}) {
            if (size.value_or(0) > rest.size() - needed || f.sizes != 2)
                return std::nullopt;
            needed += size.value_or(0);
        }
    }
    if (!ended || e.seq == 0 || files.empty() || rest.size() != needed)
        return std::nullopt; // cut short, or bytes after the end
    for (const PendingFile& f : files) {
        JournalFile out{f.path, take(rest, f.before), {}};
        out.after = take(rest, f.after);
        e.files.push_back(std::move(out));
    }
    return e;
}

UndoState replay(const std::vector<JournalEntry>& entries) {
    UndoState s;
    const auto move = [](std::vector<std::uint64_t>& from, std::vector<std::uint64_t>& to,
                         std::uint64_t seq) {
        const auto it = std::find(from.begin(), from.end(), seq);
        if (it == from.end())
            return;
        from.erase(it);
        to.push_back(seq);
    };
    for (const JournalEntry& e : entries) {
        if (e.command == "undo" && e.target)
            move(s.done, s.undone, *e.target);
        else if (e.command == "redo" && e.target)
            move(s.undone, s.done, *e.target);
        else {
            s.done.push_back(e.seq);
            s.undone.clear();
        }
    }
    return s;
}

} // namespace crm
