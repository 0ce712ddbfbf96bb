#pragma once
// Serialising crm's writers: one lock per folder, held for a whole
// read-modify-write (and the git commit after it). The lock is flock(2) on
// `.crm.lock` in the folder, never on a data file: a write replaces the data
// file by rename, and a lock on the old inode would lock nothing.

#include <chrono>
#include <filesystem>

namespace crm::io {

// The lock file's name, in the folder's root.
inline constexpr const char* kLockFile = ".crm.lock";

class FolderLock {
  public:
    // Waits up to `patience` for the lock of folder `root`. Throws crm::Error
    // when the lock file cannot be opened (a read-only folder) or another
    // crm keeps it longer. The kernel releases it if crm dies.
    explicit FolderLock(const std::filesystem::path& root,
                        std::chrono::milliseconds patience = std::chrono::seconds(60));
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

  private:
    int fd_ = -1;
};

} // namespace crm::io
