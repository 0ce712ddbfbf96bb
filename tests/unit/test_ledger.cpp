#include "crm/ledger.hpp"
#include "crm/parse.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <stdexcept>

using namespace crm;

TEST_CASE("build_ledger") {
    const SourceFile settings{"crm.toml", "[classes]\nnow = \"7d\"\n", ""};
    SUBCASE("a bad file never stops the others") {
        const std::vector<SourceFile> files = {
            {"customers/a.toml", "name = \"A\"\nclass = \"now\"\n", ""},
            {"customers/b.toml", "name = \"B\n", ""},
            {"customers/c.toml", "", "Permission denied"},
            {"customers/d.toml", "name = \"D\"\n", ""},
        };
        const Ledger ledger = build_ledger(settings, files, 2);
        REQUIRE(ledger.customers.size() == 2);
        CHECK(ledger.customers[0].id == "a");
        CHECK(ledger.customers[1].id == "d");
        CHECK(ledger.skipped == 2);
        CHECK(ledger.files == 4);
        REQUIRE(ledger.diagnostics.size() == 2);
        CHECK(format_diagnostic(ledger.diagnostics[1]) ==
              "customers/c.toml: error: cannot read: Permission denied (crm skipped it and read "
              "the others)");
    }
    SUBCASE("ids that clash ignoring case are errors") {
        const std::vector<SourceFile> files = {
            {"customers/Chen.toml", "name = \"A\"\n", ""},
            {"customers/chen.toml", "name = \"B\"\n", ""},
        };
        const Ledger ledger = build_ledger(settings, files, 1);
        REQUIRE(ledger.diagnostics.size() == 1);
        CHECK(ledger.diagnostics[0].message ==
              "id 'chen' clashes with 'customers/Chen.toml' when case is ignored");
    }
    SUBCASE("many files on several threads keep their order") {
        std::vector<SourceFile> files;
        for (int i = 0; i < 500; ++i)
            files.push_back({"customers/c" + std::to_string(1000 + i) + ".toml",
                             "name = \"C" + std::to_string(i) + "\"\n", ""});
        const Ledger ledger = build_ledger(settings, files, 2);
        REQUIRE(ledger.customers.size() == 500);
        CHECK(ledger.customers[0].name == "C0");
        CHECK(ledger.customers[499].name == "C499");
    }
}

TEST_CASE("parse_customers") {
    const SourceFile settings{"crm.toml", "[classes]\nnow = \"7d\"\n", ""};
    std::vector<SourceFile> files;
    std::vector<std::string> paths;
    for (int i = 0; i < 300; ++i) {
        const std::string path = "customers/c" + std::to_string(1000 + i) + ".toml";
        // Every fifth file has an unknown key; every 50th does not parse.
        std::string text =
            i % 50 == 7 ? "name = \"broken\n" : "name = \"C" + std::to_string(i) + "\"\n";
        if (i % 10 == 3 || i % 10 == 4) // found by both threads
            text += "nmae = \"x\"\n";
        files.push_back({path, text, ""});
        paths.push_back(path);
    }
    Ledger ledger = start_ledger(parse_settings(settings.text, settings.path));
    std::vector<std::vector<std::size_t>> taken(2);
    parse_customers(
        ledger, paths, 2, [&](std::size_t i, SourceFile& into) { into = files[i]; },
        [&](unsigned worker, std::size_t index, Customer&& c) {
            CHECK(worker < 2); // REQUIRE would throw in another thread
            CHECK(c.name == "C" + std::to_string(index));
            taken[worker].push_back(index);
        });

    SUBCASE("each customer goes to the thread that parsed it, not into the ledger") {
        CHECK(ledger.customers.empty());
        CHECK(taken[0].size() + taken[1].size() == 294);
        CHECK(!taken[0].empty());
        CHECK(!taken[1].empty());
        CHECK(ledger.files == 300);
        CHECK(ledger.skipped == 6);
        CHECK(ledger.customers_read() == 294);
    }
    SUBCASE("the diagnostics come out in file order, whatever thread found them") {
        REQUIRE(ledger.diagnostics.size() == 66); // 60 unknown keys, 6 syntax errors
        for (std::size_t i = 1; i < ledger.diagnostics.size(); ++i)
            CHECK(ledger.diagnostics[i - 1].path <= ledger.diagnostics[i].path);
        CHECK(ledger.diagnostics[0].path == "customers/c1003.toml");
        CHECK(ledger.diagnostics[1].path == "customers/c1004.toml");
        CHECK(ledger.diagnostics[2].path == "customers/c1007.toml");
    }
}

TEST_CASE("parse_customers when a thread fails") {
    std::vector<std::string> paths;
    for (int i = 0; i < 300; ++i)
        paths.push_back("customers/c" + std::to_string(1000 + i) + ".toml");
    Ledger ledger;
    std::atomic<int> taken{0};
    const auto read = [&](std::size_t i, SourceFile& into) {
        into = {paths[i], "name = \"C\"\n", ""};
    };
    const auto take = [&](unsigned, std::size_t i, Customer&&) {
        if (i == 151)
            throw std::runtime_error("out of memory");
        ++taken;
    };
    // Rethrown to the caller rather than ending the program; the other
    // thread stops early.
    CHECK_THROWS_WITH(parse_customers(ledger, paths, 2, read, take), "out of memory");
    CHECK(taken < 300);
    CHECK(ledger.files == 0);
}

TEST_CASE("without_history keeps who the customer is, not what happened") {
    const auto parsed = parse_customer("name = \"A\"\nregion = \"Taipei\"\nnotes = \"long story\"\n"
                                       "tags = [\"vip\"]\nbirthday = \"--03-04\"\n"
                                       "[[purchase]]\ndate = 2026-01-02\nprice = 10\n"
                                       "[[payment]]\ndate = 2026-01-03\namount = 5\n"
                                       "[[log]]\ndate = 2026-03-01\nnote = \"newest\"\n",
                                       "customers/a.toml", Settings{});
    REQUIRE(parsed.value);
    const Customer c = without_history(*parsed.value);
    CHECK(c.id == "a");
    CHECK(c.path == "customers/a.toml");
    CHECK(c.name == "A");
    CHECK(c.region == "Taipei");
    CHECK(c.tags == std::vector<std::string>{"vip"});
    CHECK(c.birthday == parsed.value->birthday);
    CHECK(c.purchases.empty());
    CHECK(c.payments.empty());
    CHECK(c.logs.empty());
    CHECK(c.notes.empty());
    SUBCASE("from an rvalue, the same, its fields moved out") {
        Customer own = *parsed.value;
        const Customer moved = without_history(std::move(own));
        CHECK(moved == c);
        CHECK(own.name.empty());
        CHECK(own.purchases.size() == 1); // what happened stays
    }
}
