// merge_customer(): what git's merge driver makes of two people's edits of
// one customer file, and the conflict helpers find_conflicts() and
// conflict_side().

#include "crm/merge.hpp"
#include "crm/parse.hpp"
#include "parses.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <toml++/toml.h>

using namespace crm;

namespace {

using crm::test::parses;

// A merge that must come out clean: no conflict, and TOML.
std::string clean(std::string_view base, std::string_view ours, std::string_view theirs) {
    const MergeResult r = merge_customer(base, ours, theirs);
    REQUIRE_MESSAGE(r.ok(), r.fallback);
    CHECK(r.conflicts.empty());
    CHECK(parses(r.text));
    return r.text;
}

constexpr std::string_view kHead = R"(# 張偉, met at the night market
name = "張偉"
class = "now"                 # deciding this month
phone = "+886 912 345 678"
)";

std::string log(std::string_view date, std::string_view by, std::string_view note) {
    return "\n[[log]]\ndate = " + std::string(date) + "\nby = \"" + std::string(by) +
           "\"\nkind = \"visit\"\nnote = \"" + std::string(note) + "\"\n";
}

const std::string kBase = std::string(kHead) + log("2026-11-20", "amy", "first visit");

} // namespace

TEST_CASE("merge_customer entries") {
    SUBCASE("entries each side appended are all kept, in date order") {
        const std::string ours = kBase + log("2026-11-23", "amy", "wants 5 kg");
        const std::string theirs = kBase + log("2026-11-22", "ben", "called back");
        CHECK(clean(kBase, ours, theirs) == kBase + log("2026-11-22", "ben", "called back") +
                                                log("2026-11-23", "amy", "wants 5 kg"));
    }
    SUBCASE("entries of the same day: ours first, each as its side wrote it") {
        const std::string ours =
            kBase + log("2026-11-23", "amy", "A") + log("2026-11-24", "amy", "B");
        const std::string theirs = kBase + log("2026-11-23", "ben", "C");
        CHECK(clean(kBase, ours, theirs) == kBase + log("2026-11-23", "amy", "A") +
                                                log("2026-11-23", "ben", "C") +
                                                log("2026-11-24", "amy", "B"));
    }
    SUBCASE("the same entry appended on both sides appears once") {
        const std::string both = kBase + log("2026-11-23", "amy", "same");
        CHECK(clean(kBase, both, both) == both);
        const std::string theirs = both + log("2026-11-24", "ben", "more");
        CHECK(clean(kBase, both, theirs) == theirs);
    }
    SUBCASE("an entry one side deleted and the other left alone stays deleted") {
        const std::string base = kBase + log("2026-11-21", "ben", "second");
        const std::string ours = std::string(kHead) + log("2026-11-21", "ben", "second");
        const std::string theirs = base + log("2026-11-25", "ben", "third");
        CHECK(clean(base, ours, theirs) == ours + log("2026-11-25", "ben", "third"));
    }
    SUBCASE("an entry one side deleted and the other changed is kept, changed") {
        const std::string ours = std::string(kHead);
        const std::string theirs = std::string(kHead) + log("2026-11-20", "amy", "first visit!");
        CHECK(clean(kBase, ours, theirs) == theirs);
    }
    SUBCASE("an entry's note edited on one side takes the edit") {
        const std::string ours = std::string(kHead) + log("2026-11-20", "amy", "edited");
        const std::string theirs = kBase + log("2026-11-24", "ben", "more");
        CHECK(clean(kBase, ours, theirs) == ours + log("2026-11-24", "ben", "more"));
    }
    SUBCASE("both sides editing different keys of one entry keep both edits") {
        const std::string ours = std::string(kHead) + log("2026-11-20", "amy", "edited");
        std::string theirs = kBase;
        theirs.replace(theirs.find("kind = \"visit\""), 14, "kind = \"call\"");
        std::string both = ours;
        both.replace(both.find("kind = \"visit\""), 14, "kind = \"call\"");
        CHECK(clean(kBase, ours, theirs) == both);
    }
    SUBCASE("an entry whose only line ending changed is unchanged") {
        std::string ours = kBase;
        ours.insert(ours.find("kind"), "\n");
        const std::string theirs = kBase + log("2026-11-24", "ben", "more");
        CHECK(clean(kBase, ours, theirs) == ours + log("2026-11-24", "ben", "more"));
    }
}

TEST_CASE("merge_customer conflicts") {
    SUBCASE("the same key of one entry changed differently is marked on its line alone") {
        const std::string ours = std::string(kHead) + log("2026-11-20", "amy", "ours");
        const std::string theirs = std::string(kHead) + log("2026-11-20", "amy", "theirs");
        const MergeResult r = merge_customer(kBase, ours, theirs);
        REQUIRE(r.ok());
        CHECK(r.text == std::string(kHead) +
                            "\n[[log]]\ndate = 2026-11-20\nby = \"amy\"\nkind = \"visit\"\n"
                            "<<<<<<< ours: 'note' of the [[log]] of 2026-11-20 changed on both "
                            "sides: \"ours\" in ours, \"theirs\" in theirs\n"
                            "note = \"ours\"\n=======\nnote = \"theirs\"\n>>>>>>> theirs\n");
        REQUIRE(r.conflicts.size() == 1);
        const MergeConflict& c = r.conflicts[0];
        CHECK(c.key == "note");
        CHECK(c.entry == "the [[log]] of 2026-11-20");
        CHECK(c.line == 10);
        CHECK(c.ours == "\"ours\"");
        CHECK(c.theirs == "\"theirs\"");
        CHECK(parses(conflict_side(r.text, Side::ours)));
        CHECK(conflict_side(r.text, Side::theirs) == theirs);
    }
    SUBCASE("a top-level value changed differently on both sides") {
        std::string ours = kBase, theirs = kBase;
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        theirs.replace(theirs.find("\"now\""), 5, "\"client\"");
        const MergeResult r = merge_customer(kBase, ours, theirs);
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].message ==
              "'class' changed on both sides: \"later\" in ours, \"client\" in theirs");
        CHECK(r.conflicts[0].line == 3);
        CHECK(r.text.find("<<<<<<< ours: 'class' changed on both sides: \"later\" in ours, "
                          "\"client\" in theirs\n"
                          "class = \"later\"                 # deciding this month\n=======\n"
                          "class = \"client\"                 # deciding this month\n"
                          ">>>>>>> theirs\nphone") != std::string::npos);
        // crm check names it, with the key and both values, at the marker.
        const auto parsed = parse_customer(r.text, "customers/zhang-wei.toml", Settings{});
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(format_diagnostic(parsed.diagnostics[0]) ==
              "customers/zhang-wei.toml:3:1: error: an unresolved merge conflict: 'class' "
              "changed on both sides: \"later\" in ours, \"client\" in theirs (keep the lines "
              "you want, delete the <<<<<<<, ======= and >>>>>>> lines, then run crm check)");
    }
    SUBCASE("values shown in a marker stay on one line, escaped and shortened") {
        const std::string base = "name = \"A\"\n";
        const std::string ours = "name = \"\"\"\nline one\n\tred\"\"\"\n";
        const std::string theirs = "name = \"" + std::string(60, 'x') + "\"\n";
        const MergeResult r = merge_customer(base, ours, theirs);
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].ours == "\"\"\"\\nline one\\n\\tred\"\"\"");
        CHECK(r.conflicts[0].theirs == "\"" + std::string(39, 'x') + "…");
        CHECK(find_conflicts(r.text).size() == 1);
    }
    SUBCASE("a key added differently on both sides") {
        const std::string ours = kBase + "email = \"a@example.com\"\n";
        const MergeResult r =
            merge_customer(std::string(kHead), std::string(kHead) + "email = \"a@x\"\n",
                           std::string(kHead) + "email = \"b@x\"\n");
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].message ==
              "'email' added on both sides: \"a@x\" in ours, \"b@x\" in theirs");
        (void)ours;
    }
    SUBCASE("crm check names every conflict, each at its marker") {
        std::string ours = std::string(kHead) + log("2026-11-20", "amy", "ours");
        std::string theirs = std::string(kHead) + log("2026-11-20", "amy", "theirs");
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        theirs.replace(theirs.find("\"now\""), 5, "\"client\"");
        const MergeResult r = merge_customer(kBase, ours, theirs);
        REQUIRE(r.conflicts.size() == 2);
        CHECK(r.conflicts[0].line == 3);
        CHECK(r.conflicts[1].line == 14);
        const auto parsed = parse_customer(r.text, "customers/x.toml", Settings{});
        REQUIRE(parsed.diagnostics.size() == 2);
        CHECK(parsed.diagnostics[0].line == 3);
        CHECK(parsed.diagnostics[1].line == 14);
        CHECK(parsed.diagnostics[1].message ==
              "an unresolved merge conflict: 'note' of the [[log]] of 2026-11-20 changed on both "
              "sides: \"ours\" in ours, \"theirs\" in theirs");
    }
    SUBCASE("conflicts and clean changes together") {
        std::string ours = kBase + log("2026-11-23", "amy", "new");
        std::string theirs = kBase;
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        theirs.replace(theirs.find("\"now\""), 5, "\"client\"");
        theirs.replace(theirs.find("first visit"), 11, "first call");
        const MergeResult r = merge_customer(kBase, ours, theirs);
        CHECK(r.conflicts.size() == 1);
        CHECK(r.text.find("first call") != std::string::npos);
        CHECK(r.text.find("\"new\"") != std::string::npos);
    }
}

TEST_CASE("merge_customer top-level keys") {
    SUBCASE("a value changed on one side takes that change") {
        std::string theirs = kBase;
        theirs.replace(theirs.find("\"now\""), 5, "\"later\"");
        const std::string ours = kBase + log("2026-11-23", "amy", "x");
        std::string both = ours;
        both.replace(both.find("\"now\""), 5, "\"later\"");
        CHECK(clean(kBase, ours, theirs) == both);
        CHECK(clean(kBase, theirs, ours) == both);
    }
    SUBCASE("the same change on both sides is no conflict") {
        std::string ours = kBase;
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        CHECK(clean(kBase, ours, ours) == ours);
    }
    SUBCASE("a change on one side and a comment edit on the other keep the change") {
        std::string ours = kBase, theirs = kBase;
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        theirs.replace(theirs.find("deciding"), 8, "decides");
        CHECK(clean(kBase, ours, theirs) == ours);
    }
    SUBCASE("a key added by theirs goes after its predecessor in theirs' order") {
        std::string theirs = kBase;
        theirs.insert(theirs.find("phone"), "owner = \"amy\"\n");
        std::string ours = kBase;
        ours.insert(ours.find("\n[[log]]"), "email = \"z@example.com\"\n");
        std::string both = ours;
        both.insert(both.find("phone"), "owner = \"amy\"\n");
        CHECK(clean(kBase, ours, theirs) == both);
    }
    SUBCASE("a key removed on one side and unchanged on the other is removed") {
        std::string theirs = kBase;
        theirs.erase(theirs.find("phone"), std::string("phone = \"+886 912 345 678\"\n").size());
        const std::string ours = kBase + log("2026-11-23", "amy", "x");
        CHECK(clean(kBase, ours, theirs) == theirs + log("2026-11-23", "amy", "x"));
    }
    SUBCASE("a key removed on one side and changed on the other is kept, changed") {
        std::string ours = kBase, theirs = kBase;
        ours.erase(ours.find("phone"), std::string("phone = \"+886 912 345 678\"\n").size());
        theirs.replace(theirs.find("912"), 3, "999");
        CHECK(clean(kBase, ours, theirs) == theirs);
    }
    SUBCASE("comments are kept with the key they precede") {
        std::string theirs = kBase;
        theirs.insert(theirs.find("phone"), "# the shop's number\n");
        const std::string ours = kBase + log("2026-11-23", "amy", "x");
        std::string both = ours;
        both.insert(both.find("phone"), "# the shop's number\n");
        CHECK(clean(kBase, ours, theirs) == both);
    }
}

TEST_CASE("merge_customer layout") {
    SUBCASE("multi-line strings holding [[log]] are text, not headers") {
        const std::string base = std::string(kHead) +
                                 "notes = \"\"\"\nShe said:\n[[log]]\n"
                                 "date = 1\n\"\"\"\n" +
                                 log("2026-11-20", "amy", "a");
        const std::string ours = base + log("2026-11-23", "amy", "b");
        const std::string theirs =
            base + "\n[[log]]\ndate = 2026-11-22\nnote = '''\n[[log]]\n'''\n";
        CHECK(clean(base, ours, theirs) == theirs + log("2026-11-23", "amy", "b"));
    }
    SUBCASE("CRLF: ours' line endings everywhere, theirs' lines too") {
        auto crlf = [](std::string s) {
            for (std::size_t at = 0; (at = s.find('\n', at)) != std::string::npos; at += 2)
                s.insert(at, "\r");
            return s;
        };
        const std::string ours = crlf(kBase + log("2026-11-23", "amy", "x"));
        const std::string theirs = kBase + log("2026-11-24", "ben", "y");
        CHECK(clean(crlf(kBase), ours, theirs) ==
              crlf(kBase + log("2026-11-23", "amy", "x") + log("2026-11-24", "ben", "y")));
    }
    SUBCASE("ours' byte-order mark is kept") {
        const std::string bom = "\xEF\xBB\xBF";
        const std::string ours = bom + kBase + log("2026-11-23", "amy", "x");
        const std::string theirs = kBase + log("2026-11-24", "ben", "y");
        CHECK(clean(bom + kBase, ours, theirs) ==
              bom + kBase + log("2026-11-23", "amy", "x") + log("2026-11-24", "ben", "y"));
    }
    SUBCASE("a file without a final newline keeps none, and lines are not glued") {
        std::string base = kBase;
        base.pop_back();
        std::string ours = base;
        ours.replace(ours.find("\"now\""), 5, "\"later\"");
        const std::string theirs = kBase + log("2026-11-24", "ben", "y");
        std::string both = ours + "\n" + log("2026-11-24", "ben", "y");
        both.pop_back();
        CHECK(clean(base, ours, theirs) == both);
    }
    SUBCASE("empty base: a file added on both sides") {
        const std::string ours = kBase + log("2026-11-23", "amy", "x");
        const std::string theirs = kBase + log("2026-11-22", "ben", "y");
        CHECK(clean("", ours, theirs) ==
              kBase + log("2026-11-22", "ben", "y") + log("2026-11-23", "amy", "x"));
    }
    SUBCASE("a [name] table is merged key by key") {
        const std::string base = std::string(kHead) + "\n[lunar_birthday]\nmonth = 8\nday = 15\n";
        std::string ours = base, theirs = base;
        ours.replace(ours.find("month = 8"), 9, "month = 9");
        theirs += "leap = true\n";
        CHECK(clean(base, ours, theirs) ==
              std::string(kHead) + "\n[lunar_birthday]\nmonth = 9\nday = 15\nleap = true\n");
    }
    SUBCASE("a comment ending the file that both sides appended after stays, once, in place") {
        const std::string base = kBase + "\n# no calls on Mondays\n";
        const std::string ours = base + log("2026-11-23", "amy", "x");
        const std::string theirs = base + log("2026-11-22", "ben", "y");
        CHECK(clean(base, ours, theirs) ==
              base + log("2026-11-22", "ben", "y") + log("2026-11-23", "amy", "x"));
        CHECK(clean(base, theirs, ours) ==
              base + log("2026-11-22", "ben", "y") + log("2026-11-23", "amy", "x"));
        const std::string same_day = base + log("2026-11-23", "ben", "y");
        CHECK(clean(base, ours, same_day) ==
              base + log("2026-11-23", "amy", "x") + log("2026-11-23", "ben", "y"));
        // One side only: it stays where that side put it.
        CHECK(clean(base, ours, base + "# and no calls after nine\n") ==
              kBase + "\n# no calls on Mondays\n" + log("2026-11-23", "amy", "x") +
                  "# and no calls after nine\n");
    }
    SUBCASE("trailing comments are kept from both sides") {
        const std::string ours = kBase + "# ours' last word\n";
        const std::string theirs = kBase + "# theirs' last word\n";
        CHECK(clean(kBase, ours, theirs) == kBase + "# ours' last word\n# theirs' last word\n");
    }
}

// Entries are merged in date order, so two clones can hold the same entries
// in different orders; a side that only moved entries deletes and adds none.
TEST_CASE("merge_customer: entries one side moved are neither doubled nor brought back") {
    const std::string head = "name = \"Z\"\n";
    const auto entries = [&](std::initializer_list<int> days) {
        std::string out = head;
        for (const int d : days)
            out += log(fmt::format("2026-11-1{}", d), "amy", std::to_string(d));
        return out;
    };
    const auto count = [](const std::string& text, std::string_view note) {
        std::size_t n = 0;
        for (auto at = text.find(note); at != std::string::npos; at = text.find(note, at + 1))
            ++n;
        return n;
    };
    SUBCASE("theirs reordered, ours deleted two: they stay deleted") {
        const std::string merged =
            clean(entries({1, 2, 3, 4}), entries({2, 1}), entries({4, 3, 2, 1}));
        CHECK(count(merged, "\"1\"") == 1);
        CHECK(count(merged, "\"2\"") == 1);
        CHECK(count(merged, "\"3\"") == 0);
        CHECK(count(merged, "\"4\"") == 0);
    }
    SUBCASE("theirs moved one and added one, ours added one: each once") {
        const std::string base = entries({1, 5, 3});
        const std::string ours = base + log("2026-11-14", "amy", "ours");
        const std::string theirs = entries({1, 2, 3, 5});
        const std::string merged = clean(base, ours, theirs);
        for (const char* note : {"\"1\"", "\"2\"", "\"3\"", "\"5\"", "\"ours\""})
            CHECK_MESSAGE(count(merged, note) == 1, note);
    }
}

TEST_CASE("merge_customer falls back to git") {
    SUBCASE("a side that does not parse") {
        const MergeResult r = merge_customer(kBase, kBase + "name = = 1\n", kBase);
        CHECK_FALSE(r.ok());
        CHECK(r.text.empty());
        CHECK(r.fallback == "ours is not valid TOML (line 11: could not determine value type)");
        CHECK_FALSE(merge_customer(kBase, kBase, "[[log]\n").ok());
        CHECK_FALSE(merge_customer("x = \"\n", kBase, kBase).ok());
    }
    SUBCASE("a side already holding conflict markers") {
        const MergeResult r =
            merge_customer(kBase, kBase, "<<<<<<< ours\na = 1\n=======\na = 2\n>>>>>>> theirs\n");
        CHECK(r.fallback == "theirs is not valid TOML (line 1: an unresolved git merge conflict)");
    }
    SUBCASE("inline log arrays on both sides are one value: a conflict on 'log'") {
        const std::string base = "name = \"A\"\nlog = [{ date = 2026-11-20 }]\n";
        const std::string ours =
            "name = \"A\"\nlog = [{ date = 2026-11-20 }, { date = 2026-11-21 }]\n";
        const std::string theirs =
            "name = \"A\"\nlog = [{ date = 2026-11-20 }, { date = 2026-11-22 }]\n";
        const MergeResult r = merge_customer(base, ours, theirs);
        REQUIRE(r.ok());
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].key == "log");
    }
    SUBCASE("an inline log array on one side, [[log]] entries on the other") {
        const std::string base = "name = \"A\"\n";
        const std::string ours = "name = \"A\"\nlog = [{ date = 2026-11-21 }]\n";
        const std::string theirs = "name = \"A\"\n\n[[log]]\ndate = 2026-11-22\n";
        const MergeResult r = merge_customer(base, ours, theirs);
        CHECK_FALSE(r.ok());
        CHECK(r.fallback.starts_with("the merged file would not be valid TOML"));
    }
    SUBCASE("nested tables are left to git") {
        CHECK_FALSE(merge_customer("", "[a.b]\nc = 1\n", "").ok());
        CHECK_FALSE(merge_customer("", "[[log.x]]\nc = 1\n", "").ok());
    }
}

TEST_CASE("find_conflicts") {
    SUBCASE("git's form and its diff3 form, with lines and labels") {
        const std::string text = "a = 1\n<<<<<<< HEAD\nb = 1\n=======\nb = 2\n>>>>>>> ben\n"
                                 "<<<<<<< ours\r\nc = 1\r\n||||||| base\r\nc = 0\r\n=======\r\n"
                                 "c = 2\r\n>>>>>>> theirs\r\n";
        const auto regions = find_conflicts(text);
        REQUIRE(regions.size() == 2);
        CHECK(regions[0].begin == 2);
        CHECK(regions[0].base == 0);
        CHECK(regions[0].middle == 4);
        CHECK(regions[0].end == 6);
        CHECK(regions[0].label == "HEAD");
        CHECK(regions[1].begin == 7);
        CHECK(regions[1].base == 9);
        CHECK(regions[1].middle == 11);
        CHECK(regions[1].end == 13);
        CHECK(regions[1].label == "ours");
        CHECK(conflict_side(text, Side::ours) == "a = 1\nb = 1\nc = 1\r\n");
        CHECK(conflict_side(text, Side::theirs) == "a = 1\nb = 2\nc = 2\r\n");
    }
    SUBCASE("a lone marker, or eight characters, is no conflict") {
        CHECK(find_conflicts("note = \"\"\"\n<<<<<<< HEAD\n\"\"\"\n").empty());
        CHECK(find_conflicts("<<<<<<<<\n=======\n>>>>>>>\n").empty());
        const std::string text = "<<<<<<< x\n<<<<<<< y\na\n=======\nb\n>>>>>>> z";
        REQUIRE(find_conflicts(text).size() == 1);
        CHECK(find_conflicts(text)[0].begin == 2);
        CHECK(conflict_side(text, Side::theirs) == "<<<<<<< x\nb\n");
    }
    SUBCASE("a byte-order mark is kept and is not part of the first line") {
        const std::string text =
            "\xEF\xBB\xBF<<<<<<< ours\na = 1\n=======\na = 2\n>>>>>>> theirs\n";
        REQUIRE(find_conflicts(text).size() == 1);
        CHECK(conflict_side(text, Side::ours) == "\xEF\xBB\xBF"
                                                 "a = 1\n");
    }
    SUBCASE("crm's labels carry a message, git's do not") {
        CHECK(crm_conflict_message("ours: 'class' changed on both sides: \"a\" in ours, \"b\" "
                                   "in theirs") ==
              "'class' changed on both sides: \"a\" in ours, \"b\" in theirs");
        CHECK_FALSE(crm_conflict_message("ours"));
        CHECK_FALSE(crm_conflict_message("HEAD"));
        CHECK_FALSE(crm_conflict_message("ours: something else"));
    }
}
