#include "scan.hpp"

#include "folder.hpp"
#include "index_file.hpp"

#include <algorithm>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace crm::io {

namespace fs = std::filesystem;

namespace {

// A file read during this scan, as its new entry will hold it.
struct Fresh {
    FileStat stat;
    Record record;
};

// Where a name's entry is: a row of the whole index or of the delta.
struct Ref {
    const IndexFile* file = nullptr; // nullptr: the index has no entry of it
    std::size_t row = 0;
    IndexEntry entry() const { return file->entry(row); }
};

// Each name's entry in the index: the delta's, else the whole index's.
// The names and both tables are sorted, so one walk finds them all; a few
// names among many entries are looked up alone instead. No vector of all
// the entries is made: a row is decoded when its file is looked at (at
// 100,000 customers that vector would be 16 MB).
std::vector<Ref> match_entries(const std::vector<std::string>& names, const IndexFiles& files) {
    std::vector<Ref> out(names.size());
    const IndexFile* whole = files.whole_file();
    if (!whole)
        return out;
    const IndexFile* delta = files.delta_file();
    const std::size_t rows = whole->size();
    const std::size_t delta_rows = delta ? delta->size() : 0;
    if (names.size() * 32 < rows) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (const auto d = delta ? delta->find_row(names[i]) : std::nullopt)
                out[i] = {delta, *d};
            else if (const auto w = whole->find_row(names[i]))
                out[i] = {whole, *w};
        return out;
    }
    std::size_t w = 0;
    std::size_t d = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string_view name = names[i];
        while (d < delta_rows && delta->row_path(d) < name)
            ++d;
        while (w < rows && whole->row_path(w) < name)
            ++w;
        if (d < delta_rows && delta->row_path(d) == name)
            out[i] = {delta, d};
        else if (w < rows && whole->row_path(w) == name)
            out[i] = {whole, w};
    }
    return out;
}

// Whether `e` holds `r`, by the checksums the index keeps.
bool same_record(const IndexEntry& e, const Record& r) {
    return e.summary_size == r.summary.size() && e.history_size == r.history.size() &&
           e.summary_sum == index_sum(r.summary) && e.history_sum == index_sum(r.history);
}

// A delta is worth its second file while it stays small beside the whole.
bool fits_delta(std::size_t changed, std::size_t files) {
    return changed <= std::max<std::size_t>(64, files / 8);
}

// Writes `entries` (sorted by path) as the delta over `files`' whole index
// when they are few, else a whole index of `all()` instead.
// The entries' histories are loaded first: those of the delta for a
// delta, those of both files for a whole index.
template <class Delta, class All>
void write_index(IndexWriter& writer, IndexFiles& files, std::size_t changed, std::size_t count,
                 const Delta& delta_entries, const All& all) {
    const Index* whole = files.whole_header();
    if (whole && fits_delta(changed, count)) {
        if (!files.load_delta())
            return;
        Index delta;
        delta.base = whole->id;
        delta.entries = delta_entries();
        writer.commit(std::move(delta), kDeltaPath);
        return;
    }
    if (whole && !files.load_all())
        return;
    Index next;
    next.entries = all();
    writer.commit(std::move(next), kIndexPath);
}

// Stats the customer files relative to their folder: one name to look up
// per file, not two.
class Dir {
  public:
    explicit Dir(const fs::path& path)
        : fd_(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
    ~Dir() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Dir(const Dir&) = delete;
    Dir& operator=(const Dir&) = delete;
    std::optional<FileStat> stat(std::string_view relative) const {
        constexpr std::string_view kFolder = "customers/";
        if (fd_ < 0 || !relative.starts_with(kFolder) ||
            relative.find('/', kFolder.size()) != std::string_view::npos)
            return std::nullopt;
        struct stat st {};
        if (::fstatat(fd_, relative.data() + kFolder.size(), &st, 0) != 0)
            return std::nullopt;
        return file_stat(st);
    }

  private:
    int fd_;
};

} // namespace

void scan_files(const fs::path& root, const std::vector<std::string>& names, Ledger& ledger,
                unsigned threads, const TakeCustomer& take, Notes notes, Logs logs, UseIndex use,
                std::unique_ptr<IndexFiles> given) {
    const auto read = [&](std::size_t i, SourceFile& into) { read_source(root, names[i], into); };
    if (use == UseIndex::no || notes == Notes::keep) {
        parse_customers(
            ledger, names, threads, read,
            [&](unsigned t, std::size_t i, Customer&& c) {
                if (logs == Logs::last)
                    keep_last_contact(c);
                take(t, i, std::move(c));
            },
            notes);
        return;
    }
    const std::unique_ptr<IndexFiles> read_now =
        given ? nullptr : std::make_unique<IndexFiles>(root);
    IndexFiles& files = given ? *given : *read_now;
    const std::vector<Ref> entry_of = match_entries(names, files);
    const Dir dir(root / "customers");
    // Decoding is work for the cores; reading files that are not in the
    // index wants more reads in flight than there are cores (a cold disk).
    const std::size_t covered = static_cast<std::size_t>(std::count_if(
        entry_of.begin(), entry_of.end(), [](const Ref& r) { return r.file != nullptr; }));
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (covered >= names.size() - names.size() / 10)
        threads = std::min(threads, cores);

    // Made when the first file must be read, before it is read.
    std::once_flag made;
    std::optional<IndexWriter> writer;
    const auto start_writer = [&] { std::call_once(made, [&] { writer.emplace(root); }); };

    const unsigned workers = scan_threads(threads, names.size());
    std::vector<SourceFile> buffers(workers);
    std::vector<SummaryWindow> windows(workers);
    // The files each worker read, by their place in `names`.
    std::vector<std::vector<std::pair<std::size_t, Fresh>>> read_by(workers);
    std::vector<char> kept(names.size(), 0); // 1 where the entry stood for its file
    const ParseFile parse = [&](unsigned t, std::size_t i) -> Parsed<Customer> {
        if (entry_of[i].file) {
            const IndexEntry e = entry_of[i].entry();
            const std::optional<FileStat> now = dir.stat(names[i]);
            if (now && is_fresh(e, *now))
                if (auto parsed = files.read(e, logs, windows[t])) {
                    kept[i] = 1;
                    return std::move(*parsed);
                }
        }
        start_writer();
        FileStat stat;
        read_source(root, names[i], buffers[t], &stat);
        Parsed<Customer> parsed = parse_source_text(buffers[t], notes);
        if (writer->ok() && buffers[t].read_error.empty())
            read_by[t].emplace_back(i, Fresh{stat, encode_record(parsed, names[i])});
        if (parsed.value && logs == Logs::last)
            keep_last_contact(*parsed.value);
        return parsed;
    };
    collect_customers(ledger, names, threads, parse, take);

    // The index is written again when it would say something new: a file
    // read that is new or changed, or that is now older than the scan (no
    // longer racily clean). A file read every time (its mtime in the
    // future) rewrites nothing, and nor does a file gone.
    std::vector<std::pair<std::size_t, Fresh>*> fresh;
    for (auto& list : read_by)
        for (auto& item : list)
            fresh.push_back(&item);
    std::sort(fresh.begin(), fresh.end(), [](auto* a, auto* b) { return a->first < b->first; });
    bool changed = files.whole_header() == nullptr;
    for (const auto* f : fresh) {
        const Ref& ref = entry_of[f->first];
        const Fresh& r = f->second;
        if (!ref.file || ref.entry().stat != r.stat || !same_record(ref.entry(), r.record) ||
            r.stat.mtime_ns < writer->scan_ns())
            changed = true;
    }
    if (!changed)
        return;
    start_writer();
    const auto entry = [&](std::size_t i, const Fresh& r) {
        return IndexEntry{names[i], r.stat, r.record.summary, r.record.history};
    };
    const auto in_delta = [&](std::size_t i) {
        return kept[i] && entry_of[i].file == files.delta_file();
    };
    std::size_t changed_count = fresh.size();
    for (std::size_t i = 0; i < names.size(); ++i)
        changed_count += in_delta(i) ? 1u : 0u;
    // `keep(i)` says which kept entries go in: the delta's, or all.
    const auto entries = [&](const auto& keep) {
        std::vector<IndexEntry> out;
        auto f = fresh.begin();
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (f != fresh.end() && (*f)->first == i)
                out.push_back(entry(i, (*f++)->second));
            else if (kept[i] && keep(i))
                out.push_back(entry_of[i].entry()); // the record loaded by now
        }
        return out;
    };
    write_index(
        *writer, files, changed_count, names.size(), [&] { return entries(in_delta); },
        [&] { return entries([](std::size_t) { return true; }); });
}

void refresh_index(const fs::path& root, const std::vector<std::string>& paths) {
    // Customer files only, as list_customer_files names them.
    std::vector<std::string> written;
    for (const std::string& p : paths)
        if (p.starts_with("customers/") && p.find('/', 10) == p.npos &&
            is_customer_name(std::string_view(p).substr(10)))
            written.push_back(p);
    std::sort(written.begin(), written.end());
    written.erase(std::unique(written.begin(), written.end()), written.end());
    IndexFiles files(root, false); // a delta needs the whole index's id, not its table
    if (written.empty() || !files.whole_header())
        return; // an index is made by the next scan, not by a write
    IndexWriter writer(root);
    if (!writer.ok())
        return;
    std::vector<std::pair<std::string, Fresh>> made;
    SourceFile file;
    for (const std::string& path : written) {
        FileStat stat;
        read_source(root, path, file, &stat);
        if (file.read_error.empty())
            made.emplace_back(
                path, Fresh{stat, encode_record(parse_source_text(file, Notes::skip), path)});
    }
    // Entries of `index` that the new one keeps: not written now, and not
    // racily clean, which could pass for fresh under a later scan time.
    const auto carried = [&](const IndexEntry& e) {
        return !std::binary_search(written.begin(), written.end(), e.path) &&
               e.stat.mtime_ns < e.scan_ns;
    };
    // `from` and the files made, in path order.
    const auto merged = [&](const std::vector<IndexEntry>& from, const auto& keep) {
        std::vector<IndexEntry> out;
        auto m = made.begin();
        const auto add_made_before = [&](std::string_view path) {
            for (; m != made.end() && (path.empty() || m->first < path); ++m)
                out.push_back(
                    {m->first, m->second.stat, m->second.record.summary, m->second.record.history});
        };
        for (const IndexEntry& e : from) {
            add_made_before(e.path);
            if (keep(e))
                out.push_back(e);
        }
        add_made_before({});
        return out;
    };
    const Index* delta = files.delta();
    const std::vector<IndexEntry> none;
    const std::vector<IndexEntry>& old_delta = delta ? delta->entries : none;
    const std::size_t changed =
        made.size() +
        static_cast<std::size_t>(std::count_if(old_delta.begin(), old_delta.end(), carried));
    write_index(
        writer, files, changed, files.whole_size(), [&] { return merged(old_delta, carried); },
        [&] {
            // Compacted: each path's newest entry, the delta's before the whole's.
            const Index* whole = files.whole();
            std::vector<IndexEntry> newest;
            const std::vector<IndexEntry>& d = old_delta;
            auto a = whole->entries.begin();
            auto b = d.begin();
            while (a != whole->entries.end() || b != d.end()) {
                if (b == d.end() || (a != whole->entries.end() && a->path < b->path))
                    newest.push_back(*a++);
                else {
                    if (a != whole->entries.end() && a->path == b->path)
                        ++a;
                    newest.push_back(*b++);
                }
            }
            return merged(newest, carried);
        });
}

} // namespace crm::io
