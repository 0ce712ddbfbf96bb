#include "crm/edit.hpp"
#include "crm/error.hpp"
#include "journal.hpp"
#include "temp_folder.hpp"
#include "transaction.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace crm;
using crm::test::Folder;
namespace fs = std::filesystem;

namespace {

const io::Check accept = [](const io::Content&, std::string_view) { return std::string(); };

io::Session session_of(const Folder& f) {
    return {f.root, false, 0};
}

io::Produce set_to(io::Content text) {
    return [text](const io::Content&) { return text; };
}

Date day(const char* iso) {
    return *parse_date(iso);
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("write_file") {
    Folder f;
    SUBCASE("a write is journalled with the file's bytes before and after") {
        const io::Written w =
            io::write_file(session_of(f), "customers/x.toml", {"log", "log: x — visit"},
                           set_to("name = \"y\"\n"), accept);
        CHECK(w.seq == 1);
        CHECK(f.get("customers/x.toml") == "name = \"y\"\n");
        const auto journal = io::read_journal(f.root);
        REQUIRE(journal.size() == 1);
        CHECK(journal[0].command == "log");
        CHECK(journal[0].summary == "log: x — visit");
        CHECK(journal[0].files ==
              std::vector<JournalFile>{{"customers/x.toml", "name = \"x\"\n", "name = \"y\"\n"}});
    }
    SUBCASE("the state folder ignores itself, so git never commits it") {
        io::write_file(session_of(f), "customers/x.toml", {"log", "s"}, set_to("a = 1\n"), accept);
        CHECK(f.get(".crm/.gitignore").ends_with("\n*\n"));
    }
    SUBCASE("a new file is created, and removing it is journalled as removed") {
        io::write_file(session_of(f), "customers/y.toml", {"add", "add: y"}, set_to("n = 1\n"),
                       accept);
        CHECK(f.get("customers/y.toml") == "n = 1\n");
        io::write_file(session_of(f), "customers/y.toml", {"undo", "undo: add: y", 1},
                       set_to(std::nullopt), accept);
        CHECK_FALSE(fs::exists(f.root / "customers/y.toml"));
        const auto journal = io::read_journal(f.root);
        REQUIRE(journal.size() == 2);
        CHECK_FALSE(journal[0].files[0].before);
        CHECK_FALSE(journal[1].files[0].after);
        CHECK(journal[1].target == 1u);
    }
    SUBCASE("a write that changes nothing is not journalled") {
        io::write_file(session_of(f), "customers/x.toml", {"edit", "s"}, set_to("name = \"x\"\n"),
                       accept);
        CHECK(io::read_journal(f.root).empty());
    }
    SUBCASE("a refused change writes nothing and journals nothing") {
        CHECK_THROWS_AS(io::write_file(
                            session_of(f), "customers/x.toml", {"log", "s"},
                            [](const io::Content&) -> io::Content { throw Error("no"); }, accept),
                        Error);
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
        CHECK(io::read_journal(f.root).empty());
    }
    SUBCASE("the journal keeps the newest writes only") {
        for (std::size_t i = 0; i < io::kJournalKept + 5; ++i)
            io::write_file(session_of(f), "customers/x.toml", {"log", "s"},
                           set_to(std::to_string(i) + "\n"), accept);
        const auto journal = io::read_journal(f.root);
        CHECK(journal.size() == io::kJournalKept);
        CHECK(journal.back().seq == io::kJournalKept + 5);
    }
}

TEST_CASE("write_files: several files as one write") {
    Folder f;
    f.put("customers/y.toml", "name = \"y\"\n");
    SUBCASE("every file is written, as one journal entry") {
        const io::WrittenSet w = io::write_files(session_of(f), {"handover", "handover: amy → ben"},
                                                 {{"customers/x.toml", set_to("x = 2\n"), accept},
                                                  {"customers/y.toml", set_to("y = 2\n"), accept},
                                                  {"customers/z.toml", set_to("z = 1\n"), accept}});
        CHECK(w.seq == 1);
        CHECK(f.get("customers/x.toml") == "x = 2\n");
        CHECK(f.get("customers/z.toml") == "z = 1\n");
        const auto journal = io::read_journal(f.root);
        REQUIRE(journal.size() == 1);
        CHECK(journal[0].files ==
              std::vector<JournalFile>{{"customers/x.toml", "name = \"x\"\n", "x = 2\n"},
                                       {"customers/y.toml", "name = \"y\"\n", "y = 2\n"},
                                       {"customers/z.toml", std::nullopt, "z = 1\n"}});
    }
    SUBCASE("a file left as it was is not in the entry") {
        io::write_files(session_of(f), {"handover", "s"},
                        {{"customers/x.toml", set_to("name = \"x\"\n"), accept},
                         {"customers/y.toml", set_to("y = 2\n"), accept}});
        const auto journal = io::read_journal(f.root);
        REQUIRE(journal.size() == 1);
        REQUIRE(journal[0].files.size() == 1);
        CHECK(journal[0].files[0].path == "customers/y.toml");
    }
    SUBCASE("when one file is refused, the ones written go back: all or nothing") {
        CHECK_THROWS_WITH_AS(
            io::write_files(
                session_of(f), {"handover", "s"},
                {{"customers/x.toml", set_to("x = 2\n"), accept},
                 {"customers/z.toml", set_to("z = 1\n"), accept},
                 {"customers/y.toml",
                  [](const io::Content&) -> io::Content { throw Error("refused"); }, accept}}),
            "refused", Error);
        CHECK(f.get("customers/x.toml") == "name = \"x\"\n");
        CHECK(f.get("customers/y.toml") == "name = \"y\"\n");
        CHECK_FALSE(fs::exists(f.root / "customers/z.toml"));
        CHECK(io::read_journal(f.root).empty());
    }
}

// The edit corpus, each file sold to, paid on, and then taken back by the
// journal's bytes: every byte of the original survives, and undo restores it
// exactly.
TEST_CASE("write_file on the corpus: sell, pay and undo keep every byte") {
    const fs::path dir = fs::path(CRM_SOURCE_DIR) / "tests/fixtures/edit-corpus";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string file = entry.path().filename().string();
        if (!file.ends_with(".toml") || file.ends_with(".expected.toml") ||
            file.starts_with("refuse-"))
            continue;
        CAPTURE(file);
        ++cases;
        Folder f;
        const std::string original = slurp(entry.path());
        f.put("customers/x.toml", original);
        Change sale;
        sale.purchase = PurchaseDraft{day("2026-11-23"),  "rice-10kg",       "2",
                                      Money::whole(1200), Money::whole(600), "amy",
                                      day("2026-12-05"),  "two\nlines"};
        Change payment;
        payment.payment = PaymentDraft{day("2026-11-24"), Money{30050}, "ben", "cash"};
        for (const Change* change : {&sale, &payment}) {
            const io::Written w = io::write_file(
                session_of(f), "customers/x.toml", {"sell", "s"},
                [&](const io::Content& now) {
                    const Edited e = apply_change(*now, *change);
                    REQUIRE(e.ok());
                    return e.text;
                },
                [&](const io::Content& before, std::string_view written) {
                    return verify_change(*before, written, *change);
                });
            CHECK(w.after->starts_with(*w.before));
        }
        CHECK(f.get("customers/x.toml").starts_with(original));
        // Undo, twice, from the journal: back to the original, byte for byte.
        const auto journal = io::read_journal(f.root);
        REQUIRE(journal.size() == 2);
        for (std::size_t i = journal.size(); i-- > 0;)
            io::write_file(session_of(f), "customers/x.toml", {"undo", "u", journal[i].seq},
                           set_to(journal[i].files[0].before), accept);
        CHECK(f.get("customers/x.toml") == original);
    }
    CHECK(cases >= 20);
}
