#include "folder.hpp"

#include "crm/error.hpp"
#include "crm/i18n.hpp"
#include "crm/match.hpp"
#include "index_file.hpp"
#include "scan.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

namespace crm::io {

namespace {

fs::path require_folder(const fs::path& dir, std::string_view from) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(trf("{} '{}' is not a folder", from, dir.string()));
    if (!fs::exists(dir / "crm.toml", ec))
        throw Error(trf("'{}' has no crm.toml; run 'crm init {}' to make it a crm folder",
                        dir.string(), dir.string()));
    return dir;
}

} // namespace

fs::path find_folder(const std::optional<std::string>& dir_option,
                     const std::optional<std::string>& env_dir, const fs::path& cwd,
                     const std::optional<std::string>& default_dir) {
    if (dir_option)
        return require_folder(*dir_option, "--dir");
    if (env_dir && !env_dir->empty())
        return require_folder(*env_dir, "CRM_DIR");
    std::error_code ec;
    for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "crm.toml", ec))
            return dir == cwd ? fs::path(".") : dir;
        if (dir == dir.root_path())
            break;
    }
    if (default_dir)
        return require_folder(*default_dir, tr("the default folder (config.toml)"));
    throw Error(tr("no crm folder here or above; run 'crm init' to make one, or pass --dir DIR"));
}

SourceFile read_source(const fs::path& root, const std::string& relative) {
    SourceFile f;
    read_source(root, relative, f);
    return f;
}

void read_source(const fs::path& root, const std::string& relative, SourceFile& f, FileStat* stat) {
    f.path = relative;
    f.text.clear();
    f.read_error.clear();
    // O_NONBLOCK: a FIFO named like a customer file (or crm.toml) would
    // otherwise block the open until someone writes to it, and the 6 a.m.
    // agenda would never come; the type is checked right after.
    const int fd = ::open((root / relative).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        f.read_error = std::strerror(errno);
        return;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        f.read_error = S_ISDIR(st.st_mode)    ? tr("it is a folder, not a file")
                       : S_ISFIFO(st.st_mode) ? tr("it is a FIFO (a named pipe), not a file")
                       : S_ISSOCK(st.st_mode) ? tr("it is a socket, not a file")
                                              : tr("not a regular file");
        ::close(fd);
        return;
    }
    if (stat)
        *stat = file_stat(st);
    // Sized from fstat; bytes beyond it (the file grew meanwhile) go through
    // a small buffer, so the string is not doubled just to find the end.
    f.text.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    char extra[4096];
    while (true) {
        char* into = done < f.text.size() ? f.text.data() + done : extra;
        const std::size_t room = done < f.text.size() ? f.text.size() - done : sizeof extra;
        const ssize_t n = ::read(fd, into, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                f.read_error = std::strerror(errno);
            break;
        }
        if (into == extra)
            f.text.append(extra, static_cast<std::size_t>(n));
        done += static_cast<std::size_t>(n);
    }
    f.text.resize(f.read_error.empty() ? done : 0);
    ::close(fd);
}

bool is_customer_name(std::string_view name) {
    return !name.starts_with('.') && name.ends_with(".toml");
}

std::vector<std::string> list_customer_files(const fs::path& root) {
    std::vector<std::string> out;
    // readdir, not a directory_iterator: no path is built for a name that
    // is not a customer's, and the listing is where an unchanged folder's
    // time goes.
    DIR* dir = ::opendir((root / "customers").c_str());
    if (!dir)
        return out;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (!is_customer_name(name))
            continue;
        std::string path;
        path.reserve(10 + name.size());
        path.append("customers/").append(name);
        out.push_back(std::move(path));
    }
    ::closedir(dir);
    // All share the folder's prefix: compare what follows it.
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        return std::string_view(a).substr(10) < std::string_view(b).substr(10);
    });
    return out;
}

Ledger open_ledger(const fs::path& root) {
    const SourceFile settings = read_source(root, "crm.toml");
    if (!settings.read_error.empty())
        throw Error(trf("cannot read crm.toml: {}", settings.read_error));
    return start_ledger(parse_settings(settings.text, settings.path));
}

namespace {

// The folder's index, read on a thread of its own while the caller lists
// the folder: at 10,000 customers each takes milliseconds, and neither
// needs the other. `root` must outlive the future.
std::future<std::unique_ptr<IndexFiles>> index_meanwhile(const fs::path& root) {
    return std::async(std::launch::async, [&root] { return std::make_unique<IndexFiles>(root); });
}

} // namespace

void scan_customers(const fs::path& root, Ledger& ledger, unsigned threads,
                    const TakeCustomer& take, Notes notes, Logs logs, UseIndex use) {
    if (use == UseIndex::no || notes == Notes::keep) {
        scan_files(root, list_customer_files(root), ledger, threads, take, notes, logs, use);
        return;
    }
    std::future<std::unique_ptr<IndexFiles>> index = index_meanwhile(root);
    const std::vector<std::string> names = list_customer_files(root);
    scan_files(root, names, ledger, threads, take, notes, logs, use, index.get());
}

namespace {

// crm.toml and the customer files `names` (as listed), kept as `keep` says.
// `files`: the index, when the caller read it already.
Ledger load_listed(const fs::path& root, const std::vector<std::string>& names, unsigned threads,
                   Keep keep, UseIndex use, std::unique_ptr<IndexFiles> files = nullptr) {
    Ledger ledger = open_ledger(root);
    keep_customers(ledger, names.size(), keep, [&](const TakeCustomer& take, Notes notes) {
        // Who the customers are, or one customer whole.
        scan_files(root, names, ledger, threads, take, notes,
                   keep == Keep::identity ? Logs::none : Logs::all, use, std::move(files));
    });
    return ledger;
}

} // namespace

Ledger load_ledger(const fs::path& root, unsigned threads, Keep keep, UseIndex use) {
    return load_listed(root, list_customer_files(root), threads, keep, use);
}

namespace {

// Whether customers/<id>.toml exists under exactly that name, found without
// listing the folder when the index knows the file: a case-insensitive file
// system would also open Zhang-Wei.toml for zhang-wei.toml, and the write
// would rename it, but the index's names are the listing's.
bool listed_by_index(const IndexFiles& files, const fs::path& root, const std::string& relative) {
    const std::optional<IndexEntry> e = files.find(relative);
    struct stat st {};
    if (!e || ::stat((root / relative).c_str(), &st) != 0)
        return false;
    const FileStat now = file_stat(st);
    return now.device == e->stat.device && now.inode == e->stat.inode;
}

} // namespace

Ledger load_for_query(const fs::path& root, unsigned threads, std::string_view query,
                      UseIndex use) {
    const std::string_view id = id_in_query(query);
    const std::string relative = fmt::format("customers/{}.toml", id);
    // Read once, for the lookup and for the scan.
    std::unique_ptr<IndexFiles> files;
    std::vector<std::string> names;
    if (use == UseIndex::yes && valid_id(id)) {
        files = std::make_unique<IndexFiles>(root);
        if (listed_by_index(*files, root, relative))
            return load_listed(root, {relative}, 1, Keep::everything, use, std::move(files));
        names = list_customer_files(root);
    } else if (use == UseIndex::yes) {
        // Not an id crm gives (a name, a phone): the index is read while the
        // folder is listed, as a scan does; the listing still finds a file
        // of that name.
        std::future<std::unique_ptr<IndexFiles>> index = index_meanwhile(root);
        names = list_customer_files(root);
        files = index.get();
    } else
        names = list_customer_files(root);
    // Only a name as listed (see listed_by_index).
    if (id.empty() || !std::binary_search(names.begin(), names.end(), relative))
        return load_listed(root, names, threads, Keep::identity, use, std::move(files));
    return load_listed(root, {relative}, 1, Keep::everything, use, std::move(files));
}

} // namespace crm::io
