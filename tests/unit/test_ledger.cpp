#include "crm/ledger.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("parse_source") {
    const SourceFile file{"customers/a.toml",
                          "name = \"A\"\nnotes = \"long story\"\n"
                          "[[purchase]]\ndate = 2026-01-02\nprice = 10\nnote = \"gift\"\n"
                          "[[log]]\ndate = 2026-03-01\nnote = \"newest\"\nnext = 2026-03-09\n"
                          "[[log]]\ndate = 2026-02-01\nnote = \"older, written later\"\n",
                          ""};
    SUBCASE("everything keeps every entry as written") {
        const auto parsed = parse_source(file, Settings{}, Keep::everything);
        REQUIRE(parsed.value);
        CHECK(parsed.value->logs.size() == 2);
        CHECK(parsed.value->notes == "long story");
    }
    SUBCASE("for the agenda only the newest contact stays, and no notes") {
        const auto parsed = parse_source(file, Settings{}, Keep::agenda);
        REQUIRE(parsed.value);
        const Customer& c = *parsed.value;
        REQUIRE(c.logs.size() == 1);
        CHECK(c.logs[0].date == parse_date("2026-03-01"));
        CHECK(c.logs[0].next == parse_date("2026-03-09"));
        CHECK(c.logs[0].note.empty());
        CHECK(c.notes.empty());
        CHECK(c.purchases[0].note.empty());
        CHECK(c.purchases[0].price == Money::whole(10));
    }
}
