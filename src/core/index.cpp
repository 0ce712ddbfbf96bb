// The index file's layout (crm(5), THE STATE FOLDER): a header and the
// entries' table under one checksum, then every entry's summary, then every
// entry's history, each part under its own checksum, so that a command
// reads the table and the parts it needs, and no more.

#include "crm/index.hpp"

#include "index_bytes.hpp"

#include <algorithm>
#include <xxhash.h>

namespace crm {

namespace {

using detail::ByteReader;
using detail::ByteWriter;

constexpr std::string_view kMagic = "crm-index\n";

std::uint64_t sum(std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
}

// XXH3 over pieces.
class Digest {
  public:
    Digest() : state_(XXH3_createState()) { XXH3_64bits_reset(state_); }
    ~Digest() { XXH3_freeState(state_); }
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;
    void add(std::string_view bytes) { XXH3_64bits_update(state_, bytes.data(), bytes.size()); }
    std::uint64_t value() const { return XXH3_64bits_digest(state_); }

  private:
    XXH3_state_t* state_;
};

// Writes pieces in runs of about a megabyte: few writes, little copying.
class Runs {
  public:
    explicit Runs(const std::function<void(std::string_view)>& sink) : sink_(sink) {}
    ~Runs() { flush(); }
    Runs(const Runs&) = delete;
    Runs& operator=(const Runs&) = delete;
    void add(std::string_view bytes) {
        if (bytes.size() >= kRun) {
            flush();
            sink_(bytes);
            return;
        }
        run_.append(bytes);
        if (run_.size() >= kRun)
            flush();
    }
    void flush() {
        if (!run_.empty())
            sink_(run_);
        run_.clear();
    }

  private:
    static constexpr std::size_t kRun = 1 << 20;
    const std::function<void(std::string_view)>& sink_;
    std::string run_;
};

} // namespace

const IndexEntry* Index::find(std::string_view path) const {
    const auto it =
        std::lower_bound(entries.begin(), entries.end(), path,
                         [](const IndexEntry& e, std::string_view p) { return e.path < p; });
    return it != entries.end() && it->path == path ? &*it : nullptr;
}

bool is_fresh(const IndexEntry& entry, const FileStat& now) {
    return entry.stat == now && entry.stat.mtime_ns < entry.scan_ns;
}

std::uint64_t index_sum(std::string_view bytes) {
    return sum(bytes);
}

std::optional<Parsed<Customer>> read_entry(const IndexEntry& entry, Logs logs) {
    return read_entry(entry, entry.summary, logs);
}

std::optional<Parsed<Customer>> read_entry(const IndexEntry& entry, std::string_view summary,
                                           Logs logs, const HistorySource& load) {
    if (summary.size() != entry.summary_size || sum(summary) != entry.summary_sum)
        return std::nullopt;
    return decode_record(
        summary,
        [&]() -> std::optional<std::string_view> {
            std::optional<std::string_view> bytes = entry.history;
            if (entry.history.size() != entry.history_size)
                bytes = load ? load() : std::nullopt;
            if (!bytes || bytes->size() != entry.history_size || sum(*bytes) != entry.history_sum)
                return std::nullopt;
            return bytes;
        },
        entry.path, logs);
}

void encode_index(const Index& index, std::string_view crm_version,
                  const std::function<void(std::string_view)>& sink) {
    std::string head;
    ByteWriter w(head);
    w.str(crm_version);
    w.i(index.scan_ns);
    w.u(index.base);
    w.u(index.entries.size());
    IndexParts parts;
    for (const IndexEntry& e : index.entries) {
        w.str(e.path);
        w.u(e.stat.device);
        w.u(e.stat.inode);
        w.u(e.stat.size);
        w.i(e.stat.mtime_ns);
        w.i(e.stat.ctime_ns);
        w.u(e.stat.mode);
        w.u(e.summary.size());
        w.u(e.history.size());
        w.fixed64(sum(e.summary));
        w.fixed64(sum(e.history));
        parts.summaries += e.summary.size();
        parts.histories += e.history.size();
    }
    parts.head = head.size() + 8;
    std::string preamble(kMagic);
    ByteWriter p(preamble);
    for (unsigned k = 0; k < 4; ++k)
        preamble.push_back(static_cast<char>((kIndexFormat >> (8 * k)) & 0xff));
    p.fixed64(parts.head);
    p.fixed64(parts.summaries);
    p.fixed64(parts.histories);
    Digest digest;
    digest.add(preamble);
    digest.add(head);
    w.fixed64(digest.value());
    sink(preamble);
    sink(head);
    Runs runs(sink);
    for (const IndexEntry& e : index.entries)
        runs.add(e.summary);
    for (const IndexEntry& e : index.entries)
        runs.add(e.history);
}

std::string encode_index(const Index& index, std::string_view crm_version) {
    std::string out;
    encode_index(index, crm_version, [&](std::string_view bytes) { out.append(bytes); });
    return out;
}

std::optional<IndexParts> index_parts(std::string_view preamble) {
    if (preamble.size() != kIndexPreamble || !preamble.starts_with(kMagic))
        return std::nullopt;
    std::uint32_t format = 0;
    for (std::size_t k = 0; k < 4; ++k)
        format |=
            static_cast<std::uint32_t>(static_cast<unsigned char>(preamble[kMagic.size() + k]))
            << (8 * k);
    ByteReader r(preamble.substr(kMagic.size() + 4));
    IndexParts parts{r.fixed64(), r.fixed64(), r.fixed64()};
    // Sizes past any file are damage; their sum must not wrap.
    constexpr std::uint64_t kLimit = std::uint64_t{1} << 48;
    if (format != kIndexFormat || r.bad || parts.head < 8 || parts.head > kLimit ||
        parts.summaries > kLimit || parts.histories > kLimit)
        return std::nullopt;
    return parts;
}

namespace {

// A row of the table, from where `r` is; its places are not in the row.
void read_row(ByteReader& r, IndexEntry& e) {
    e.path = r.view();
    e.stat.device = r.u();
    e.stat.inode = r.u();
    e.stat.size = r.u();
    e.stat.mtime_ns = r.i();
    e.stat.ctime_ns = r.i();
    e.stat.mode = r.small(UINT32_MAX);
    e.summary_size = r.u();
    e.history_size = r.u();
    e.summary_sum = r.fixed64();
    e.history_sum = r.fixed64();
}

} // namespace

std::optional<IndexTable> decode_table(std::string_view front, const IndexParts& parts,
                                       std::string_view crm_version) {
    if (front.size() != parts.summaries_at() || front.size() > UINT32_MAX)
        return std::nullopt;
    const std::string_view head = front.substr(kIndexPreamble, parts.head - 8);
    Digest digest;
    digest.add(front.substr(0, kIndexPreamble));
    digest.add(head);
    ByteReader check(front.substr(kIndexPreamble + head.size(), 8));
    IndexTable table;
    Index& index = table.index;
    index.id = check.fixed64();
    if (index.id != digest.value())
        return std::nullopt;
    ByteReader r(head);
    if (r.view() != crm_version || r.bad)
        return std::nullopt;
    index.scan_ns = r.i();
    index.base = r.u();
    // A row of the table takes at least 25 bytes.
    const std::uint64_t count = r.u();
    if (r.bad || count > r.left() / 25)
        return std::nullopt;
    table.rows.resize(count);
    std::uint64_t summary_at = parts.summaries_at();
    std::uint64_t history_at = parts.front();
    std::string_view previous;
    for (std::size_t k = 0; k < count; ++k) {
        IndexTable::Row& row = table.rows[k];
        row.at = static_cast<std::uint32_t>(r.position() - front.data());
        IndexEntry e;
        read_row(r, e);
        if (r.bad || (k > 0 && !(previous < e.path)) ||
            e.summary_size > parts.front() - summary_at ||
            e.history_size > parts.total() - history_at)
            return std::nullopt;
        previous = e.path;
        row.summary_at = summary_at;
        summary_at += e.summary_size;
        row.history_at = history_at;
        history_at += e.history_size;
    }
    if (!r.at_end() || summary_at != parts.front() || history_at != parts.total())
        return std::nullopt;
    return table;
}

std::optional<IndexHeader> decode_header(std::string_view start, std::uint64_t id,
                                         std::string_view crm_version) {
    ByteReader r(start);
    IndexHeader h;
    if (r.view() != crm_version || r.bad)
        return std::nullopt;
    h.index.scan_ns = r.i();
    h.index.base = r.u();
    h.rows = r.u();
    h.index.id = id;
    if (r.bad)
        return std::nullopt;
    return h;
}

IndexEntry table_entry(std::string_view front, const IndexTable& table, std::size_t k) {
    const IndexTable::Row& row = table.rows[k];
    ByteReader r(front.substr(row.at));
    IndexEntry e;
    read_row(r, e);
    e.summary_at = row.summary_at;
    e.history_at = row.history_at;
    e.scan_ns = table.index.scan_ns;
    return e;
}

std::string_view table_path(std::string_view front, const IndexTable& table, std::size_t k) {
    ByteReader r(front.substr(table.rows[k].at));
    return r.view();
}

std::optional<std::size_t> table_find(std::string_view front, const IndexTable& table,
                                      std::string_view path) {
    std::size_t lo = 0;
    std::size_t hi = table.rows.size();
    while (lo < hi) { // the first row whose path is not before `path`
        const std::size_t mid = lo + (hi - lo) / 2;
        if (table_path(front, table, mid) < path)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == table.rows.size() || table_path(front, table, lo) != path)
        return std::nullopt;
    return lo;
}

std::optional<Index> decode_index(std::string_view front, const IndexParts& parts,
                                  std::string_view crm_version) {
    std::optional<IndexTable> table = decode_table(front, parts, crm_version);
    if (!table)
        return std::nullopt;
    Index index = std::move(table->index);
    index.entries.reserve(table->rows.size());
    for (std::size_t k = 0; k < table->rows.size(); ++k)
        index.entries.push_back(table_entry(front, *table, k));
    return index;
}

std::optional<Index> decode_index(std::string_view bytes, std::string_view crm_version) {
    if (bytes.size() < kIndexPreamble)
        return std::nullopt;
    const auto parts = index_parts(bytes.substr(0, kIndexPreamble));
    if (!parts || bytes.size() != parts->total())
        return std::nullopt;
    auto index = decode_index(bytes.substr(0, parts->summaries_at()), *parts, crm_version);
    if (index)
        for (IndexEntry& e : index->entries) {
            e.summary = bytes.substr(e.summary_at, e.summary_size);
            e.history = bytes.substr(e.history_at, e.history_size);
        }
    return index;
}

} // namespace crm
