#include "update.hpp"

#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "folder.hpp"
#include "process.hpp"

#include <cerrno>
#include <fmt/format.h>

namespace crm::io {

namespace {

// Writes `text` to a temporary file and checks what the disk gave back;
// the caller decides whether to commit.
void write_checked(AtomicFile& file, const std::string& relative, std::string_view before,
                   std::string_view text, const Verify& verify) {
    file.write(text);
    const std::string written = file.read_back();
    std::string problem =
        written == text ? verify(before, written) : "the bytes read back differ from those written";
    if (!problem.empty())
        throw Error(
            fmt::format("refusing to write '{}': {}; the file is unchanged", relative, problem));
}

} // namespace

std::string read_file(const std::filesystem::path& root, const std::string& relative) {
    SourceFile f = read_source(root, relative);
    if (f.read_error.empty())
        return std::move(f.text);
    std::error_code ec;
    if (!std::filesystem::exists(root / relative, ec))
        throw Error(fmt::format("'{}' no longer exists (deleted or renamed meanwhile); nothing "
                                "was written",
                                relative));
    throw Error(fmt::format("cannot read '{}': {}", relative, f.read_error));
}

std::string rewrite_file(const std::filesystem::path& root, const std::string& relative,
                         const Rewrite& rewrite, const Verify& verify) {
    remove_stale_temporaries(root, relative);
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::string before = read_file(root, relative);
        const std::string text = rewrite(before);
        AtomicFile file(root, relative);
        write_checked(file, relative, before, text, verify);
        // An editor that saved since we read would lose its save to our
        // rename: compare the bytes once more, as late as possible.
        if (read_source(root, relative).text != before)
            continue; // the temporary file is removed; start over from the new save
        file.commit();
        return before;
    }
    throw Error(fmt::format("'{}' keeps changing on disk while crm writes it; nothing was "
                            "written, try again",
                            relative));
}

void create_file(const std::filesystem::path& root, const std::string& relative,
                 std::string_view text, const Verify& verify) {
    remove_stale_temporaries(root, relative);
    AtomicFile file(root, relative);
    write_checked(file, relative, "", text, verify);
    file.commit(AtomicFile::Mode::create);
}

} // namespace crm::io
