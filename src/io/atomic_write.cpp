#include "atomic_write.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "process.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crm::io {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> g_counter{0};

std::string temp_prefix(const fs::path& target) {
    return fmt::format(".{}.crm-tmp-", target.filename().string());
}

// `existed`: whether there was a file to leave unchanged (crm add makes one).
[[noreturn]] void fail(const std::string& relative, std::string_view what, int error,
                       bool existed = true) {
    throw Error(trf("cannot write '{}': {}{}; {}", relative, what, errno_text(error),
                    existed ? tr("the file is unchanged") : tr("nothing was written")));
}

// The rename is only durable once the folder's entry is on disk too. Some
// file systems cannot sync a folder (EINVAL); the data itself is synced.
// The file is in place by then, so a failure is a warning, not an error:
// the write must still be journalled and committed.
std::string sync_folder(const fs::path& dir, const std::string& relative) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return "";
    const bool failed = ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS;
    const int error = errno;
    ::close(fd);
    if (failed)
        return trf("'{}' is written but the folder could not be synced: {}", relative,
                   errno_text(error));
    return "";
}

} // namespace

int rename_no_replace(const fs::path& from, const fs::path& to) {
    if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    if (::link(from.c_str(), to.c_str()) != 0)
        return errno;
    ::unlink(from.c_str());
    return 0;
}

AtomicFile::AtomicFile(const fs::path& root, std::string relative, Temp temp)
    : target_(root / relative), relative_(std::move(relative)) {
    const fs::path dir = target_.parent_path();
    for (int attempt = 0; fd_ < 0; ++attempt) {
        if (temp == Temp::locked) {
            temp_ = dir / (temp_prefix(target_) + "locked");
            ::unlink(temp_.c_str()); // a killed writer's
        } else
            temp_ = dir / fmt::format("{}{}-{}", temp_prefix(target_), getpid(), g_counter++);
        fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt > 100)) {
            const std::string folder = fs::path(relative_).parent_path().string();
            fail(relative_, trf("cannot create a file in '{}': ", folder), errno);
        }
    }
    struct stat mine {};
    if (::fstat(fd_, &mine) == 0)
        inode_ = mine.st_ino;
    // The replacement keeps the original's permissions (a file kept private
    // stays private), and its owner and group where crm may give them (root
    // logging on a colleague's file must not make it root's).
    struct stat st {};
    existed_ = ::stat(target_.c_str(), &st) == 0;
    if (existed_) {
        ::fchmod(fd_, st.st_mode & 07777);
        if (st.st_uid != mine.st_uid || st.st_gid != mine.st_gid) [[maybe_unused]]
            const int ignored = ::fchown(fd_, st.st_uid, st.st_gid);
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0)
        ::close(fd_);
    // Only our own file: after an exchange put back, the path may briefly
    // hold someone else's.
    struct stat st {};
    if (!committed_ && ::lstat(temp_.c_str(), &st) == 0 && st.st_ino == inode_)
        ::unlink(temp_.c_str());
}

std::optional<FileState> read_state(const fs::path& path, const std::string& relative) {
    // O_NONBLOCK: a FIFO named like a customer file must not hang the agenda.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT)
        return std::nullopt;
    if (fd < 0 && errno == ELOOP)
        throw Error(trf("'{}' is a symbolic link; crm writes only regular files (edit "
                        "the file it points to, or replace the link by that file)",
                        relative));
    if (fd < 0)
        throw Error(trf("cannot read '{}': {}", relative, errno_text(errno)));
    struct stat st {};
    std::string why;
    if (::fstat(fd, &st) != 0)
        why = errno_text(errno);
    else if (!S_ISREG(st.st_mode))
        why = tr("it is not a regular file");
    else if ((st.st_mode & S_IWUSR) == 0)
        why = trf("it is read-only (mode {:04o}); make it writable (chmod u+w) if crm may write it",
                  st.st_mode & 07777);
    else if (st.st_nlink > 1)
        why = trf("it has {} hard links, and a rewrite would split them (copy it to a file of its "
                  "own first)",
                  st.st_nlink);
    FileState state{st.st_dev, st.st_ino, {}};
    char buffer[8192];
    ssize_t n = 0;
    while (why.empty() && (n = ::read(fd, buffer, sizeof buffer)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            why = errno_text(errno);
        else
            state.bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (!why.empty())
        throw Error(trf("cannot write '{}': {}; nothing was written", relative, why));
    return state;
}

void AtomicFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(relative_, "", n < 0 ? errno : ENOSPC, existed_);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string AtomicFile::read_back() const {
    std::string out;
    const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(relative_, tr("cannot read back the new text: "), errno);
    char buffer[8192];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            fail(relative_, tr("cannot read back the new text: "), error);
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

void AtomicFile::sync_and_close() {
    if (fd_ < 0)
        return;
    if (::fsync(fd_) != 0)
        fail(relative_, "", errno, existed_);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0)
        fail(relative_, "", errno, existed_);
}

namespace {

bool same_file(const std::optional<FileState>& now, const FileState& read) {
    return now && now->device == read.device && now->inode == read.inode &&
           now->bytes == read.bytes;
}

// Whether `path` is still exactly the file read, without throwing: after an
// exchange, whatever sits there (a link, a read-only file) must go back.
bool still_the_file(const fs::path& path, const FileState& read) {
    try {
        return same_file(read_state(path, path.filename().string()), read);
    } catch (const Error&) {
        return false;
    }
}

} // namespace

bool AtomicFile::commit_if_unchanged(const FileState& read) {
    sync_and_close();
    // The slow part (the sync) is over: only now is the file compared, so
    // that a save during the sync is seen.
    if (!same_file(read_state(target_, relative_), read))
        return false;
    if (before_exchange)
        before_exchange();
    if (renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS)
            fail(relative_, "", errno);
        // No exchange on this file system: a plain rename, right after the check.
        if (::rename(temp_.c_str(), target_.c_str()) != 0)
            fail(relative_, "", errno);
        committed_ = true;
        warning_ = sync_folder(target_.parent_path(), relative_);
        return true;
    }
    // The file we replaced now sits at the temporary path: if it is not the
    // one we read, someone saved in between; their file goes back.
    if (!still_the_file(temp_, read)) {
        if (renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0)
            keep_stranded_save(errno);
        return false;
    }
    committed_ = true;
    ::unlink(temp_.c_str());
    warning_ = sync_folder(target_.parent_path(), relative_);
    return true;
}

void AtomicFile::keep_stranded_save(int error) {
    // The other writer's save is at our temporary path, which the next write
    // would clean up: give it a name of its own and say where it is.
    const fs::path kept = target_.parent_path() /
                          fmt::format(".{}.crm-conflict-{}", target_.filename().string(), getpid());
    const bool moved = ::rename(temp_.c_str(), kept.c_str()) == 0;
    committed_ = true; // what is at the target is ours; nothing is removed
    throw Error(trf("cannot put back a save made to '{}' meanwhile ({}); it is kept as "
                    "'{}' — compare the two and keep what you want",
                    relative_, errno_text(error), moved ? kept.string() : temp_.string()));
}

void AtomicFile::commit(Mode mode) {
    sync_and_close();
    if (mode == Mode::create) {
        if (const int error = rename_no_replace(temp_, target_); error == EEXIST)
            throw Error(trf("'{}' exists already; nothing was written", relative_));
        else if (error != 0)
            fail(relative_, "", error, false);
    } else if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        fail(relative_, "", errno);
    }
    committed_ = true;
    warning_ = sync_folder(target_.parent_path(), relative_);
}

} // namespace crm::io
