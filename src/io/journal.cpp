#include "journal.hpp"

#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "folder.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>

namespace crm::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* kJournalDir = ".crm/journal";

// Entry files are named by their number, zero-padded so that names sort.
std::string entry_name(std::uint64_t seq) {
    return fmt::format("{:010}", seq);
}

std::vector<std::pair<std::uint64_t, std::string>> entry_files(const fs::path& root) {
    std::vector<std::pair<std::uint64_t, std::string>> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root / kJournalDir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() != 10 || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        out.emplace_back(std::stoull(name), name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

fs::path state_folder(const fs::path& root, bool journal) {
    const fs::path dir = root / ".crm";
    std::error_code ec;
    fs::create_directories(journal ? dir / "journal" : dir, ec);
    if (ec)
        throw Error(trf("cannot make crm's state folder '.crm': {}", ec.message()));
    if (!fs::exists(dir / ".gitignore", ec)) {
        std::ofstream out(dir / ".gitignore", std::ios::binary);
        out << "# crm's own state (undo journal, index): never committed\n*\n";
        if (!out.flush())
            throw Error(tr("cannot write '.crm/.gitignore'"));
    }
    return dir;
}

std::vector<JournalEntry> read_journal(const fs::path& root) {
    std::vector<JournalEntry> out;
    for (const auto& [seq, name] : entry_files(root)) {
        const SourceFile f = read_source(root, fmt::format("{}/{}", kJournalDir, name));
        auto entry = f.read_error.empty() ? parse_entry(f.text) : std::nullopt;
        if (entry && entry->seq == seq)
            out.push_back(std::move(*entry));
    }
    return out;
}

std::uint64_t append_journal(const fs::path& root, JournalEntry entry) {
    state_folder(root);
    const auto files = entry_files(root);
    entry.seq = files.empty() ? 1 : files.back().first + 1;
    AtomicFile file(root, fmt::format("{}/{}", kJournalDir, entry_name(entry.seq)));
    file.write(format_entry(entry));
    file.commit(AtomicFile::Mode::create);
    std::error_code ec;
    for (std::size_t i = 0; i + kJournalKept < files.size() + 1; ++i)
        fs::remove(root / kJournalDir / files[i].second, ec);
    return entry.seq;
}

} // namespace crm::io
