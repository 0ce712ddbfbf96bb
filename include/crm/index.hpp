#pragma once
// The index of a folder's customer files, kept in .crm/index (crm(5), THE
// STATE FOLDER): for each file, the stat data it had when crm read it and
// what parse_customer_text made of it, so that a file whose stat data has
// not changed is not read again. As git's index does for a work tree.
// Pure: bytes in, values out; the io layer stats, reads and writes.

#include "crm/customer.hpp"
#include "crm/parse.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Raised whenever what a record or the file holds changes shape: an index
// of another format (or another crm version) is read as no index at all.
inline constexpr std::uint32_t kIndexFormat = 4;

// What stat(2) says of a file, as far as the index compares it.
struct FileStat {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint32_t mode = 0;

    bool operator==(const FileStat&) const = default;
};

// What the index keeps of a file: everything parse_customer_text returned
// (with notes skipped) in two parts, so that what most commands read is a
// small part of the file: the summary (the customer as Logs::last has it,
// and the diagnostics) and the history (every [[log]]).
struct Record {
    std::string summary;
    std::string history;
};
// The id and path are not kept: the entry's path gives them.
Record encode_record(const Parsed<Customer>& parsed, std::string_view path);
// The parse back, for the file at `path`, as `logs` asks (the history is
// read only for Logs::all, or for a customer with plans); nullopt when the
// bytes are not a whole record of this format.
// `history` is asked for the history's bytes only when they are needed,
// and gives nullopt when they are damaged.
using HistorySource = std::function<std::optional<std::string_view>()>;
std::optional<Parsed<Customer>> decode_record(std::string_view summary,
                                              const HistorySource& history, std::string_view path,
                                              Logs logs);

// One customer file: its path relative to the folder, its stat data when it
// was read, and its record's two parts with their XXH3-64 checksums. The
// views point into the index file's bytes or into the caller's buffers.
struct IndexEntry {
    std::string_view path;
    FileStat stat;
    // The record's parts, when loaded (IndexParts says when they are not);
    // their checksums and places in the index file, set by decode_index.
    std::string_view summary;
    std::string_view history;
    std::uint64_t summary_sum = 0;
    std::uint64_t history_sum = 0;
    std::uint64_t summary_at = 0;
    std::uint64_t summary_size = 0;
    std::uint64_t history_at = 0;
    std::uint64_t history_size = 0;
    std::int64_t scan_ns = 0; // the scan time of the index it was read from (decode_index)
    bool from_delta = false;  // read from a delta (set by the io layer, which reads both)
};

// A whole index, or a delta: the entries that changed since a whole index
// was written, which stand in for its entries of the same paths. A change
// among many files rewrites the small delta, not the whole index (git's
// split index does the same).
struct Index {
    // The file system's clock just before any file of this index was read
    // (the mtime of the index's temporary file when it was made).
    std::int64_t scan_ns = 0;
    // 0 for a whole index; for a delta, the id of the whole index it amends.
    std::uint64_t base = 0;
    // Set by decode_index: the checksum of the header and table, which
    // names this index (a delta's `base`).
    std::uint64_t id = 0;
    std::vector<IndexEntry> entries; // sorted by path, each path once

    // The entry of `path`, or nullptr.
    const IndexEntry* find(std::string_view path) const;
};

// Whether `entry` may stand for its file, whose stat data is now `now`: the
// stat data is unchanged, and the file was last changed before the index's
// scan began. A file changed in the same clock tick as crm read it keeps
// the mtime crm saw and may hold other bytes, so an entry whose mtime is not
// older than the scan is "racily clean" (git's term) and is read again;
// so is a file whose mtime is in the future. The scan is that of the
// index the entry was read from (IndexEntry::scan_ns).
bool is_fresh(const IndexEntry& entry, const FileStat& now);

// The checksum the index keeps of a part (XXH3-64).
std::uint64_t index_sum(std::string_view bytes);

// An entry's parse from its summary's bytes, once the parts it reads match
// their checksums (a damaged record is no record: its file is read). The
// history, when it is needed and not loaded, is what `load` gives.
std::optional<Parsed<Customer>> read_entry(const IndexEntry& entry, std::string_view summary,
                                           Logs logs, const HistorySource& load = {});
// The same with the entry's loaded summary.
std::optional<Parsed<Customer>> read_entry(const IndexEntry& entry, Logs logs);

// The index file: a preamble ("crm-index", kIndexFormat, the sizes of the
// three parts), the head (crm's version, the scan time, the entries' table,
// and a checksum of all that), every summary, then every history. The
// first two parts are what most runs read, in one read. Written in pieces to
// `sink`, so that it is never all in memory; the checksums are made here.
void encode_index(const Index& index, std::string_view crm_version,
                  const std::function<void(std::string_view)>& sink);
std::string encode_index(const Index& index, std::string_view crm_version);

inline constexpr std::size_t kIndexPreamble = 10 + 4 + 3 * 8;

// The sizes the preamble gives; `front` is what precedes the histories.
struct IndexParts {
    std::uint64_t head = 0;
    std::uint64_t summaries = 0;
    std::uint64_t histories = 0;
    std::uint64_t front() const { return kIndexPreamble + head + summaries; }
    std::uint64_t summaries_at() const { return kIndexPreamble + head; }
    std::uint64_t total() const { return front() + histories; }
};
// nullopt unless `preamble` (kIndexPreamble bytes) starts an index of
// kIndexFormat with sizes that add up.
std::optional<IndexParts> index_parts(std::string_view preamble);

// The index whose first kIndexPreamble + parts.head bytes are `head`:
// nullopt unless it was written by `crm_version` and its head matches its
// checksum, so a truncated, damaged or foreign index is no index. The
// records' checksums are checked as they are read (read_entry), so a run
// reads only the parts it needs; none is loaded.
std::optional<Index> decode_index(std::string_view head, const IndexParts& parts,
                                  std::string_view crm_version);
// The same from a whole file's bytes, histories loaded.
std::optional<Index> decode_index(std::string_view bytes, std::string_view crm_version);

// An index's table checked as decode_index checks it, with its entries left
// in the bytes: a command that needs a few entries (crm log ID among
// 100,000) decodes those, not a vector of all of them.
struct IndexTable {
    Index index; // its scan_ns, base and id; no entries
    struct Row {
        std::uint32_t at; // where the row starts in the head's bytes
        std::uint64_t summary_at;
        std::uint64_t history_at;
    };
    std::vector<Row> rows; // in path order
};
std::optional<IndexTable> decode_table(std::string_view front, const IndexParts& parts,
                                       std::string_view crm_version);
// The head's first fields (scan time, base, and how many rows), from the
// head's first bytes `start` (after the preamble), and `id`, the checksum
// the head ends with, neither of them checked against the table: for a
// write that amends the index with a delta and reads nothing else of it. A
// damaged table is found by the next reader, which then reads no index.
struct IndexHeader {
    Index index; // no entries
    std::uint64_t rows = 0;
};
std::optional<IndexHeader> decode_header(std::string_view start, std::uint64_t id,
                                         std::string_view crm_version);
// Row `k` of `table`, whose head is `front`, as decode_index gives it.
IndexEntry table_entry(std::string_view front, const IndexTable& table, std::size_t k);
// Row `k`'s path alone.
std::string_view table_path(std::string_view front, const IndexTable& table, std::size_t k);
// The row of `path`, by binary search; nullopt when it has none.
std::optional<std::size_t> table_find(std::string_view front, const IndexTable& table,
                                      std::string_view path);

} // namespace crm
