#include "update.hpp"

#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "folder.hpp"
#include "process.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace crm::io {

namespace {

// Writes `text` to a temporary file and checks what the disk gave back;
// the caller decides whether to commit.
void write_checked(AtomicFile& file, const std::string& relative, std::string_view before,
                   std::string_view text, const Verify& verify) {
    file.write(text);
    const std::string written = file.read_back();
    std::string problem = written == text ? verify(before, written)
                                          : tr("the bytes read back differ from those written");
    if (!problem.empty())
        throw Error(trf("refusing to write '{}': {}; the file is unchanged", relative, problem));
}

} // namespace

std::string read_file(const std::filesystem::path& root, const std::string& relative) {
    SourceFile f = read_source(root, relative);
    if (f.read_error.empty())
        return std::move(f.text);
    std::error_code ec;
    if (!std::filesystem::exists(root / relative, ec))
        throw Error(trf("'{}' no longer exists (deleted or renamed meanwhile); nothing "
                        "was written",
                        relative));
    throw Error(trf("cannot read '{}': {}", relative, f.read_error));
}

std::string rewrite_file(const std::filesystem::path& root, const std::string& relative,
                         const Rewrite& rewrite, const Verify& verify, const RaceHook& hook,
                         std::string* warning) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const std::optional<FileState> read = read_state(root / relative, relative);
        if (!read)
            throw Error(trf("'{}' no longer exists (deleted or renamed meanwhile); "
                            "nothing was written",
                            relative));
        const std::string text = rewrite(read->bytes);
        AtomicFile file(root, relative, AtomicFile::Temp::locked);
        write_checked(file, relative, read->bytes, text, verify);
        if (hook)
            file.before_exchange = [&] { hook(attempt); };
        // An editor that saved since we read would lose its save to our
        // rename: the file is compared after the sync, at the rename itself.
        if (file.commit_if_unchanged(*read)) {
            if (warning)
                *warning = file.warning();
            return read->bytes;
        }
    } // the temporary file is removed; start over from the new save
    throw Error(trf("'{}' keeps changing on disk while crm writes it; nothing was "
                    "written, try again",
                    relative));
}

void create_file(const std::filesystem::path& root, const std::string& relative,
                 std::string_view text, const Verify& verify, std::string* warning) {
    AtomicFile file(root, relative, AtomicFile::Temp::locked);
    write_checked(file, relative, "", text, verify);
    file.commit(AtomicFile::Mode::create);
    if (warning)
        *warning = file.warning();
}

} // namespace crm::io

namespace crm::io {

void remove_file(const std::filesystem::path& root, const std::string& relative,
                 std::string_view expected) {
    const std::filesystem::path target = root / relative;
    const std::optional<FileState> read = read_state(target, relative);
    if (!read)
        return;
    if (read->bytes != expected)
        throw Error(trf("'{}' changed since crm wrote it; it is left as it is", relative));
    // Moved aside first, under a name of its own that no clean-up removes,
    // so that what is removed is exactly what was checked.
    const std::filesystem::path aside =
        target.parent_path() /
        fmt::format(".{}.crm-removing-{}", target.filename().string(), getpid());
    if (const int error = rename_no_replace(target, aside); error != 0)
        throw Error(trf("cannot remove '{}': {}", relative, errno_text(error)));
    bool same = false;
    try {
        const std::optional<FileState> moved = read_state(aside, relative);
        same = moved && moved->inode == read->inode && moved->bytes == expected;
    } catch (const Error&) {
    }
    if (same) {
        ::unlink(aside.c_str());
        return;
    }
    if (rename_no_replace(aside, target) == 0)
        throw Error(trf("'{}' changed while crm removed it; it is left as it is", relative));
    throw Error(trf("'{}' changed while crm removed it, and a new file took its place; "
                    "the changed one is kept as '{}'",
                    relative, aside.string()));
}

} // namespace crm::io
