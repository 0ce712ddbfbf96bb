#include "crm/error.hpp"
#include "editor.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace crm;
using Words = std::vector<std::string>;

TEST_CASE("editor_command") {
    SUBCASE("$VISUAL first, then $EDITOR, then vi; blank ones do not count") {
        CHECK(io::editor_command("code --wait", "nano") == "code --wait");
        CHECK(io::editor_command(std::nullopt, "nano") == "nano");
        CHECK(io::editor_command("  ", "nano") == "nano");
        CHECK(io::editor_command(std::nullopt, std::nullopt) == "vi");
    }
}

TEST_CASE("split_command") {
    SUBCASE("blanks separate words") {
        CHECK(io::split_command("code  --wait\t-n") == Words{"code", "--wait", "-n"});
    }
    SUBCASE("quotes and backslashes group, and nothing is expanded") {
        CHECK(io::split_command(R"("/opt/My Editor/ed" -c 'set ft=toml' a\ b $HOME)") ==
              Words{"/opt/My Editor/ed", "-c", "set ft=toml", "a b", "$HOME"});
        CHECK(io::split_command(R"(ed "")") == Words{"ed", ""});
    }
    SUBCASE("an unclosed quote is an error") {
        CHECK_THROWS_AS(io::split_command("ed 'oops"), Error);
    }
}

TEST_CASE("run_editor") {
    io::EditBuffer buffer("x; touch pwned $(id) `id`.toml", "before\n");
    SUBCASE("the path is one argument, never seen by a shell") {
        // The editor's own words may use a shell; the path arrives as $0.
        io::run_editor(R"(sh -c 'printf "after\n" > "$0"')", buffer.path());
        CHECK(buffer.read() == "after\n");
        CHECK_FALSE(std::filesystem::exists(buffer.path().parent_path() / "pwned"));
        CHECK_FALSE(std::filesystem::exists("pwned"));
    }
    SUBCASE("an editor that fails is an error naming it") {
        CHECK_THROWS_WITH_AS(io::run_editor("false", buffer.path()),
                             "the editor 'false' failed (exit status 1)", Error);
    }
    SUBCASE("an editor that does not exist is an error naming it") {
        CHECK_THROWS_WITH_AS(io::run_editor("no-such-editor-here", buffer.path()),
                             "cannot run the editor 'no-such-editor-here': no such file or "
                             "directory",
                             Error);
    }
    buffer.discard();
}
