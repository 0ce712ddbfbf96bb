#include "index_file.hpp"

#include "crm/i18n.hpp"
#include "folder.hpp"
#include "journal.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <libintl.h>
#include <unistd.h>

namespace crm::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempPrefix = "index.tmp-";

std::int64_t nanoseconds(const timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Temporary files of a crm that was killed while writing the index.
void remove_orphans(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(kTempPrefix))
            continue;
        const long pid = std::strtol(name.c_str() + kTempPrefix.size(), nullptr, 10);
        if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
            errno == ESRCH)
            fs::remove(entry.path(), ec);
    }
}

} // namespace

std::string_view index_version() {
    // A record keeps its diagnostics in the language they were made in, so
    // an index made in another language, or with another catalog of it (a
    // translation fixed, crm's version the same), is read as no index and
    // remade: the version names the language and a digest of its catalog
    // file, as gettext found it. The language is chosen once, before the
    // index is first opened.
    if (*language() == '\0')
        return CRM_VERSION;
    static const std::string localised = [] {
        const char* dir = bindtextdomain("crm", nullptr);
        SourceFile catalog;
        if (dir)
            read_source(fs::path(dir) / language() / "LC_MESSAGES", "crm.mo", catalog);
        return fmt::format("{} {} {:016x}", CRM_VERSION, language(), index_sum(catalog.text));
    }();
    return localised;
}

FileStat file_stat(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_dev),
            static_cast<std::uint64_t>(st.st_ino),
            static_cast<std::uint64_t>(st.st_size),
            nanoseconds(st.st_mtim),
            nanoseconds(st.st_ctim),
            static_cast<std::uint32_t>(st.st_mode)};
}

namespace {

bool read_at(int fd, char* into, std::size_t size, std::uint64_t at) {
    while (size > 0) {
        const ssize_t n = ::pread(fd, into, size, static_cast<off_t>(at));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        into += n;
        size -= static_cast<std::size_t>(n);
        at += static_cast<std::uint64_t>(n);
    }
    return true;
}

} // namespace

IndexFile::IndexFile(const fs::path& root, const char* relative, bool delta, bool table)
    : delta_(delta) {
    fd_ = ::open((root / relative).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd_ < 0)
        return;
    struct stat st {};
    std::string preamble(kIndexPreamble, '\0');
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) ||
        !read_at(fd_, preamble.data(), preamble.size(), 0))
        return;
    parts_ = index_parts(preamble);
    if (!parts_ || parts_->total() != static_cast<std::uint64_t>(st.st_size))
        return;
    if (table) {
        read_table();
        return;
    }
    // The head's first fields: crm's version, the scan time, the base and
    // the count, each a few bytes; and the id, the head's last 8 bytes.
    std::string start(std::min<std::uint64_t>(parts_->head - 8, 64 + index_version().size()), '\0');
    unsigned char id[8];
    if (!read_at(fd_, start.data(), start.size(), kIndexPreamble) ||
        !read_at(fd_, reinterpret_cast<char*>(id), 8, kIndexPreamble + parts_->head - 8))
        return;
    std::uint64_t id_value = 0;
    for (int k = 0; k < 8; ++k)
        id_value |= static_cast<std::uint64_t>(id[k]) << (8 * k);
    if (std::optional<IndexHeader> h = decode_header(start, id_value, index_version())) {
        table_.emplace().index = std::move(h->index);
        size_ = h->rows;
        table_later_ = true;
    }
}

bool IndexFile::read_table() const {
    const std::size_t head_size = parts_->summaries_at();
    head_bytes_ = std::make_unique_for_overwrite<char[]>(head_size);
    head_ = std::string_view(head_bytes_.get(), head_size);
    std::optional<IndexTable> table;
    if (read_at(fd_, head_bytes_.get(), head_size, 0))
        table = decode_table(head_, *parts_, index_version());
    // Read later: it must be the table whose header was read.
    if (table && table_later_ && table->index.id != table_->index.id)
        table.reset();
    table_ = std::move(table);
    table_later_ = false;
    size_ = table_ ? table_->rows.size() : 0;
    return table_.has_value();
}

std::optional<std::size_t> IndexFile::find_row(std::string_view path) const {
    if (!rows())
        return std::nullopt;
    return table_find(head_, *table_, path);
}

std::optional<IndexEntry> IndexFile::find(std::string_view path) const {
    const std::optional<std::size_t> k = find_row(path);
    if (!k)
        return std::nullopt;
    return entry(*k);
}

const Index* IndexFile::index() const {
    if (!rows())
        return nullptr;
    if (!index_) {
        Index& index = index_.emplace(table_->index);
        index.entries.reserve(table_->rows.size());
        for (std::size_t k = 0; k < table_->rows.size(); ++k)
            index.entries.push_back(entry(k));
    }
    return &*index_;
}

std::string_view IndexFile::row_path(std::size_t k) const {
    return table_path(head_, *table_, k);
}

IndexEntry IndexFile::entry(std::size_t k) const {
    IndexEntry e = table_entry(head_, *table_, k);
    e.from_delta = delta_;
    if (loaded_) {
        const std::uint64_t at = parts_->summaries_at();
        const std::string_view rest = rest_;
        e.summary = rest.substr(e.summary_at - at, e.summary_size);
        e.history = rest.substr(e.history_at - at, e.history_size);
    }
    return e;
}

IndexFile::~IndexFile() {
    if (fd_ >= 0)
        ::close(fd_);
}

std::optional<std::string_view> IndexFile::summary(const IndexEntry& e, SummaryWindow& w) const {
    if (e.summary.size() == e.summary_size)
        return e.summary; // loaded
    constexpr std::uint64_t kWindow = 256 * 1024;
    if (w.file != this || e.summary_at < w.at ||
        e.summary_at + e.summary_size > w.at + w.bytes.size()) {
        const std::uint64_t size =
            std::min(std::max(kWindow, e.summary_size), parts_->front() - e.summary_at);
        w.bytes.resize(size);
        w.file = nullptr;
        if (size < e.summary_size || !read_at(fd_, w.bytes.data(), w.bytes.size(), e.summary_at))
            return std::nullopt;
        w.file = this;
        w.at = e.summary_at;
    }
    return std::string_view(w.bytes).substr(e.summary_at - w.at, e.summary_size);
}

std::optional<std::string_view> IndexFile::history(const IndexEntry& e, std::string& buffer) const {
    if (e.history.size() == e.history_size)
        return e.history; // loaded
    buffer.resize(e.history_size);
    if (!read_at(fd_, buffer.data(), buffer.size(), e.history_at))
        return std::nullopt;
    return buffer;
}

bool IndexFile::load() {
    if (!rows())
        return false;
    const std::uint64_t at = parts_->summaries_at();
    rest_.resize(parts_->total() - at);
    if (!read_at(fd_, rest_.data(), rest_.size(), at))
        return false;
    loaded_ = true;
    if (index_)
        for (std::size_t k = 0; k < index_->entries.size(); ++k)
            index_->entries[k] = entry(k);
    return true;
}

IndexFiles::IndexFiles(const fs::path& root, bool table)
    : whole_(root, kIndexPath, false, table), delta_(root, kDeltaPath, true) {
    delta_ok_ = whole_header() && delta_.ok() && delta_.header().base == whole_header()->id;
}

std::optional<IndexEntry> IndexFiles::find(std::string_view path) const {
    if (delta_ok_)
        if (std::optional<IndexEntry> e = delta_.find(path))
            return e;
    return whole_header() ? whole_.find(path) : std::nullopt;
}

std::optional<Parsed<Customer>> IndexFiles::read(const IndexEntry& e, Logs logs,
                                                 SummaryWindow& window) const {
    const IndexFile& file = e.from_delta ? delta_ : whole_;
    const std::optional<std::string_view> summary = file.summary(e, window);
    if (!summary)
        return std::nullopt;
    return read_entry(e, *summary, logs, [&]() -> std::optional<std::string_view> {
        thread_local std::string buffer;
        return file.history(e, buffer);
    });
}

IndexWriter::IndexWriter(const fs::path& root) : root_(root) {
    try {
        state_folder(root, false);
    } catch (...) {
        return; // a read-only folder: no index, and nothing said
    }
    static std::atomic<unsigned> counter{0};
    temp_ = root / ".crm" / fmt::format("{}{}-{}", kTempPrefix, ::getpid(), counter++);
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    struct stat st {};
    if (fd_ >= 0 && ::fstat(fd_, &st) != 0) {
        ::close(fd_);
        fd_ = -1;
        ::unlink(temp_.c_str());
    }
    scan_ns_ = nanoseconds(st.st_mtim);
}

IndexWriter::~IndexWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
        ::unlink(temp_.c_str());
    }
}

bool IndexWriter::commit(Index index, const char* relative) {
    if (fd_ < 0)
        return false;
    index.scan_ns = scan_ns_;
    bool written = true;
    encode_index(index, index_version(),
                 [&](std::string_view bytes) { written = written && write_all(fd_, bytes); });
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    if (!written || !closed || ::rename(temp_.c_str(), (root_ / relative).c_str()) != 0) {
        ::unlink(temp_.c_str());
        return false;
    }
    if (index.base == 0)
        ::unlink((root_ / kDeltaPath).c_str());
    remove_orphans(root_ / ".crm");
    return true;
}

} // namespace crm::io
