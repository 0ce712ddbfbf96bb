#pragma once
// The index on disk, .crm/index: read by mapping it, written whole to a
// temporary file beside it and renamed into place, so that a reader sees
// the old index or the new one, never a mix. Nothing is lost when it is
// missing, damaged or cannot be written: crm then reads the files.

#include "crm/index.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace crm::io {

// Where the index is, relative to the folder: the whole index, and the
// delta of what changed since it was written (Index::base).
inline constexpr const char* kIndexPath = ".crm/index";
inline constexpr const char* kDeltaPath = ".crm/index.delta";

// crm's version as the index records it: an index of another version is
// not read.
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
class IndexFile {
  public:
    IndexFile(const std::filesystem::path& root, const char* relative);
    ~IndexFile();
    IndexFile(const IndexFile&) = delete;
    IndexFile& operator=(const IndexFile&) = delete;

    // nullptr when there is no such file, or it is not a whole index of
    // this version.
    const Index* index() const { return index_ ? &*index_ : nullptr; }
    // An entry's summary, through `window`; its history, into `buffer`;
    // nullopt when they cannot be read.
    std::optional<std::string_view> summary(const IndexEntry& e, SummaryWindow& window) const;
    std::optional<std::string_view> history(const IndexEntry& e, std::string& buffer) const;
    // Reads every summary and history, so that the entries' views hold them
    // (to write them into another index); false when that fails.
    bool load();
    bool owns(const IndexEntry* e) const {
        return index_ && !index_->entries.empty() && e >= &index_->entries.front() &&
               e <= &index_->entries.back();
    }

  private:
    int fd_ = -1;
    std::string head_;
    std::string rest_; // summaries and histories, once loaded
    std::optional<IndexParts> parts_;
    std::optional<Index> index_;
};

// The folder's index: the whole one and, when it amends that one, the delta.
class IndexFiles {
  public:
    explicit IndexFiles(const std::filesystem::path& root);
    const Index* whole() const {
        const Index* w = whole_.index();
        return w && w->base == 0 ? w : nullptr;
    }
    const Index* delta() const { return delta_ok_ ? delta_.index() : nullptr; }
    // The entry of `path`: the delta's, else the whole index's; nullptr.
    const IndexEntry* find(std::string_view path) const;
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
