#pragma once
// The index on disk, .crm/index: read with pread, written whole to a
// temporary file beside it and renamed into place, so that a reader sees
// the old index or the new one, never a mix. Nothing is lost when it is
// missing, damaged or cannot be written: crm then reads the files.

#include "crm/index.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace crm::io {

// Where the index is, relative to the folder: the whole index, and the
// delta of what changed since it was written (Index::base).
inline constexpr const char* kIndexPath = ".crm/index";
inline constexpr const char* kDeltaPath = ".crm/index.delta";

// crm's version as the index records it, with the language of its messages
// when that is not English: an index of another version is not read.
std::string_view index_version();

FileStat file_stat(const struct stat& st);

// Where a worker last read summaries: consecutive entries' summaries come
// from one read of a few hundred kilobytes, not one read each, and not the
// whole of them in memory.
struct SummaryWindow {
    const void* file = nullptr;
    std::uint64_t at = 0;
    std::string bytes;
};

// An index file: its preamble and head (the table) read in one read when
// this is made; the summaries and histories read when asked for. The file
// stays open, so a rename over it meanwhile changes nothing for this
// reader, and a file cut short meanwhile reads as damage, never a crash.
// The table's entries are decoded when asked for: one by find(), all by
// index().
class IndexFile {
  public:
    // `table` false: the head's first fields and its id alone are read
    // (decode_header); the table is read and checked when entries are
    // asked for (index(), which is then nullptr if it does not check).
    IndexFile(const std::filesystem::path& root, const char* relative, bool delta,
              bool table = true);
    ~IndexFile();
    IndexFile(const IndexFile&) = delete;
    IndexFile& operator=(const IndexFile&) = delete;

    // Whether the file is a whole index (or delta) of this version; its
    // scan time, base and id (no entries), and how many entries it has.
    bool ok() const { return table_.has_value(); }
    const Index& header() const { return table_->index; }
    std::size_t size() const { return table_ ? size_ : 0; }
    // The row of `path`, by binary search, and its entry decoded alone;
    // nullopt when it has none.
    std::optional<std::size_t> find_row(std::string_view path) const;
    std::optional<IndexEntry> find(std::string_view path) const;
    // All entries, decoded on the first call (not thread-safe: call it
    // before starting workers); nullptr when !ok().
    const Index* index() const;
    // The entries one by one, for a walk over all of them that keeps no
    // vector of them all: rows() reads the table if only the header was
    // (false when it does not check); row_path(k) is entry(k).path; entry(k)
    // holds the record's views once load() read them.
    bool rows() const { return table_ && (!table_later_ || read_table()); }
    std::string_view row_path(std::size_t k) const;
    IndexEntry entry(std::size_t k) const;
    // An entry's summary, through `window`; its history, into `buffer`;
    // nullopt when they cannot be read.
    std::optional<std::string_view> summary(const IndexEntry& e, SummaryWindow& window) const;
    std::optional<std::string_view> history(const IndexEntry& e, std::string& buffer) const;
    // Reads every summary and history, so that the entries' views hold them
    // (to write them into another index); false when that fails.
    bool load();

  private:
    int fd_ = -1;
    bool delta_;
    // The preamble and head: not a std::string, which would zero the
    // megabytes it is about to read.
    mutable std::unique_ptr<char[]> head_bytes_;
    mutable std::string_view head_;
    std::string rest_; // summaries and histories, once loaded
    bool loaded_ = false;
    std::optional<IndexParts> parts_;
    // Of the file as read: the table, or (table_later_) only its header.
    mutable std::optional<IndexTable> table_;
    mutable std::size_t size_ = 0;
    mutable bool table_later_ = false;
    mutable std::optional<Index> index_; // decoded from table_ when asked

    bool read_table() const;
};

// The folder's index: the whole one and, when it amends that one, the delta.
class IndexFiles {
  public:
    // `table` false: the whole index's table is read only when asked for
    // (IndexFile); the delta is read whole.
    explicit IndexFiles(const std::filesystem::path& root, bool table = true);
    // The whole index's header (no entries), when there is one.
    const Index* whole_header() const {
        return whole_.ok() && whole_.header().base == 0 ? &whole_.header() : nullptr;
    }
    std::size_t whole_size() const { return whole_header() ? whole_.size() : 0; }
    // All entries (decoded on the first call: see IndexFile::index()).
    const Index* whole() const { return whole_header() ? whole_.index() : nullptr; }
    const Index* delta() const { return delta_ok_ ? delta_.index() : nullptr; }
    // The entry of `path`: the delta's, else the whole index's; nullopt.
    std::optional<IndexEntry> find(std::string_view path) const;
    // The two files, for a walk over their rows: nullptr when there is no
    // whole index, or no delta that amends it, or its table does not check.
    const IndexFile* whole_file() const {
        return whole_header() && whole_.rows() ? &whole_ : nullptr;
    }
    const IndexFile* delta_file() const { return delta_ok_ && delta_.rows() ? &delta_ : nullptr; }
    // An entry's parse (read_entry), read from its file through `window`.
    std::optional<Parsed<Customer>> read(const IndexEntry& e, Logs logs,
                                         SummaryWindow& window) const;
    // The delta's records, or both files' records, loaded (IndexFile::load).
    bool load_delta() { return !delta() || delta_.load(); }
    bool load_all() { return whole_.load() && load_delta(); }

  private:
    IndexFile whole_;
    IndexFile delta_;
    bool delta_ok_ = false;
};

// A new index: its temporary file is made when this is constructed, so
// that its mtime is the file system's clock before any file is read for it
// (Index::scan_ns). ok() is false when the state folder cannot be written
// (a read-only folder): crm then works without writing an index.
class IndexWriter {
  public:
    explicit IndexWriter(const std::filesystem::path& root);
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    bool ok() const { return fd_ >= 0; }
    std::int64_t scan_ns() const { return scan_ns_; }

    // Writes `index` (whose scan_ns is set here) and renames it over
    // `relative` (kIndexPath or kDeltaPath); a whole index removes the
    // delta. False, with the old files in place, when that fails.
    bool commit(Index index, const char* relative);

  private:
    std::filesystem::path root_;
    std::filesystem::path temp_;
    int fd_ = -1;
    std::int64_t scan_ns_ = 0;
};

} // namespace crm::io
