#include "crm/edit.hpp"
#include "crm/parse.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

using namespace crm;

namespace {

Date day(const char* iso) {
    return *parse_date(iso);
}

LogDraft visit() {
    return {day("2026-11-23"), "amy", "visit", "She wants the 5 kg bag next time",
            day("2026-11-30")};
}

Change log_only() {
    Change c;
    c.log = visit();
    return c;
}

// What a TOML parser reads back from `note = <toml_string(value)>`.
std::string round_trip(const std::string& value, const char* eol = "\n") {
    const std::string doc = "note = " + toml_string(value, eol) + eol;
    return toml::parse(doc)["note"].value<std::string>().value_or("<not a string>");
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("detect_layout") {
    SUBCASE("a file whose first line ends in CRLF is written with CRLF") {
        CHECK(detect_layout("a = 1\r\nb = 2\n").eol == "\r\n");
        CHECK(detect_layout("a = 1\nb = 2\r\n").eol == "\n");
    }
    SUBCASE("a byte-order mark is noticed") {
        CHECK(detect_layout("\xEF\xBB\xBFname = \"x\"\n").bom);
        CHECK_FALSE(detect_layout("name = \"x\"\n").bom);
    }
    SUBCASE("a missing final newline is noticed; an empty file lacks nothing") {
        CHECK_FALSE(detect_layout("a = 1").final_newline);
        CHECK(detect_layout("a = 1\n").final_newline);
        CHECK(detect_layout("").final_newline);
    }
}

TEST_CASE("append_block") {
    const std::string block = "[[log]]\ndate = 2026-11-23\n";
    const auto append = [&](const std::string& text) {
        return append_block(text, block, detect_layout(text));
    };
    SUBCASE("one blank line separates the block from the file") {
        CHECK(append("a = 1\n") == "a = 1\n\n" + block);
    }
    SUBCASE("a file already ending in a blank line gets no second one") {
        CHECK(append("a = 1\n\n") == "a = 1\n\n" + block);
        CHECK(append("a = 1\n \t\n") == "a = 1\n \t\n" + block);
    }
    SUBCASE("a last line without a line ending gets one, so a comment cannot swallow the block") {
        CHECK(append("a = 1\n# last") == "a = 1\n# last\n\n" + block);
        const std::string out = append("a = 1\n# last");
        CHECK(toml::parse(out)["log"][0]["date"].is_date());
    }
    SUBCASE("an empty file, or one holding only a byte-order mark, gets the block alone") {
        CHECK(append("") == block);
        CHECK(append("\xEF\xBB\xBF") == "\xEF\xBB\xBF" + block);
    }
    SUBCASE("the line ending added is the file's") {
        const std::string crlf = "a = 1\r\n# last";
        Layout layout = detect_layout(crlf);
        CHECK(append_block(crlf, "B\r\n", layout) == "a = 1\r\n# last\r\n\r\nB\r\n");
    }
}

TEST_CASE("toml_string") {
    SUBCASE("one line becomes a basic string with quotes and backslashes escaped") {
        CHECK(toml_string("She said \"no\"") == R"("She said \"no\"")");
        CHECK(toml_string(R"(C:\orders)") == R"("C:\\orders")");
        CHECK(toml_string("張偉\tok") == "\"張偉\tok\"");
    }
    SUBCASE("several lines become a multi-line string with the file's line ending") {
        CHECK(toml_string("one\ntwo", "\n") == "\"\"\"\none\ntwo\"\"\"");
        CHECK(toml_string("one\ntwo", "\r\n") == "\"\"\"\r\none\r\ntwo\"\"\"");
    }
    SUBCASE("every value reads back exactly, whatever it holds") {
        for (const std::string v :
             {"plain", "quote \" inside", "\"\"\" three quotes", "ends with a quote\"",
              "ends with two\"\"", "back\\slash\\", "bell \x07 and del \x7F", "tab\tin",
              "lone \r return", "two\nlines", "lines\nwith \"\"\"quotes\"\"\"\nand \\ end\"",
              "\nleading newline", "trailing newline\n", "中文\n第二行 \"引號\"", ""}) {
            CAPTURE(v);
            CHECK(round_trip(v) == v);
            CHECK(round_trip(v, "\r\n") == v);
        }
    }
}

TEST_CASE("clean_note") {
    SUBCASE("CRLF and CR become LF; trailing blanks and surrounding blank lines go") {
        CHECK(clean_note("\n\r\none  \r\ntwo\rthree\t\n\n", false) == "one\ntwo\nthree");
    }
    SUBCASE("blank lines inside the note stay") {
        CHECK(clean_note("one\n\ntwo\n", false) == "one\n\ntwo");
    }
    SUBCASE("the editor template's comment lines go, only when asked") {
        CHECK(clean_note("note\n# help\n", true) == "note");
        CHECK(clean_note("note\n# kept\n", false) == "note\n# kept");
    }
}

TEST_CASE("render_log") {
    SUBCASE("keys in the documented order, empty ones left out") {
        LogDraft e{day("2026-11-23"), "amy", "call", "", std::nullopt};
        CHECK(render_log(e, Layout{}) == "[[log]]\ndate = 2026-11-23\nby = \"amy\"\n"
                                         "kind = \"call\"\n");
        CHECK(render_log(visit(), Layout{}) ==
              "[[log]]\ndate = 2026-11-23\nby = \"amy\"\nkind = \"visit\"\n"
              "note = \"She wants the 5 kg bag next time\"\nnext = 2026-11-30\n");
    }
    SUBCASE("the layout's indentation and line ending are used") {
        const Layout l{.eol = "\r\n", .header_indent = "", .key_indent = "\t"};
        LogDraft e{day("2026-11-23"), "", "", "", std::nullopt};
        CHECK(render_log(e, l) == "[[log]]\r\n\tdate = 2026-11-23\r\n");
    }
}

TEST_CASE("render_payment") {
    SUBCASE("amounts are written exactly, with decimals only when needed") {
        CHECK(render_payment({day("2026-11-23"), Money::whole(300), "amy", {}}, Layout{}) ==
              "[[payment]]\ndate = 2026-11-23\namount = 300\nby = \"amy\"\n");
        CHECK(render_payment({day("2026-11-23"), Money{1250}, "", {}}, Layout{}) ==
              "[[payment]]\ndate = 2026-11-23\namount = 12.50\n");
    }
}

TEST_CASE("apply_change") {
    SUBCASE("a log entry is appended and nothing else changes") {
        const std::string text = "name = \"x\" # keep\n\n# end\n";
        const Edited e = apply_change(text, log_only());
        REQUIRE(e.ok());
        CHECK(e.text.starts_with(text));
        CHECK(e.text.substr(text.size()) == "\n" + render_log(visit(), Layout{}));
    }
    SUBCASE("the class is replaced in place, keeping its quotes, spacing and comment") {
        Change c;
        c.new_class = "later";
        CHECK(apply_change("class = \"now\"   # c\nx = 1\n", c).text ==
              "class = \"later\"   # c\nx = 1\n");
        CHECK(apply_change("class='now'#c\n", c).text == "class='later'#c\n");
        CHECK(apply_change("name = \"張偉\"; class = \"now\"\n", c).ok() == false);
    }
    SUBCASE("a missing class gets its own line after the name, indented as the name is") {
        Change c;
        c.new_class = "later";
        CHECK(apply_change("# c\n  name = \"張偉\"  # n\nowner = \"amy\"\n", c).text ==
              "# c\n  name = \"張偉\"  # n\n  class = \"later\"\nowner = \"amy\"\n");
        CHECK(apply_change("owner = \"amy\"\r\nname = \"x\"", c).text ==
              "owner = \"amy\"\r\nname = \"x\"\r\nclass = \"later\"\r\n");
        CHECK(apply_change("owner = \"amy\"\n", c).text == "class = \"later\"\nowner = \"amy\"\n");
    }
    SUBCASE("new entries are indented as the file's latest entry") {
        const Edited e =
            apply_change("name = \"x\"\n\n  [[log]]\n\tdate = 2026-01-01\n", log_only());
        REQUIRE(e.ok());
        CHECK(e.text.find("\n  [[log]]\n\tdate = 2026-11-23\n\tby = \"amy\"\n") !=
              std::string::npos);
    }
    SUBCASE("an inline array of logs is refused with an explanation") {
        const Edited e = apply_change("name = \"x\"\nlog = [{ date = 2026-01-01 }]\n", log_only());
        CHECK(e.error == "'log' on line 2 is an inline array, which cannot take a [[log]] entry");
        CHECK(e.hint == "write each entry as a [[log]] table (see crm(5)), or use 'crm edit'");
        CHECK(e.text.empty());
    }
    SUBCASE("a payment cannot be added to an inline array of payments either") {
        Change c = log_only();
        c.payment = PaymentDraft{day("2026-11-23"), Money::whole(300), "amy", {}};
        CHECK(apply_change("payment = []\n", c).error ==
              "'payment' on line 1 is an inline array, which cannot take a [[payment]] entry");
    }
    SUBCASE("a file that is not TOML is refused, naming the line") {
        const Edited e = apply_change("name = \"x\nclass = \"now\"\n", log_only());
        CHECK(e.error.starts_with("the file does not parse (line 1: "));
        CHECK(e.hint == "fix it first, or use 'crm edit'");
    }
}

TEST_CASE("verify_change") {
    const std::string before = "name = \"x\"\n[[log]]\ndate = 2026-01-01\n";
    const Change change = log_only();
    const std::string after = apply_change(before, change).text;
    SUBCASE("the old data plus the new entry passes") {
        CHECK(verify_change(before, after, change) == "");
    }
    SUBCASE("a lost old entry, a changed value or a wrong new entry fails") {
        const std::string lost = "name = \"x\"\n" + render_log(visit(), Layout{});
        CHECK(verify_change(before, lost, change) ==
              "the new text does not hold exactly the old data and the new entry");
        std::string changed = after;
        changed.replace(changed.find("\"x\""), 3, "\"y\"");
        CHECK_FALSE(verify_change(before, changed, change).empty());
        Change other = change;
        other.log->note += ".";
        CHECK_FALSE(verify_change(before, after, other).empty());
    }
    SUBCASE("a text cut short does not parse and fails") {
        CHECK(verify_change(before, after.substr(0, after.size() - 20), change)
                  .starts_with("the new text does not parse"));
    }
}

// The corpus: each formatting case a hand-written file, compared byte for byte
// with its expectation. CRM_UPDATE_CORPUS=1 writes the expectations instead.
TEST_CASE("apply_change on the corpus") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(CRM_SOURCE_DIR) / "tests/fixtures/edit-corpus";
    const bool update = std::getenv("CRM_UPDATE_CORPUS") != nullptr;
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string file = entry.path().filename().string();
        if (!file.ends_with(".toml") || file.ends_with(".expected.toml"))
            continue;
        const std::string name = file.substr(0, file.size() - 5);
        CAPTURE(name);
        ++cases;
        Change change = log_only();
        if (name.starts_with("class-"))
            change.new_class = "later";
        if (name.starts_with("paid-") || name.starts_with("refuse-"))
            change.payment = PaymentDraft{day("2026-11-23"), Money::whole(300), "amy", {}};
        const std::string text = slurp(entry.path());
        const Edited e = apply_change(text, change);
        const bool refused = name.starts_with("refuse-");
        const fs::path expected = dir / (name + (refused ? ".refused.txt" : ".expected.toml"));
        const std::string actual = refused ? e.error + "\n" + e.hint + "\n" : e.text;
        if (update)
            std::ofstream(expected, std::ios::binary) << actual;
        CHECK(e.ok() == !refused);
        CHECK(slurp(expected) == actual);
        if (refused)
            continue;
        // Everything that was there is still there, byte for byte.
        CHECK(verify_change(text, e.text, change) == "");
        if (!change.new_class)
            CHECK(e.text.starts_with(text));
    }
    CHECK(cases >= 20);
}
