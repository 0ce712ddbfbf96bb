#include "atomic_write.hpp"
#include "crm/error.hpp"
#include "lock.hpp"
#include "temp_folder.hpp"
#include "update.hpp"

#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace crm;
using crm::test::Folder;
namespace fs = std::filesystem;

namespace {

using Names = std::vector<std::string>;

const io::Verify accept = [](std::string_view, std::string_view) { return std::string(); };

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "<no error>";
}

// The error `f` throws when files may hold 16 bytes at most: RLIMIT_FSIZE
// makes write() fail as a full disk does, without root.
std::string error_on_a_full_disk(const std::function<void()>& f) {
    rlimit saved{};
    getrlimit(RLIMIT_FSIZE, &saved);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 16;
    setrlimit(RLIMIT_FSIZE, &small);
    const std::string message = error_of(f);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    return message;
}

} // namespace

TEST_CASE("AtomicFile") {
    Folder f;
    SUBCASE("a committed file replaces the original and nothing else is left") {
        io::AtomicFile file(f.root, "customers/x.toml");
        file.write("new\n");
        CHECK(file.read_back() == "new\n");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n"); // not before the commit
        file.commit();
        CHECK(f.get("customers/x.toml") == "new\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("the temporary file is hidden, so that readers skip it") {
        io::AtomicFile file(f.root, "customers/x.toml");
        CHECK(f.listing().size() == 2);
        CHECK(f.listing().front().starts_with(".x.toml.crm-tmp-"));
    }
    SUBCASE("without a commit the original stays and the temporary file goes") {
        {
            io::AtomicFile file(f.root, "customers/x.toml");
            file.write("half");
        }
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("the replacement keeps the original's permissions") {
        fs::permissions(f.root / "customers/x.toml",
                        fs::perms::owner_read | fs::perms::owner_write);
        io::AtomicFile file(f.root, "customers/x.toml");
        file.write("new\n");
        file.commit();
        CHECK(fs::status(f.root / "customers/x.toml").permissions() ==
              (fs::perms::owner_read | fs::perms::owner_write));
    }
    SUBCASE("create mode refuses an existing file and leaves it as it was") {
        io::AtomicFile file(f.root, "customers/x.toml");
        file.write("other\n");
        CHECK(error_of([&] { file.commit(io::AtomicFile::Mode::create); }) ==
              "'customers/x.toml' exists already; nothing was written");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
    }
    SUBCASE("a folder that cannot hold files is a clear error") {
        CHECK(error_of([&] { io::AtomicFile file(f.root, "missing/x.toml"); }) ==
              "cannot write 'missing/x.toml': cannot create a file in 'missing': no such file or "
              "directory; the file is unchanged");
    }
}

TEST_CASE("AtomicFile when the disk is full") {
    Folder f;
    const std::string message = error_on_a_full_disk([&] {
        io::AtomicFile file(f.root, "customers/x.toml");
        file.write(std::string(100, 'a'));
        file.commit();
    });
    CHECK(message == "cannot write 'customers/x.toml': file too large; the file is unchanged");
    CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
    CHECK(f.listing() == Names{"x.toml"});
}

TEST_CASE("rewrite_file") {
    Folder f;
    SUBCASE("the rewrite sees the current text and its result is written") {
        const std::string before = io::rewrite_file(
            f.root, "customers/x.toml", [](std::string_view t) { return std::string(t) + "a\n"; },
            accept);
        CHECK(before == "name = \"x\"\n");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\na\n");
    }
    SUBCASE("a save made meanwhile by an editor is kept: the rewrite starts over from it") {
        int calls = 0;
        io::rewrite_file(
            f.root, "customers/x.toml",
            [&](std::string_view t) {
                if (++calls == 1)
                    f.put("customers/x.toml", "name = \"saved\"\n"); // after our read
                return std::string(t) + "log\n";
            },
            accept);
        CHECK(calls == 2);
        CHECK(f.get("customers/x.toml") == "name = \"saved\"\nlog\n");
    }
    SUBCASE("a file that keeps changing is refused, as it is") {
        int calls = 0;
        const std::string message = error_of([&] {
            io::rewrite_file(
                f.root, "customers/x.toml",
                [&](std::string_view t) {
                    f.put("customers/x.toml", fmt::format("v{}\n", ++calls));
                    return std::string(t) + "log\n";
                },
                accept);
        });
        CHECK(message == "'customers/x.toml' keeps changing on disk while crm writes it; nothing "
                         "was written, try again");
        CHECK(f.get("customers/x.toml") == "v3\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("a failed check leaves the file untouched") {
        const std::string message = error_of([&] {
            io::rewrite_file(
                f.root, "customers/x.toml", [](std::string_view) { return std::string("bad"); },
                [](std::string_view, std::string_view) { return std::string("it lost a log"); });
        });
        CHECK(message == "refusing to write 'customers/x.toml': it lost a log; the file is "
                         "unchanged");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("a deleted file is said to be gone") {
        fs::remove(f.root / "customers/x.toml");
        CHECK(error_of([&] {
                  io::rewrite_file(
                      f.root, "customers/x.toml", [](std::string_view t) { return std::string(t); },
                      accept);
              }) == "'customers/x.toml' no longer exists (deleted or renamed meanwhile); nothing "
                    "was written");
    }
    SUBCASE("the temporary file a killed crm left is removed, by its name") {
        f.put("customers/.x.toml.crm-tmp-locked", "half");
        f.put("customers/.y.toml.crm-tmp-locked", "another file's");
        io::rewrite_file(
            f.root, "customers/x.toml", [](std::string_view t) { return std::string(t); }, accept);
        CHECK(f.listing() == Names{".y.toml.crm-tmp-locked", "x.toml"});
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
    }
}

TEST_CASE("create_file") {
    Folder f;
    SUBCASE("a new file is written whole") {
        io::create_file(f.root, "customers/y.toml", "name = \"y\"\n", accept);
        CHECK(f.get("customers/y.toml") == "name = \"y\"\n");
    }
    SUBCASE("an existing file is refused and untouched") {
        CHECK(error_of([&] { io::create_file(f.root, "customers/x.toml", "other", accept); }) ==
              "'customers/x.toml' exists already; nothing was written");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
}

TEST_CASE("FolderLock") {
    Folder f;
    SUBCASE("a second writer waits, then gives up with a message") {
        const io::FolderLock first(f.root);
        // flock locks belong to an open file, so the same process contends too.
        CHECK(error_of([&] { io::FolderLock second(f.root, std::chrono::milliseconds(50)); }) ==
              "another crm has been writing in '" + f.root.string() +
                  "' for too long; nothing was changed, try again");
    }
    SUBCASE("the lock is free again once released") {
        { const io::FolderLock first(f.root); }
        CHECK(error_of([&] { io::FolderLock again(f.root, std::chrono::milliseconds(50)); }) ==
              "<no error>");
    }
    SUBCASE("the lock file lives in the folder, not on a data file") {
        const io::FolderLock lock(f.root);
        CHECK(fs::exists(f.root / ".crm.lock"));
        CHECK(f.listing() == Names{"x.toml"});
    }
}

TEST_CASE("rewrite_file when an editor saves at the moment of the rename") {
    Folder f;
    const auto append_log = [](std::string_view t) { return std::string(t) + "log\n"; };
    SUBCASE("a save by rename is put back and the change is made again on it") {
        io::rewrite_file(f.root, "customers/x.toml", append_log, accept, [&](int attempt) {
            if (attempt > 0)
                return;
            f.put("customers/.x.toml.swp", "name = \"saved\"\n");
            fs::rename(f.root / "customers/.x.toml.swp", f.root / "customers/x.toml");
        });
        CHECK(f.get("customers/x.toml") == "name = \"saved\"\nlog\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("a save in place is seen on the replaced file and put back too") {
        io::rewrite_file(f.root, "customers/x.toml", append_log, accept, [&](int attempt) {
            if (attempt == 0)
                f.put("customers/x.toml", "name = \"in place\"\n"); // same inode, new bytes
        });
        CHECK(f.get("customers/x.toml") == "name = \"in place\"\nlog\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
    SUBCASE("an editor that saves on every attempt wins, and crm writes nothing") {
        int saves = 0;
        CHECK(error_of([&] {
                  io::rewrite_file(f.root, "customers/x.toml", append_log, accept, [&](int) {
                      f.put("customers/x.toml", fmt::format("name = \"save {}\"\n", ++saves));
                  });
              }).starts_with("'customers/x.toml' keeps changing on disk"));
        CHECK(f.get("customers/x.toml") == "name = \"save 3\"\n");
        CHECK(f.listing() == Names{"x.toml"});
    }
}

TEST_CASE("read_state") {
    Folder f;
    SUBCASE("a symbolic link, a FIFO or a file with two hard links is refused, not followed") {
        fs::create_symlink(f.root / "customers/x.toml", f.root / "customers/link.toml");
        CHECK(error_of([&] {
                  io::read_state(f.root / "customers/link.toml", "link.toml");
              }).starts_with("'link.toml' is a symbolic link"));
        REQUIRE(mkfifo((f.root / "customers/fifo.toml").c_str(), 0600) == 0);
        CHECK(error_of([&] { io::read_state(f.root / "customers/fifo.toml", "fifo.toml"); }) ==
              "cannot write 'fifo.toml': it is not a regular file; nothing was written");
        fs::create_hard_link(f.root / "customers/x.toml", f.root / "customers/hard.toml");
        CHECK(error_of([&] {
                  io::read_state(f.root / "customers/x.toml", "x.toml");
              }).starts_with("cannot write 'x.toml': it has 2 hard links"));
    }
    SUBCASE("a missing file is nullopt, not an error") {
        CHECK_FALSE(io::read_state(f.root / "customers/none.toml", "none.toml"));
    }
}

TEST_CASE("remove_file") {
    Folder f;
    SUBCASE("the file goes when it holds what was expected") {
        io::remove_file(f.root, "customers/x.toml", "name = \"x\"\n");
        CHECK(f.listing().empty());
    }
    SUBCASE("a file changed since is left as it is") {
        CHECK(error_of([&] { io::remove_file(f.root, "customers/x.toml", "other"); }) ==
              "'customers/x.toml' changed since crm wrote it; it is left as it is");
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
    }
}

TEST_CASE("read_state of a read-only file") {
    Folder f;
    SUBCASE("a file its owner may not write is refused, not rewritten") {
        fs::permissions(f.root / "customers/x.toml",
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        CHECK(error_of([&] { io::read_state(f.root / "customers/x.toml", "x.toml"); }) ==
              "cannot write 'x.toml': it is read-only (mode 0444); make it writable (chmod u+w) "
              "if crm may write it; nothing was written");
    }
}

TEST_CASE("rewrite_file keeps the file's owner") {
    Folder f;
    SUBCASE("a file of another user stays theirs when root writes it") {
        if (getuid() != 0)
            return; // only root can give a file away; CI runs as root
        REQUIRE(chown((f.root / "customers/x.toml").c_str(), 65534, 65534) == 0);
        io::rewrite_file(
            f.root, "customers/x.toml", [](std::string_view t) { return std::string(t) + "a\n"; },
            accept);
        struct stat st {};
        REQUIRE(stat((f.root / "customers/x.toml").c_str(), &st) == 0);
        CHECK(st.st_uid == 65534u);
        CHECK(st.st_gid == 65534u);
    }
}

TEST_CASE("FolderLock through a symbolic link") {
    Folder f;
    SUBCASE("a lock file that is a symbolic link is not followed") {
        fs::create_symlink(f.root / "elsewhere", f.root / io::kLockFile);
        CHECK(error_of([&] {
                  io::FolderLock lock(f.root, std::chrono::milliseconds(50));
              }).starts_with("cannot write in '"));
        CHECK_FALSE(fs::exists(f.root / "elsewhere"));
    }
}

TEST_CASE("AtomicFile of a new file when the disk is full") {
    Folder f;
    const std::string message = error_on_a_full_disk([&] {
        io::AtomicFile file(f.root, "customers/new.toml");
        file.write(std::string(100, 'a'));
        file.commit(io::AtomicFile::Mode::create);
    });
    // There was no file to leave unchanged.
    CHECK(message == "cannot write 'customers/new.toml': file too large; nothing was written");
    CHECK(f.listing() == Names{"x.toml"});
}
