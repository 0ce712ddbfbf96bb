#pragma once
// Writing a file so that it is never half-written: the bytes go to a
// temporary file in the same folder, are read back and checked, synced, and
// only then renamed over the original (and the folder synced, so the rename
// itself survives a power cut). Nothing happens in a destructor but removing
// an uncommitted temporary file: committing is always explicit.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace crm::io {

// A file as crm read it: which file it was (device and inode) and its
// bytes, so that a later check can tell whether anyone changed or replaced
// it since.
struct FileState {
    dev_t device = 0;
    ino_t inode = 0;
    std::string bytes;
};

// Reads `path` without following a symbolic link and without blocking on a
// FIFO or device: nullopt when it does not exist; throws crm::Error naming
// `relative` when it is not a regular file (a symbolic link, a folder, a
// FIFO), has several hard links, or cannot be read.
std::optional<FileState> read_state(const std::filesystem::path& path, const std::string& relative);

class AtomicFile {
  public:
    // How the temporary file is named: after this process (any writer), or
    // after the target alone, by a writer holding the folder lock. Under the
    // lock no other crm is writing, so a file of that name is one a killed
    // crm left, and is removed: no listing of the folder is needed to find
    // it (which costs as much as the rest of a write among 100,000 files).
    enum class Temp { unique, locked };
    // A new temporary file next to `root / relative`, named
    // ".<name>.crm-tmp-<pid>-<n>", or ".<name>.crm-tmp-locked" (hidden, so
    // readers skip it), with the target's permissions when it exists.
    // `relative` names it in messages. Throws crm::Error when the folder
    // cannot be written.
    AtomicFile(const std::filesystem::path& root, std::string relative, Temp temp = Temp::unique);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Writes all of `bytes`; throws crm::Error on any failure (a full disk).
    void write(std::string_view bytes);

    // The bytes as the file system now holds them, for checking.
    std::string read_back() const;

    enum class Mode {
        replace, // rename over the target
        create,  // fail, without touching anything, when the target exists
    };
    // Syncs the data, moves it into place, and syncs the folder. Throws
    // crm::Error when any step fails; the target is then as it was.
    void commit(Mode mode = Mode::replace);

    // Syncs the data, then moves it over the target only if the target is
    // still `read` (the same file, the same bytes): checked once after the
    // sync, and again on the replaced file itself right after an atomic
    // exchange (RENAME_EXCHANGE), which puts back a save that landed between
    // the check and the exchange. Returns false, with the target as the
    // other writer left it, when it changed. Throws crm::Error on failure.
    bool commit_if_unchanged(const FileState& read);

    // Set when the file is in place but the folder could not be synced.
    const std::string& warning() const { return warning_; }

    // For tests: runs right before the exchange, after the last check, so a
    // test can save the file in the one window a check cannot see.
    std::function<void()> before_exchange;

  private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::string relative_;
    int fd_ = -1;
    ino_t inode_ = 0; // of the temporary file, so that only it is ever removed
    bool committed_ = false;
    bool existed_ = false; // whether the target was there: what a failure leaves "unchanged"
    std::string warning_;

    void sync_and_close();
    [[noreturn]] void keep_stranded_save(int error);
};

// Moves `from` to `to` unless `to` exists, atomically (link() serves the
// file systems without RENAME_NOREPLACE); returns 0 or the errno.
int rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to);

} // namespace crm::io
