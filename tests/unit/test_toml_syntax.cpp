// Syntax errors through crm's parser: positions as editors expect them. Also
// the regression cases for toml++ 3.3's undefined behaviour in its debug
// path, which a sanitizer build must survive.

#include "../../src/core/toml_reader.hpp"
#include "crm/parse.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

Diagnostic syntax_error(std::string_view text) {
    const auto parsed = parse_customer(text, "customers/x.toml", Settings{});
    REQUIRE_FALSE(parsed.value);
    REQUIRE(parsed.diagnostics.size() == 1);
    return parsed.diagnostics[0];
}

// A merge conflict is an error too, but the customer is read from our side
// of it, so that it stays on the agenda and can be found.
Diagnostic conflict_error(std::string_view text, unsigned line) {
    const auto parsed = parse_customer(text, "customers/x.toml", Settings{});
    REQUIRE(parsed.value);
    CHECK(parsed.value->name == "A");
    CHECK(parsed.value->conflict_line == line);
    REQUIRE(parsed.diagnostics.size() == 1);
    return parsed.diagnostics[0];
}

} // namespace

TEST_CASE("parse_customer syntax errors") {
    SUBCASE("inputs that upset toml++ 3.3 give positioned errors") {
        const Diagnostic cafe = syntax_error("café = 1\n");
        CHECK(cafe.line == 1);
        CHECK(cafe.column == 4);
        const Diagnostic bracket = syntax_error("[&");
        CHECK(bracket.line == 1);
        CHECK(bracket.column == 2);
        const Diagnostic nested = syntax_error("[[[1]]]");
        CHECK(nested.line == 1);
        CHECK(nested.column == 3);
        const Diagnostic combining = syntax_error("\xcc\xaa");
        CHECK(combining.line == 1);
        CHECK(combining.column == 1);
    }
    SUBCASE("columns count characters, not bytes") {
        const Diagnostic d = syntax_error("name = \"張偉\" x\n");
        CHECK(d.line == 1);
        CHECK(d.column == 13);
    }
    SUBCASE("a byte-order mark is not a column") {
        const Diagnostic d = syntax_error("\xEF\xBB\xBFname = = 1\n");
        CHECK(d.column == 8);
        const Diagnostic plain = syntax_error("name = = 1\n");
        CHECK(plain.column == d.column);
    }
    SUBCASE("bytes that are not UTF-8 are located") {
        const Diagnostic d = syntax_error("name = \"ok\"\nnote = \"caf\xe9\"\n");
        CHECK(format_diagnostic(d) ==
              "customers/x.toml:2:12: error: bytes that are not UTF-8 (save the file as UTF-8)");
    }
    SUBCASE("a git merge conflict is named, at its first marker") {
        const std::string conflict = "name = \"A\"\n<<<<<<< HEAD\nclass = \"now\"\n=======\n"
                                     "class = \"later\"\n>>>>>>> ben\n";
        CHECK(format_diagnostic(conflict_error(conflict, 2)) ==
              "customers/x.toml:2:1: error: an unresolved git merge conflict (keep the lines "
              "you want, delete the <<<<<<<, ======= and >>>>>>> lines, then run crm check)");
        const Diagnostic crlf = conflict_error("name = \"A\"\r\n<<<<<<<\r\nclass = 1\r\n"
                                               "=======\r\nclass = 2\r\n>>>>>>> ben\r\n",
                                               2);
        CHECK(crlf.line == 2);
        CHECK(crlf.message == "an unresolved git merge conflict");
        // Seven '<' inside a line, or eight, are no marker; nor is one
        // marker quoted in a note when the error is elsewhere.
        CHECK(syntax_error("x = <<<<<<<\n=======\n>>>>>>>\n").message !=
              "an unresolved git merge conflict");
        CHECK(syntax_error("<<<<<<<<\n=======\n>>>>>>>\n").message !=
              "an unresolved git merge conflict");
        const Diagnostic quoted =
            syntax_error("notes = \"\"\"\n<<<<<<< HEAD was what he typed\n\"\"\"\nname = = 1\n");
        CHECK(quoted.line == 4);
    }
    SUBCASE("an unclosed string says so") {
        CHECK(format_diagnostic(syntax_error("name = \"A\nclass = \"now\"\n")) ==
              "customers/x.toml:1:10: error: a string runs to the end of the line (add the "
              "closing quote, or use \"\"\" for text over several lines)");
    }
    SUBCASE("a non-ASCII bare key is told to be quoted") {
        const Diagnostic d = syntax_error("名字 = \"A\"\n");
        CHECK(d.column == 1);
        CHECK(d.hint.find("quote any other key") != std::string::npos);
    }
}

TEST_CASE("parse_customer date errors") {
    SUBCASE("only a day out of range is told to check the month's length") {
        CHECK(syntax_error("since = 2026-02-30\n").hint == "check the month's length");
        CHECK(syntax_error("since = 2026-13-01\n").hint == "months are 1 to 12");
    }
    SUBCASE("a date written wrong says how to write one") {
        for (const char* text : {"since = 2020-01-01x\n", "since = 10000-01-01\n"}) {
            CAPTURE(text);
            const Diagnostic d = syntax_error(text);
            CHECK(d.message.starts_with("malformed date '"));
            CHECK(d.hint == "write a date as YYYY-MM-DD, like 2026-11-23, alone on its value");
        }
    }
}

// cli/toml_messages_zh checks the Chinese, with the catalogs the unit tests
// do not bind; here, which sentence each message is, its parts, and that
// the English comes back byte for byte.
TEST_CASE("toml++'s messages are matched, and kept as they are in English") {
    using detail::known_toml_message;
    using detail::translate_toml_message;
    struct Case {
        const char* english;
        const char* format;
        std::vector<std::string> holes;
        std::vector<bool> quoted;
    };
    const std::vector<Case> cases = {
        {"expected '=', saw 'x'", "expected '{}', saw '{}'", {"=", "x"}, {true, true}},
        {"expected day between 1 and 28 (inclusive), saw 30",
         "expected day between 1 and {} (inclusive), saw {}",
         {"28", "30"},
         {false, false}},
        // The key is the file's: it stays as written even when it is a
        // word toml++ uses for a type.
        {"cannot redefine existing string 'date'",
         "cannot redefine existing {0} '{1}'",
         {"string", "date"},
         {false, true}},
        {"cannot redefine existing table 'a' as array-of-tables",
         "cannot redefine existing {0} '{1}' as {2}",
         {"table", "a", "array-of-tables"},
         {false, true, false}},
        {"cannot redefine existing table 'a'",
         "cannot redefine existing table '{}'",
         {"a"},
         {true}},
        {"cannot redefine existing integer as dotted key-value pair",
         "cannot redefine existing {} as dotted key-value pair",
         {"integer"},
         {false}},
        {"expected key-value pair, saw closing '}' (dangling comma)",
         "expected key-value pair, saw closing '}}' (dangling comma)",
         {},
         {}},
        {"unknown escape sequence '\\q'", "unknown escape sequence '\\{}'", {"q"}, {false}},
        {"expected '\\n' after '\\r', saw EOF",
         "expected '\\n' after '\\r', saw {}",
         {"EOF"},
         {false}},
        {"encountered end-of-file", "encountered end-of-file", {}, {}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.english);
        const auto m = known_toml_message(c.english);
        REQUIRE(m);
        CHECK(std::string(m->format) == c.format);
        CHECK(translate_toml_message(c.english) == c.english);
        CHECK(m->holes == c.holes);
        CHECK(m->quoted == c.quoted);
    }
    SUBCASE("a sentence toml++ never wrote is none of them, and stays as it is") {
        CHECK_FALSE(known_toml_message("a sentence toml++ never wrote"));
        CHECK_FALSE(known_toml_message(""));
        CHECK_FALSE(known_toml_message("encountered end-of-file!"));
        CHECK(translate_toml_message("a sentence toml++ never wrote") ==
              "a sentence toml++ never wrote");
    }
}
