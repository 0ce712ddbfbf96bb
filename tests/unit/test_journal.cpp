#include "crm/journal.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

JournalEntry entry(std::uint64_t seq, std::string command,
                   std::optional<std::uint64_t> target = std::nullopt) {
    JournalEntry e;
    e.seq = seq;
    e.time = "2026-12-01 10:22:03 +0800";
    e.command = std::move(command);
    e.summary = "log: 張偉 — visit";
    e.target = target;
    e.files = {{"customers/zhang-wei.toml", "name = \"張偉\"\n", "name = \"張偉\"\n[[log]]\n"}};
    return e;
}

} // namespace

TEST_CASE("format_entry and parse_entry") {
    SUBCASE("an entry reads back exactly, whatever bytes its files hold") {
        JournalEntry e = entry(12, "log");
        e.files.push_back({"customers/new.toml", std::nullopt, std::string("a\r\nb\0c", 6)});
        e.files.push_back({"customers/gone.toml", "\n\n---\n", std::nullopt});
        CHECK(parse_entry(format_entry(e)) == e);
        const JournalEntry u = entry(13, "undo", 12);
        CHECK(parse_entry(format_entry(u)) == u);
    }
    SUBCASE("a summary or path with a line break stays one header line") {
        JournalEntry e = entry(3, "log");
        e.summary = "log: two\nlines";
        const auto back = parse_entry(format_entry(e));
        REQUIRE(back);
        CHECK(back->summary == "log: two lines");
    }
    SUBCASE("an entry cut short, with bytes after its end, or of another version is ignored") {
        const std::string text = format_entry(entry(12, "log"));
        for (std::size_t cut = 0; cut < text.size(); ++cut)
            CHECK_FALSE(parse_entry(text.substr(0, cut)));
        CHECK_FALSE(parse_entry(text + "x"));
        CHECK_FALSE(parse_entry("crm journal 2" + text.substr(text.find('\n'))));
    }
}

TEST_CASE("replay") {
    SUBCASE("writes are done in order; undo takes the last back, redo puts it back") {
        CHECK(replay({entry(1, "log"), entry(2, "sell")}).done == std::vector<std::uint64_t>{1, 2});
        const UndoState s = replay({entry(1, "log"), entry(2, "sell"), entry(3, "undo", 2)});
        CHECK(s.done == std::vector<std::uint64_t>{1});
        CHECK(s.undone == std::vector<std::uint64_t>{2});
        const UndoState r =
            replay({entry(1, "log"), entry(2, "sell"), entry(3, "undo", 2), entry(4, "redo", 2)});
        CHECK(r.done == std::vector<std::uint64_t>{1, 2});
        CHECK(r.undone.empty());
    }
    SUBCASE("two undos go two writes back") {
        const UndoState s =
            replay({entry(1, "log"), entry(2, "sell"), entry(3, "undo", 2), entry(4, "undo", 1)});
        CHECK(s.done.empty());
        CHECK(s.undone == std::vector<std::uint64_t>{2, 1});
    }
    SUBCASE("a new write forgets what was undone") {
        const UndoState s = replay({entry(1, "log"), entry(2, "undo", 1), entry(3, "pay")});
        CHECK(s.done == std::vector<std::uint64_t>{3});
        CHECK(s.undone.empty());
    }
    SUBCASE("an undo of an entry the journal no longer holds changes nothing") {
        const UndoState s = replay({entry(5, "log"), entry(6, "undo", 2)});
        CHECK(s.done == std::vector<std::uint64_t>{5});
        CHECK(s.undone.empty());
    }
}
