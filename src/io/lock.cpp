#include "lock.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "process.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace crm::io {

namespace {

// A folder someone may read but not write still has a lock file from an
// earlier write; flock works on a read-only descriptor, so use it.
int open_lock_file(const std::filesystem::path& path) {
    // O_NOFOLLOW: a lock file replaced by a symbolic link must not make crm
    // create or open whatever the link names.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
        const int why = errno;
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            errno = why; // "permission denied" says more than "no such file"
    }
    return fd;
}

} // namespace

FolderLock::FolderLock(const std::filesystem::path& root, std::chrono::milliseconds patience) {
    const auto path = root / kLockFile;
    fd_ = open_lock_file(path);
    if (fd_ < 0)
        throw Error(trf("cannot write in '{}': {} (making the lock file {}); nothing "
                        "was changed",
                        root.string(), errno_text(errno), kLockFile));
    // Polling rather than a blocking flock, so that a stuck writer (a git
    // hook waiting for a passphrase) ends in a message, not a hang.
    const auto give_up = std::chrono::steady_clock::now() + patience;
    auto pause = std::chrono::microseconds(200);
    while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const int error = errno;
            ::close(fd_);
            throw Error(trf("cannot lock '{}': {}", path.string(), errno_text(error)));
        }
        if (std::chrono::steady_clock::now() > give_up) {
            ::close(fd_);
            throw Error(trf("another crm has been writing in '{}' for too long; "
                            "nothing was changed, try again",
                            root.string()));
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(2'000));
    }
}

FolderLock::~FolderLock() {
    if (fd_ >= 0)
        ::close(fd_); // closing the last descriptor releases the flock
}

} // namespace crm::io
