#include "folder.hpp"
#include "temp_folder.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace crm;
using crm::test::Folder;

TEST_CASE("read_source") {
    const Folder f;
    f.put("customers/long.toml", "name = \"A customer with a long name\"\n");
    SUBCASE("a reused SourceFile holds the new file only") {
        SourceFile into;
        io::read_source(f.root, "customers/long.toml", into);
        io::read_source(f.root, "customers/x.toml", into);
        CHECK(into.path == "customers/x.toml");
        CHECK(into.text == "name = \"x\"\n");
        CHECK(into.read_error.empty());
    }
    SUBCASE("an error after a good read leaves no old text") {
        SourceFile into;
        io::read_source(f.root, "customers/long.toml", into);
        io::read_source(f.root, "customers/gone.toml", into);
        CHECK(into.text.empty());
        CHECK(into.read_error == "No such file or directory");
        io::read_source(f.root, "customers/x.toml", into);
        CHECK(into.read_error.empty());
    }
}

TEST_CASE("scan_customers") {
    const Folder f;
    f.put("crm.toml", "[classes]\nnow = \"7d\"\n");
    for (int i = 0; i < 200; ++i)
        f.put("customers/c" + std::to_string(100 + i) + ".toml",
              "name = \"C" + std::to_string(i) + "\"\n");
    f.put("customers/c150.toml", "name = \"broken\n");
    f.put("customers/.c151.toml.tmp", "not a customer");
    Ledger ledger = io::open_ledger(f.root);
    std::vector<std::vector<std::string>> seen(2);
    io::scan_customers(
        f.root, ledger, 2,
        [&](unsigned worker, std::size_t, Customer&& c) { seen.at(worker).push_back(c.name); },
        Notes::keep, Logs::all, io::UseIndex::no);
    CHECK(ledger.files == 201); // x.toml too; the hidden file is not a customer
    CHECK(ledger.skipped == 1);
    CHECK(seen[0].size() + seen[1].size() == 200);
    REQUIRE(ledger.diagnostics.size() == 1);
    CHECK(ledger.diagnostics[0].path == "customers/c150.toml");
    CHECK(ledger.customers.empty());
}

TEST_CASE("load_for_query") {
    const Folder f;
    f.put("crm.toml", "[classes]\nnow = \"7d\"\n");
    const std::string history = "notes = \"met at the fair\"\n"
                                "[[log]]\ndate = 2026-11-02\nnote = \"visit\"\n";
    f.put("customers/zhang-wei.toml", "name = \"張偉\"\n" + history);
    f.put("customers/wang.toml", "name = \"王太太\"\n" + history);
    f.put("customers/.wang.toml", "name = \"hidden\"\n");
    SUBCASE("an id reads that file alone, whole") {
        for (const char* query : {"zhang-wei", "customers/zhang-wei.toml", "zhang-wei  "}) {
            CAPTURE(query);
            const Ledger l = io::load_for_query(f.root, 2, query);
            CHECK(l.files == 1);
            REQUIRE(l.customers.size() == 1);
            CHECK(l.customers[0].name == "張偉");
            CHECK(l.customers[0].logs.size() == 1);
            CHECK(l.customers[0].notes == "met at the fair");
        }
    }
    SUBCASE("anything else reads every customer (x.toml too), without history") {
        for (const char* query : {"張偉", "zhang", "nobody", ".wang", "../crm", ""}) {
            CAPTURE(query);
            const Ledger l = io::load_for_query(f.root, 2, query);
            CHECK(l.files == 3);
            REQUIRE(l.customers.size() == 3);
            CHECK(l.customers[2].name == "張偉"); // after wang and x
            CHECK(l.customers[2].logs.empty());
            CHECK(l.customers[2].notes.empty());
        }
    }
}

TEST_CASE("read_source of a FIFO") {
    crm::test::Folder f;
    SUBCASE("a named pipe is an error at once, never a wait for a writer") {
        REQUIRE(mkfifo((f.root / "customers/pipe.toml").c_str(), 0600) == 0);
        const SourceFile s = io::read_source(f.root, "customers/pipe.toml");
        CHECK(s.read_error == "it is a FIFO (a named pipe), not a file");
        CHECK(s.text.empty());
    }
}
